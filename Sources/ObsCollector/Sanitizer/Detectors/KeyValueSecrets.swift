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
    /// Bytes of a key: `A-Za-z0-9_.-`. (`A-Za-z0-9_.-`)
    static var keyBytes: ByteSet { ByteSet(bits: 0x03FF_6000_0000_0000, 0x07FF_FFFE_87FF_FFFE) }
    /// Bytes of the words before an assignment that the second tier reads: a key, or a few words. (`A-Za-z0-9_.% \t-`)
    static var regionBytes: ByteSet { ByteSet(bits: 0x03FF_6021_0000_0200, 0x07FF_FFFE_87FF_FFFE) }
    /// Bytes of a generated value: letters, digits and `_ = + / % : ~ . -`. (`A-Za-z0-9_=+/%:~.-`)
    static var valueBytes: ByteSet { ByteSet(bits: 0x27FF_E820_0000_0000, 0x47FF_FFFE_87FF_FFFE) }
    /// Bytes skipped between a key and its assignment: whitespace and quotes. (space \t \n \r \v \f " ')
    static var spaceOrQuote: ByteSet { ByteSet(bits: 0x0000_0085_0000_3E00, 0x0000_0000_0000_0000) }
    /// Bytes skipped between an assignment and a generated value: whitespace, quotes, backquotes, `=`. (space \t \n \r \v \f " ' ` =)
    static var valueLead: ByteSet { ByteSet(bits: 0x2000_0085_0000_3E00, 0x0000_0001_0000_0000) }

    /// Key endings that make the value a secret, longest first, with the rule that removes it.
    static let secretKeyEndings: [(ending: StaticString, rule: BuiltinRule)] = [
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
    static let placeholders: [StaticString] = [
        "true", "false", "null", "nil", "none", "yes", "no", "undefined", "empty", "redacted", "hidden", "xxx",
    ]

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
    /// Words the second tier looks for in the words before an assignment, sorted by their first byte.
    static let keywords: [(word: StaticString, strength: Strength)] = [
        ("access", .generic), ("api", .generic), ("auth", .generic), ("adafruit", .service), ("adobe", .service),
        ("airtable", .service), ("algolia", .service), ("alibaba", .service), ("asana", .service),
        ("atlassian", .service), ("artifactory", .service), ("bearer", .generic), ("beamer", .service),
        ("bitbucket", .service), ("bittrex", .service), ("bintray", .service), ("credential", .generic),
        ("creds", .generic), ("confluence", .service), ("cloudflare", .service), ("codecov", .service),
        ("cohere", .service), ("coinbase", .service), ("confluent", .service), ("contentful", .service),
        ("contribsys", .service), ("datadog", .service), ("dnkey", .service), ("discord", .service),
        ("droneci", .service), ("dropbox", .service), ("etsy", .service), ("facebook", .service),
        ("fastly", .service), ("finicity", .service), ("finnhub", .service), ("flickr", .service),
        ("freshbooks", .service), ("gitter", .service), ("gocardless", .service), ("gitlab", .service),
        ("heroku", .service), ("hubspot", .service), ("intercom", .service), ("jira", .service),
        ("jfrog", .service), ("key", .generic), ("kraken", .service), ("kucoin", .service),
        ("launchdarkly", .service), ("linear", .service), ("linkedin", .service), ("lob", .service),
        ("looker", .service), ("linked-in", .service), ("linked_in", .service), ("meraki", .service),
        ("mailchimp", .service), ("mailgun", .service), ("mapbox", .service), ("mattermost", .service),
        ("messagebird", .service), ("message-bird", .service), ("message_bird", .service), ("netlify", .service),
        ("newrelic", .service), ("nytimes", .service), ("newyorktimes", .service), ("new-relic", .service),
        ("new_relic", .service), ("new-york-times", .service), ("okta", .service), ("private", .generic),
        ("password", .password), ("passwd", .password), ("passphrase", .password), ("plaid", .service),
        ("privateai", .service), ("rapidapi", .service), ("secret", .generic), ("session", .generic),
        ("signature", .generic), ("sendbird", .service), ("sentry", .service), ("snyk", .service),
        ("sonar", .service), ("squarespace", .service), ("sumo", .service), ("sidekiq", .service),
        ("sourcegraph", .service), ("token", .generic), ("telegr", .service), ("travis", .service),
        ("twitch", .service), ("twitter", .service), ("typeform", .service), ("xray", .service),
        ("yandex", .service), ("zendesk", .service),
    ]

    /// For each lowercase first byte, the range of `keywords` that start with it.
    static let keywordRanges: [Range<Int>] = (0..<256).map { byte in
        let first = keywords.firstIndex { Int($0.word[0]) == byte } ?? 0
        let end = keywords.lastIndex { Int($0.word[0]) == byte }.map { $0 + 1 } ?? 0
        return first..<Swift.max(first, end)
    }

    /// Keys that name a hash or digest: their values look random but are no secret.
    static let hashNames: [StaticString] = [
        "sha", "sha1", "sha224", "sha256", "sha384", "sha512", "md5", "digest", "checksum", "hash", "etag",
        "commit", "fingerprint", "crc32",
    ]

    /// Plain words that contain a keyword (`rapid`, `monkey`, `keyboard`, `author`): a keyword inside one
    /// of them does not count.
    static let harmlessWords: [StaticString] = [
        "rapid", "capital", "monkey", "turkey", "hockey", "donkey", "whiskey", "jockey", "hotkey", "keyboard",
        "keyword", "keyspace", "keystroke", "author", "accessor", "accessib", "tokeniz", "secretar", "passwordless",
        "blob", "global",
    ]

    /// Words before a generic keyword that make a name of something else (`public_key`, `sort_key`,
    /// `csrf_token`), separators between them ignored.
    static let harmlessBefore: [StaticString] = [
        "public", "pub", "primary", "foreign", "sort", "partition", "cache", "idempotency", "dedup", "routing",
        "lookup", "hash", "row", "shard", "object", "bucket", "map", "dict", "group", "metric", "label", "random",
        "csrf", "xsrf",
    ]

    /// Words after a generic keyword that make it describe something else (`key_id`, `token_count`,
    /// `api_version`, `secret_name`), separators between them ignored.
    static let harmlessAfter: [StaticString] = [
        "id", "name", "type", "size", "len", "count", "file", "path", "dir", "url", "uri", "endpoint", "version",
        "format", "alg", "hash", "fingerprint", "prefix", "expir", "ttl", "timeout", "policy", "mode", "scope",
        "header", "field", "store", "alias", "pair", "ring", "method", "provider", "scheme", "status", "limit",
        "usage", "hint", "label", "index", "enabled", "required", "pool", "server", "host", "port", "user",
        "level", "rule", "manager", "service", "error",
    ]
}
