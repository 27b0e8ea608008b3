// MARK: - Standard rules

extension Sanitizer {
    /// The standard rules. Docs/GUIDE.md ("Sanitizer rules") shows each with an example.
    ///
    /// | name | removes | keeps |
    /// |------|---------|-------|
    /// | `private-key` | PEM, OpenSSH and PGP private key blocks, across lines, to their END line (or the text's end); age secret keys | — |
    /// | `jwt` | JSON Web Tokens (`eyJ…` and two more segments, also glued to preceding text), base64-wrapped JWTs | — |
    /// | `credentials` | user info in URLs and connection strings (`postgres://user:password@`, `redis://:pw@`, a 16+ character token), `curl -u user:password` | scheme, host |
    /// | `webhook-url` | Slack, Microsoft Teams and Discord webhook URLs | the scheme |
    /// | `authorization` | credentials of `Authorization:` / `Proxy-Authorization:` headers; `Bearer <token>` (16+ characters with a digit); `Basic <base64 of user:password>` | the scheme word |
    /// | `aws-access-key` | AWS access key ids (`AKIA`, `ASIA`, `ABIA`, `ACCA`, `A3T`) | — |
    /// | `github-token` | `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_` tokens | — |
    /// | `gitlab-token` | GitLab tokens: `glpat-`, `glcbt-`, `gldt-`, `glffct-`, `glft-`, `glimt-`, `glagent-`, `gloas-`, `glptt-`, `glrt-`, `glsoat-`, `GR1348941` | — |
    /// | `slack-token` | `xoxa-`, `xoxb-`, `xoxe-`, `xoxo-`, `xoxp-`, `xoxr-`, `xoxs-`, `xapp-` tokens | — |
    /// | `stripe-key` | `sk_`/`rk_` + `live_`/`test_`/`prod_` keys | — |
    /// | `google-api-key` | `AIza…` keys | — |
    /// | `ai-api-key` | Anthropic (`sk-ant-`), OpenAI (`sk-proj-`, `sk-svcacct-`, `sk-admin-`, `sk-…`), Perplexity (`pplx-`), Hugging Face (`hf_`, `api_org_`) keys | — |
    /// | `vendor-token` | some 100 other issuers' prefixed tokens (`TokenShapes`): npm, PyPI, DigitalOcean, Databricks, 1Password, Atlassian, Azure AD client secrets, Doppler, Dynatrace, Grafana, HashiCorp, Shopify, Twilio, SendGrid, … | — |
    /// | `aws-secret-key` | the value of `aws_secret_access_key`, `aws_secret_key`, `secret_access_key` | the key |
    /// | `password` | the value of keys ending in `password`, `passwd`, `passphrase`, `pwd` | the key |
    /// | `secret` | the value of keys ending in `secret`, `secret_key`, `client_secret`, `private_key`, `signing_key`, `encryption_key`, `credential(s)`, `account_key`, `shared_access_key`, `master_key` | the key |
    /// | `token` | the value of keys ending in `token`, `session_id`, `sessid` | the key |
    /// | `api-key` | the value of keys ending in `api_key`, `apikey`, `app_key`, `access_key`, `subscription_key` | the key |
    /// | `generic-secret` | a generated-looking value (length, not only letters, Shannon entropy) of a key that mentions `key`, `token`, `secret`, `auth`, `access`, `api`, `credential`, a password word or one of some 80 services, after `=`, `:`, `=>`, `,`, `>` or `\|\|` | the key |
    /// | `cookie` | the whole value of a `Cookie:` or `Set-Cookie:` header | the header name |
    /// | `email` | e-mail addresses | — |
    /// | `iban` | IBANs passing the mod-97 check, whole or in groups of four | — |
    /// | `card` | payment card numbers: 13–19 digits, whole or grouped, first digit 2–6, passing the Luhn check | — |
    /// | `imei` | 15-digit IMEIs passing the Luhn check | — |
    /// | `ssn` | US social security numbers `ddd-dd-dddd` with a valid area, group and serial | — |
    /// | `mac` | MAC addresses: six hex pairs joined by `:` or `-` | — |
    /// | `ipv6` | IPv6 addresses (RFC 4291 forms, embedded IPv4, zone), except `::` and `::1` | — |
    /// | `ipv4` | IPv4 addresses, except loopback, `0.0.0.0`, netmasks and a quad that context calls a version | a `:port` |
    /// | `user` | the user name in `/home/<name>`, `/Users/<name>`, `C:\Users\<name>`, `C:\Documents and Settings\<name>` | the rest of the path |
    ///
    /// Key/value rules match `key=value`, `key: value`, `key => value`, `key := value`, JSON `"key": "value"`,
    /// XML `<key>value</key>` and quoted values (with backslash escapes), keys compared case-insensitively with
    /// `_ - .` ignored; a key without a value ("token count 5"), a placeholder value (`true`, `null`, `***`,
    /// `${VAR}`) and a label are left alone. An unquoted value runs to the next whitespace or quote, or to the
    /// next secret key, so `password=a&b,c` loses all of `a&b,c`: over-redaction is the safe side.
    ///
    /// Shapes are matched as whole tokens: a key, address or card number glued to letters or digits
    /// (`AKIA…EXAMPLEpassword`, `x4111111111111111`) is some other word. Deliberately left alone: numbers and
    /// counts, hex ids and hashes (a 40-digit git SHA, a 64-digit SHA-256, `sha256:` digests), UUIDs, trace
    /// and span ids, timestamps, times such as `12:30:45`, versions (`1.2.3`, `v1.2.3.4`, `version 1.2.3.4`),
    /// durations, paths outside home directories. Known false positives: a 13–19 digit id that happens to
    /// pass the Luhn check and starts with 2–6 (and a 15-digit one for `imei`); a four-part version with no
    /// word before it that says so (`10.0.0.1-beta`).
    public static var standardRules: [SanitizerRule] { standardRuleList }

    private static let standardRuleList = BuiltinRule.allCases.map(SanitizerRule.init(builtin:))

    /// The standard rule named `name`, to add to a sanitizer that lacks it.
    ///
    /// - Parameter name: A standard rule's name, e.g. `"email"`.
    /// - Returns: The rule, or `nil` when no standard rule has that name.
    public static func standardRule(named name: String) -> SanitizerRule? {
        standardRuleList.first { $0.name == name }
    }

    /// Whether `line` opens a private key block that it does not close (a `-----BEGIN … PRIVATE KEY-----`
    /// with no END after it): a line-by-line reader must then sanitize the lines up to the block's end
    /// together, or the key's body would pass line by line.
    ///
    /// - Parameter line: One line of input.
    /// - Returns: Whether the line leaves a private key block open.
    package static func opensPrivateKeyBlock(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { RuleScan.opensPrivateKeyBlock(ScanText(bytes: $0)) }
    }
}
