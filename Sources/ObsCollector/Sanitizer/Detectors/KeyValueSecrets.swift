/// What the key/value rules know: which keys hold secrets, which words only look like such keys, and
/// which values are too plain to be secrets.
///
/// Two tiers:
/// - A key that *ends with* a secret word (`password`, `client_secret`, `X-Auth-Token`, `apiKey`, ...),
///   followed by `=`, `:`, `=>`, `:=` or an XML element's `>`, loses its whole value, whatever it is
///   (`password=hunter2` → `password=[password]`). Separators `_ - .` and case are ignored when comparing.
/// - Any other key that *mentions* a secret word or a service's name within its last words, followed by
///   any assignment (also `,`, `>`, `||`, as in tuples, arrows and shell tests), loses its value only
///   when the value looks generated: long enough, not only letters, and random enough (Shannon entropy).
///   This is the `generic-secret` rule.
enum KeyValueSecrets {
    /// Bytes of a key: `A-Za-z0-9_.-`.
    static let keyBytes = ByteSet("A-Za-z0-9_.-")
    /// Bytes of the words before an assignment that the second tier reads: a key, or a few words.
    static let regionBytes = ByteSet("A-Za-z0-9_.% \t-")
    /// Bytes of a generated value: letters, digits and `_ = + / % : ~ . -`.
    static let valueBytes = ByteSet("A-Za-z0-9_=+/%:~.-")
    /// Bytes skipped between a key and its assignment: whitespace and quotes.
    static let spaceOrQuote = ByteSet(" \t\n\r\u{0B}\u{0C}\"'")
    /// Bytes skipped between an assignment and a generated value: whitespace, quotes, backquotes, `=`.
    static let valueLead = ByteSet(" \t\n\r\u{0B}\u{0C}\"'`=")

    /// Key endings that make the value a secret, longest first, with the rule that removes it.
    static let secretKeyEndings: [(ending: StaticBytes, rule: BuiltinRule)] = [
        ("awssecretaccesskey", .awsSecretKey), ("secretaccesskey", .awsSecretKey), ("awssecretkey", .awsSecretKey),
        ("sharedaccesskey", .secret), ("subscriptionkey", .apiKey), ("authorization", .authorization),
        ("encryptionkey", .secret), ("clientsecret", .secret), ("credentials", .secret),
        ("passphrase", .password), ("privatekey", .secret), ("signingkey", .secret), ("credential", .secret),
        ("accountkey", .secret), ("sessiontoken", .token), ("sessionid", .token), ("secretkey", .secret),
        ("accesskey", .apiKey), ("masterkey", .secret), ("password", .password), ("apikey", .apiKey),
        ("appkey", .apiKey), ("passwd", .password), ("cookie", .cookie), ("secret", .secret),
        ("sessid", .token), ("token", .token), ("pwd", .password),
    ].sorted { $0.0.count > $1.0.count }

    /// Values that stand for no secret: booleans, nothing, and placeholders.
    static let placeholders: Set<[UInt8]> = Set(
        ["true", "false", "null", "nil", "none", "yes", "no", "undefined", "empty", "redacted", "hidden", "xxx"]
            .map { Array($0.utf8) })

    /// How sure a word in a key makes the second tier.
    enum Strength {
        /// A generic word (`key`, `token`, `auth`, ...): the value must look generated (entropy ≥ 3.5, 10+ bytes).
        case generic
        /// A password word: 8+ bytes and entropy ≥ 2.5 will do.
        case password
        /// A service's name: 14+ bytes and entropy ≥ 2.0.
        case service
    }

    /// Words the second tier looks for in the words before an assignment (lowercase, separators removed).
    static let keywords: [(word: StaticBytes, strength: Strength)] =
        [
            "access", "api", "auth", "credential", "creds", "key", "private", "secret", "session", "token",
            "bearer", "signature",
        ].map { (StaticBytes($0), .generic) }
        + ["password", "passwd", "passphrase"].map { (StaticBytes($0), .password) }
        + [
            "adafruit", "adobe", "airtable", "algolia", "alibaba", "asana", "atlassian", "confluence", "jira",
            "beamer", "bitbucket", "bittrex", "meraki", "cloudflare", "codecov", "cohere", "coinbase",
            "confluent", "contentful", "datadog", "dnkey", "discord", "droneci", "dropbox", "etsy", "facebook",
            "fastly", "finicity", "finnhub", "flickr", "freshbooks", "gitter", "gocardless", "heroku", "hubspot",
            "intercom", "jfrog", "artifactory", "bintray", "xray", "kraken", "kucoin", "launchdarkly", "linear",
            "linkedin", "lob", "looker", "mailchimp", "mailgun", "mapbox", "mattermost", "messagebird", "netlify",
            "newrelic", "nytimes", "newyorktimes", "okta", "plaid", "privateai", "rapidapi", "sendbird", "sentry",
            "snyk", "sonar", "squarespace", "sumo", "telegr", "travis", "twitch", "twitter", "typeform", "yandex",
            "zendesk", "contribsys", "sidekiq", "gitlab", "new-relic", "new_relic", "message-bird", "message_bird",
            "linked-in", "linked_in", "new-york-times", "sourcegraph",
        ].map { (StaticBytes($0), .service) }

    /// Keys that name a hash or digest: their values look random but are no secret.
    static let hashNames: [StaticBytes] = [
        "sha", "sha1", "sha224", "sha256", "sha384", "sha512", "md5", "digest", "checksum", "hash", "etag",
        "commit", "fingerprint", "crc32",
    ]

    /// Plain words that contain a keyword (`rapid`, `monkey`, `keyboard`, `author`): a keyword inside one
    /// of them does not count.
    static let harmlessWords: [StaticBytes] = [
        "rapid", "capital", "monkey", "turkey", "hockey", "donkey", "whiskey", "jockey", "hotkey", "keyboard",
        "keyword", "keyspace", "keystroke", "author", "accessor", "accessib", "tokeniz", "secretar", "passwordless",
        "blob", "global",
    ]

    /// Words before a generic keyword that make a name of something else (`public_key`, `sort_key`,
    /// `csrf_token`), separators between them ignored.
    static let harmlessBefore: [StaticBytes] = [
        "public", "pub", "primary", "foreign", "sort", "partition", "cache", "idempotency", "dedup", "routing",
        "lookup", "hash", "row", "shard", "object", "bucket", "map", "dict", "group", "metric", "label", "random",
        "csrf", "xsrf",
    ]

    /// Words after a generic keyword that make it describe something else (`key_id`, `token_count`,
    /// `api_version`, `secret_name`), separators between them ignored.
    static let harmlessAfter: [StaticBytes] = [
        "id", "name", "type", "size", "len", "count", "file", "path", "dir", "url", "uri", "endpoint", "version",
        "format", "alg", "hash", "fingerprint", "prefix", "expir", "ttl", "timeout", "policy", "mode", "scope",
        "header", "field", "store", "alias", "pair", "ring", "method", "provider", "scheme", "status", "limit",
        "usage", "hint", "label", "index", "enabled", "required", "pool", "server", "host", "port", "user",
        "level", "rule", "manager", "service", "error",
    ]
}
