import ObsCollector
import ObsTestSupport
import Testing

/// One positive example of a standard rule: the input, the exact expected output, and a secret that must be gone.
struct RedactionCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var input: String
    var expected: String
    var secret: String

    var testDescription: String { "\(rule): \(input.prefix(50))" }
}

@Suite("Sanitizer standard rules")
struct SanitizerRuleTests {
    static let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"

    static let positives: [RedactionCase] = [
        .init(
            rule: "private-key",
            input:
                "loaded -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAx3Q\n-----END RSA PRIVATE KEY----- from disk",
            expected: "loaded [private-key] from disk", secret: "MIIEpAIBAAKCAQEAx3Q"),
        .init(
            rule: "private-key",
            input: "key -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA truncated here",
            expected: "key [private-key]", secret: "b3BlbnNzaC1rZXktdjEAAAA"),
        .init(
            rule: "private-key",
            input: "-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF0\n-----END PGP PRIVATE KEY BLOCK-----",
            expected: "[private-key]", secret: "lQOYBF0"),
        .init(rule: "jwt", input: "session \(jwt) expired", expected: "session [jwt] expired", secret: "dozjgNryP4J3"),
        .init(rule: "jwt", input: "at 12:30:45\(jwt)", expected: "at 12:30:45[jwt]", secret: "dozjgNryP4J3"),
        .init(
            rule: "credentials", input: "connect postgres://admin:s3cr3t@db.internal:5432/app failed",
            expected: "connect postgres://[credentials]@db.internal:5432/app failed", secret: "s3cr3t"),
        .init(
            rule: "credentials", input: "clone https://x-access-token:p@ss:w0rd@github.com/org/repo.git",
            expected: "clone https://[credentials]@github.com/org/repo.git", secret: "w0rd"),
        .init(
            rule: "credentials", input: "fetch https://ghx0123456789abcdefXYZ@github.com/org/repo",
            expected: "fetch https://[credentials]@github.com/org/repo", secret: "ghx0123456789abcdefXYZ"),
        .init(
            rule: "authorization", input: "Authorization: Basic dXNlcjpwYXNzd29yZA==",
            expected: "Authorization: Basic [authorization]", secret: "dXNlcjpwYXNzd29yZA"),
        .init(
            rule: "authorization", input: "header authorization=Bearer abc.def-123 rejected",
            expected: "header authorization=Bearer [authorization] rejected", secret: "abc.def-123"),
        .init(
            rule: "authorization", input: "sent 'Bearer 0123456789abcdefXYZ' upstream",
            expected: "sent 'Bearer [authorization]' upstream", secret: "0123456789abcdefXYZ"),
        .init(
            rule: "authorization", input: "retrying with Basic dXNlcjpwYXNz now",
            expected: "retrying with Basic [authorization] now", secret: "dXNlcjpwYXNz"),
        .init(
            rule: "aws-access-key", input: "key id AKIAIOSFODNN7EXAMPLE denied",
            expected: "key id [aws-access-key] denied", secret: "AKIAIOSFODNN7EXAMPLE"),
        .init(
            rule: "aws-access-key", input: "temporary ASIAY34FZKBOKMUTVV7A expired",
            expected: "temporary [aws-access-key] expired", secret: "ASIAY34FZKBOKMUTVV7A"),
        .init(
            rule: "github-token", input: "token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 revoked",
            expected: "token [github-token] revoked", secret: "ghp_aBcDeF"),
        .init(
            rule: "github-token", input: "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
            expected: "[github-token]", secret: "github_pat_11ABC"),
        .init(
            rule: "gitlab-token", input: "using glpat-AbCdEfGhIjKlMnOpQrSt12", expected: "using [gitlab-token]",
            secret: "glpat-AbCd"),
        .init(
            rule: "slack-token", input: "slack xoxb-123456789012-abcdefghijKL failed",
            expected: "slack [slack-token] failed",
            secret: "xoxb-1234"),
        .init(
            rule: "stripe-key", input: "charge with sk_live_4eC39HqLyjWDarjtT1zdp7dc",
            expected: "charge with [stripe-key]",
            secret: "sk_live_4eC3"),
        .init(
            rule: "stripe-key", input: "restricted rk_live_0123456789abcdefABCD", expected: "restricted [stripe-key]",
            secret: "rk_live_0123"),
        .init(
            rule: "google-api-key", input: "maps key AIzaSyD-1234567890abcdefghijklmnopqrstu quota",
            expected: "maps key [google-api-key] quota", secret: "AIzaSyD-123"),
        .init(
            rule: "aws-secret-key", input: "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            expected: "aws_secret_access_key = [aws-secret-key]", secret: "wJalrXUtnFEMI"),
        .init(
            rule: "password", input: "password=Tr0ub4dor&3,x;y user=bob", expected: "password=[password] user=bob",
            secret: "&3"),
        .init(
            rule: "password", input: "login failed: password=hunter2 user=bob",
            expected: "login failed: password=[password] user=bob", secret: "hunter2"),
        .init(
            rule: "password", input: #"{"db_password": "hunter 2", "user": "bob"}"#,
            expected: #"{"db_password": "[password]", "user": "bob"}"#, secret: "hunter"),
        .init(
            rule: "password", input: #"{"password":"a\"b\\c"}"#, expected: #"{"password":"[password]"}"#,
            secret: #"a\"b"#),
        .init(rule: "password", input: "Password: hunter2", expected: "Password: [password]", secret: "hunter2"),
        .init(
            rule: "password", input: "PGPASSWORD='correct horse' psql", expected: "PGPASSWORD='[password]' psql",
            secret: "correct horse"),
        .init(
            rule: "password", input: "Config{user=bob, passwd=hunter2}", expected: "Config{user=bob, passwd=[password]",
            secret: "hunter2"),
        .init(rule: "password", input: ":pwd => \"s3cr3t\"", expected: ":pwd => \"[password]\"", secret: "s3cr3t"),
        .init(
            rule: "secret", input: "client_secret=abc123&grant=x", expected: "client_secret=[secret]", secret: "abc123"),
        .init(
            rule: "secret", input: "SECRET_KEY: 'django-insecure-xyz'", expected: "SECRET_KEY: '[secret]'",
            secret: "django"),
        .init(
            rule: "token", input: "GET /cb?access_token=abc123&state=1", expected: "GET /cb?access_token=[token]",
            secret: "abc123"),
        .init(rule: "token", input: "X-Auth-Token: 9f8e7d6c", expected: "X-Auth-Token: [token]", secret: "9f8e7d6c"),
        .init(rule: "token", input: "session_id=s%3Aabc.def", expected: "session_id=[token]", secret: "abc.def"),
        .init(
            rule: "api-key", input: "x-api-key: abcd1234efgh", expected: "x-api-key: [api-key]", secret: "abcd1234efgh"),
        .init(rule: "api-key", input: #"{"apiKey":"k-123"}"#, expected: #"{"apiKey":"[api-key]"}"#, secret: "k-123"),
        .init(rule: "cookie", input: "Cookie: sid=abc123; theme=dark", expected: "Cookie: [cookie]", secret: "abc123"),
        .init(
            rule: "email", input: "notify alice.smith+tag@example.co.uk.", expected: "notify [email].", secret: "alice"),
        .init(rule: "email", input: "<bob@mail.example.com>", expected: "<[email]>", secret: "bob@"),
        .init(
            rule: "card", input: "card 4111 1111 1111 1111 declined", expected: "card [card] declined",
            secret: "4111 1111"),
        .init(rule: "card", input: "pan=5500-0000-0000-0004;", expected: "pan=[card];", secret: "5500"),
        .init(rule: "card", input: "amex 378282246310005", expected: "amex [card]", secret: "378282246310005"),
        .init(
            rule: "card", input: "v1.2.3 count=5 4111 1111 1111 1111 12 25", expected: "v1.2.3 count=5 [card] 12 25",
            secret: "4111 1111"),
        .init(
            rule: "card", input: "x1 5500-0000-0000-0004, 4111111111111111", expected: "x1 [card], [card]",
            secret: "0004"),
        .init(rule: "card", input: "v1.2.3 x1 5500 0000 0000 0004", expected: "v1.2.3 x1 [card]", secret: "0004"),
        .init(rule: "ipv6", input: "bind fe80::1%eth0 failed", expected: "bind [ipv6] failed", secret: "fe80"),
        .init(
            rule: "ipv6", input: "peer 2001:db8::8a2e:370:7334: reset", expected: "peer [ipv6]: reset",
            secret: "2001:db8"),
        .init(rule: "ipv6", input: "from [2001:db8::1]:443", expected: "from [[ipv6]]:443", secret: "2001"),
        .init(rule: "ipv6", input: "mapped ::ffff:192.168.1.1", expected: "mapped [ipv6]", secret: "192.168"),
        .init(
            rule: "ipv6", input: "full 2001:0db8:85a3:0000:0000:8a2e:0370:7334.", expected: "full [ipv6].",
            secret: "85a3"),
        .init(
            rule: "ipv4", input: "connect 10.0.0.1:8080 refused", expected: "connect [ipv4]:8080 refused",
            secret: "10.0.0.1"),
        .init(rule: "ipv4", input: "client=192.168.1.254, retry", expected: "client=[ipv4], retry", secret: "192.168"),
        .init(rule: "ipv4", input: "build 10.0.0.1-beta", expected: "build [ipv4]-beta", secret: "10.0.0.1"),
        .init(
            rule: "user", input: "open /home/alice/.ssh/id_rsa: denied",
            expected: "open /home/[user]/.ssh/id_rsa: denied",
            secret: "alice"),
        .init(
            rule: "user", input: "at /Users/bob/Library/Caches", expected: "at /Users/[user]/Library/Caches",
            secret: "bob"),
        .init(
            rule: "user", input: #"C:\Users\carol\AppData\x.dll"#, expected: #"C:\Users\[user]\AppData\x.dll"#,
            secret: "carol"),
        .init(
            rule: "user", input: #"{"path":"C:\\Users\\dave\\x"}"#, expected: #"{"path":"C:\\Users\\[user]\\x"}"#,
            secret: "dave"),
        .init(rule: "user", input: "file:///home/erin", expected: "file:///home/[user]", secret: "erin"),
        .init(
            rule: "webhook-url",
            input: "post to https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefGHIJKL0123456789 failed",
            expected: "post to https://[webhook-url] failed", secret: "abcdefGHIJKL"),
        .init(
            rule: "ai-api-key",
            input: "anthropic: invalid x-api-key sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH-ijklmnAA",
            expected: "anthropic: invalid x-api-key [ai-api-key]", secret: "abcdefghijklmnop"),
        .init(
            rule: "vendor-token", input: "npm ERR! token npm_abcdefghijklmnopqrstuvwxyz0123456789 expired",
            expected: "npm ERR! token [vendor-token] expired", secret: "npm_abcdefghij"),
        .init(
            rule: "vendor-token",
            input: "DIGITALOCEAN_TOKEN dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            expected: "DIGITALOCEAN_TOKEN [vendor-token]", secret: "0123456789abcdef"),
        .init(
            rule: "generic-secret", input: "stripe_webhook_key, 'whsec_8Kq2vX9mN4pL7rT1yB6cF3gH5jD0sA' rejected",
            expected: "stripe_webhook_key, '[generic-secret]' rejected", secret: "8Kq2vX9mN4pL7"),
        .init(
            rule: "iban", input: "refund to DE89 3704 0044 0532 0130 00 failed", expected: "refund to [iban] failed",
            secret: "3704 0044"),
        .init(rule: "iban", input: "iban=GB82WEST12345698765432;", expected: "iban=[iban];", secret: "WEST1234"),
        .init(
            rule: "imei", input: "device 866253048612343 not registered", expected: "device [imei] not registered",
            secret: "866253048612343"),
        .init(
            rule: "ssn", input: "applicant ssn 123-45-6789 rejected", expected: "applicant ssn [ssn] rejected",
            secret: "6789"),
        .init(
            rule: "mac", input: "lease for 00:1a:2b:3c:4d:5e expired", expected: "lease for [mac] expired",
            secret: "3c:4d"),
        .init(rule: "mac", input: "adapter 3C-4D-5E-6F-7A-8B down", expected: "adapter [mac] down", secret: "5E-6F"),
    ]

    @Test(arguments: positives)
    func removesTheSecretAndNamesTheRule(_ example: RedactionCase) {
        let result = Sanitizer.standard.sanitize(example.input)
        #expect(result.text == example.expected)
        #expect(!result.text.contains(example.secret))
        #expect(result.text.contains("[\(example.rule)]"))
        #expect(result.firedRules == [example.rule])
        #expect(!result.truncated)
    }

    @Test func everyStandardRuleHasAPositiveExample() {
        let covered = Set(Self.positives.map(\.rule))
        let names = Sanitizer.standardRules.map(\.name)
        #expect(Set(names) == covered)
        #expect(names.count == Set(names).count)
        #expect(names.allSatisfy(SanitizerRule.isValidName))
    }

    static let negatives: [String] = [
        "processed 12345 items in 42 batches of 1000",
        "request 8f14e45f-ceea-467f-a0e6-5c1b4e6a7c9d not found",
        "commit 3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c",
        "sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "digest sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "at 2024-01-02T12:30:45.123Z and 2024-01-02 12:30:45+02:00",
        "took until 12:30:45 (12:30:45.123456) at 10:00",
        "version 1.2.3, 1.2.3-beta.4, v10.0.0.1, 1.2.3.4.5",
        "durations 1.5s 250ms 3µs 1h2m3s PT1H30M retry in 10.5 s",
        "id 4111111111111112 fails Luhn",
        "timestamp 1712345678901234567 ns",
        "zeros 0000000000000000",
        "/usr/local/lib/libfoo.so and /var/log/app.log and /tmp/x",
        "token count 5, tokens: 7, max_tokens=100, tokenizer=bpe",
        "password policy updated; passwordless login; the secret sauce",
        "Bearer token expired; basic auth failed; Basic usage",
        "std::vector<int> Foo::Bar a :: b",
        "ratio 3:2 port :8080 and a:b:c:d:e:f",
        "out of range 999.1.1.1 and 256.0.0.1",
        "price 1,234,567.89 pi 3.14159 errno 13 code -1",
        "hex 0xdeadbeef deadbeef",
        "https://example.com/path?q=1#frag",
        "user@localhost",
        "password:\nnext line",
        "token=",
        "naïve café 日本語 emoji 👩‍👩‍👧‍👦",
    ]

    @Test(arguments: negatives)
    func leavesOrdinaryTextAlone(_ input: String) {
        let result = Sanitizer.standard.sanitize(input)
        #expect(result.firedRules == [])
        #expect(result.text == TerminalText.neutralize(input, keepingNewlinesAndTabs: true))
    }

    @Test func specificRulesWinOverGenericOnes() {
        let jwt = Sanitizer.standard.sanitize("token=\(Self.jwt)")
        #expect(jwt.text == "token=[jwt]" && jwt.firedRules == ["jwt"])
        let url = Sanitizer.standard.sanitize("https://user:pw@example.com/x")
        #expect(url.text == "https://[credentials]@example.com/x" && url.firedRules == ["credentials"])
        let google = Sanitizer.standard.sanitize("api_key=AIzaSyD-1234567890abcdefghijklmnopqrstu")
        #expect(google.text == "api_key=[google-api-key]" && google.firedRules == ["google-api-key"])
        let bearer = Sanitizer.standard.sanitize("Authorization: Bearer \(Self.jwt)")
        #expect(bearer.text == "Authorization: Bearer [jwt]" && bearer.firedRules == ["jwt"])
        let pem = Sanitizer.standard.sanitize(
            "private_key: -----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----")
        #expect(pem.text == "private_key: [private-key]" && pem.firedRules == ["private-key"])
    }

    @Test func firedRulesAreSortedAndUnique() {
        let result = Sanitizer.standard.sanitize("a@example.com b@example.com password=x 10.1.2.3")
        #expect(result.text == "[email] [email] password=[password] [ipv4]")
        #expect(result.firedRules == ["email", "ipv4", "password"])
    }

    @Test func userRulesRunAfterTheStandardOnes() throws {
        let order = try SanitizerRule(name: "order-id", pattern: #"order=(?<secret>[0-9]+)"#)
        let whole = try SanitizerRule(name: "ticket", pattern: #"TCK-[0-9]{4}"#)
        let closure = SanitizerRule(name: "shout") { text in
            text.contains("SECRET") ? (text.replacingOccurrences(of: "SECRET", with: "[shout]"), true) : (text, false)
        }
        let sanitizer = Sanitizer.standard.adding(order).adding(whole).adding(closure)
        #expect(sanitizer.rules.suffix(3).map(\.name) == ["order-id", "ticket", "shout"])
        let result = sanitizer.sanitize("order=12345 TCK-0042 SECRET mail a@example.com")
        #expect(result.text == "order=[order-id] [ticket] [shout] mail [email]")
        #expect(result.firedRules == ["email", "order-id", "shout", "ticket"])
        #expect(Sanitizer(rules: [whole]).sanitize("password=x TCK-1234").text == "password=x [ticket]")
    }

    @Test func invalidRulesAreRejected() {
        #expect(throws: SanitizerRule.InvalidRule.self) { try SanitizerRule(name: "Bad Name", pattern: "x") }
        #expect(throws: SanitizerRule.InvalidRule.self) { try SanitizerRule(name: "", pattern: "x") }
        #expect(throws: SanitizerRule.InvalidRule.self) { try SanitizerRule(name: "ok", pattern: "(unclosed") }
        #expect(!SanitizerRule.isValidName("1abc"))
        #expect(SanitizerRule.isValidName("a-b_c9"))
    }

    /// Secrets mixed into random filler must never survive, whatever surrounds them.
    @Test func secretsInRandomContextAreAlwaysRemoved() {
        let secrets: [(text: String, core: String)] = [
            ("password=Tr0ub4dor&3", "&3"), ("AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
            ("ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "aBcDeFgHiJkLmNoP"), (Self.jwt, "dozjgNryP4J3"),
            ("carol.jones@example.org", "carol.jones"), ("4111-1111-1111-1111", "4111-1111"),
            ("172.16.254.1", "172.16.254.1"), ("2001:db8:0:0:1:0:0:1", "2001:db8"), ("/home/mallory/x", "mallory"),
            ("https://u:hunter2@h.example", "hunter2"), ("Authorization: Bearer s3cr3tT0k3nValue", "s3cr3tT0k3n"),
        ]
        let fillers = [
            "error", "at", "12:30:45", "v1.2.3", "count=5", "(", ")", "\"", "'", ",", ";", "\t", "\n", "\u{1B}[0m", "é",
            "—",
        ]
        let separators = [
            " ", "  ", "\t", "\n", ", ", " (", ") ", "\"", "'", " = ", ": ", "; ", " | ", "[", "]", "<", ">", ". ",
        ]
        for seed in SplitMix64.seeds([51, 52, 53, 54]) {
            var random = SplitMix64(seed: seed)
            for _ in 0..<150 {
                var parts: [String] = []
                var used: [String] = []
                for _ in 0..<Int(3 + random.next() % 10) {
                    if random.next() % 3 == 0 {
                        let secret = secrets[Int(random.next() % UInt64(secrets.count))]
                        parts.append(secret.text)
                        used.append(secret.core)
                    } else {
                        parts.append(fillers[Int(random.next() % UInt64(fillers.count))])
                    }
                    parts.append(separators[Int(random.next() % UInt64(separators.count))])
                }
                let input = parts.joined()
                let result = Sanitizer.standard.sanitize(input)
                for core in used {
                    #expect(
                        !result.text.contains(core), "seed \(seed): '\(core)' survived in \(input.debugDescription)")
                }
                #expect(
                    !result.text.unicodeScalars.contains { TerminalText.needsEscape($0) && $0 != "\n" && $0 != "\t" },
                    "seed \(seed)")
            }
        }
    }
}
