import Foundation

// MARK: - Standard rules

extension Sanitizer {
    /// The standard rules, in the order they run.
    ///
    /// | # | name | removes | keeps |
    /// |---|------|---------|-------|
    /// | 1 | `private-key` | PEM private key blocks (`-----BEGIN … PRIVATE KEY-----` to its END line, or to the end of the text when unterminated), PGP private key blocks | — |
    /// | 2 | `jwt` | JSON Web Tokens: `eyJ…` then two more base64url segments, even glued to preceding text | — |
    /// | 3 | `credentials` | URL user info `user:password@` (or a bare 16+ character token) | scheme and host: `https://[credentials]@host` |
    /// | 4 | `authorization` | credentials of an `Authorization:` / `Proxy-Authorization:` header; `Bearer <token>` (16+ characters with a digit); `Basic <base64>` that decodes to `user:password` | the scheme word |
    /// | 5 | `aws-access-key` | AWS access key ids `AKIA…`, `ASIA…`, `ABIA…`, `ACCA…` | — |
    /// | 6 | `github-token` | `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` tokens and `github_pat_` tokens | — |
    /// | 7 | `gitlab-token` | `glpat-` tokens | — |
    /// | 8 | `slack-token` | `xoxa-`, `xoxb-`, `xoxp-`, `xoxr-`, `xoxs-` tokens | — |
    /// | 9 | `stripe-key` | `sk_live_`, `rk_live_`, `sk_test_`, `rk_test_` keys | — |
    /// | 10 | `google-api-key` | `AIza…` keys | — |
    /// | 11 | `aws-secret-key` | the value of `aws_secret_access_key`, `aws_secret_key`, `secret_access_key` | the key |
    /// | 12 | `password` | the value of keys ending in `password`, `passwd`, `passphrase`, `pwd` | the key |
    /// | 13 | `secret` | the value of keys ending in `secret`, `secret_key`, `client_secret`, `private_key`, `signing_key`, `encryption_key`, `credential(s)` | the key |
    /// | 14 | `token` | the value of keys ending in `token` (`access_token`, `X-Auth-Token`, …), `session_id`, `sessid` | the key |
    /// | 15 | `api-key` | the value of keys ending in `api_key`, `apikey`, `app_key`, `subscription_key` | the key |
    /// | 16 | `cookie` | the whole value of a `Cookie:` or `Set-Cookie:` header | the header name |
    /// | 17 | `email` | e-mail addresses | — |
    /// | 18 | `card` | payment card numbers: 13–19 digits, whole or in groups of 3–6 separated by single spaces or dashes, first digit 2–6, passing the Luhn check | — |
    /// | 19 | `ipv6` | IPv6 addresses (validated: at most one `::`, eight groups otherwise, optional embedded IPv4 and zone) | — |
    /// | 20 | `ipv4` | dotted-quad IPv4 addresses with every octet at most 255 | a `:port` |
    /// | 21 | `user` | the user name in `/home/<name>`, `/Users/<name>`, `C:\Users\<name>` (drive optional, doubled backslashes too), `C:\Documents and Settings\<name>` | the rest of the path |
    ///
    /// Key/value rules (11–15) match `key=value`, `key: value`, `key => value`, JSON `"key": "value"` and
    /// quoted values (with backslash escapes), keys matched case-insensitively; a key without a value after
    /// `=` or `:` ("token count 5") is left alone. An unquoted value runs to the next whitespace or quote, so
    /// `password=a&b,c` loses all of `a&b,c` (and `token=x&state=1` loses `&state=1` too): over-redaction is the
    /// safe side.
    ///
    /// Shapes are matched as whole tokens: a key, address or card number glued directly to letters or digits
    /// (`AKIA…EXAMPLEpassword`, `x4111111111111111`, `count=5172.16.254.1`) is not recognised, because such a
    /// run is not the shape the rule knows. Only JWTs are found inside longer runs.
    ///
    /// Why this order: whole blocks first (a PEM body would otherwise feed token rules); JWT, URL credentials and
    /// Authorization before the generic rules, so `token=eyJ…` reads `token=[jwt]` and `user:pass@host` is not
    /// taken for an e-mail address; vendor token shapes before key/value rules, so the label names the most
    /// specific kind; the AWS secret key before the generic ones whose keywords it does not end with; IPv6
    /// before IPv4 so an embedded IPv4 is removed with its address; home-directory names last.
    ///
    /// What is deliberately left alone: numbers and counts, hex ids and hashes (a 40-digit git SHA, a 64-digit
    /// SHA-256), ISO-8601 timestamps, times such as `12:30:45` (not a valid IPv6), versions with fewer or more
    /// than four parts (`1.2.3`, `1.2.3.4.5`) or a letter prefix (`v1.2.3.4`), durations, 13–19 digit numbers
    /// that fail the Luhn check or start with 0, 1, 7, 8 or 9 (nanosecond timestamps start with 1), paths outside
    /// home directories. A bare four-part number such as `10.0.0.1` *is* an IPv4 address and is removed, even
    /// when a suffix follows (`10.0.0.1-beta`). Known false positives: a 13–19 digit id that happens to pass the
    /// Luhn check and starts with 2–6; `/home/<x>` inside a URL path that starts right after a host name is
    /// *not* touched, but one after a `/` is.
    public static var standardRules: [SanitizerRule] { SanitizerStandardRules.all }
}

/// Builds and caches the standard rules; see `Sanitizer.standardRules` for what each does.
enum SanitizerStandardRules {
    static let all: [SanitizerRule] = [
        rule(
            "private-key", hints: ["private key"],
            [
                (
                    #"-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----|\z)"#,
                    nil
                )
            ]),
        rule(
            "jwt", hints: ["eyj"],
            [
                (#"eyJ[A-Za-z0-9_-]{4,}+\.[A-Za-z0-9_-]{4,}+\.[A-Za-z0-9_-]*+"#, nil)
            ]),
        rule(
            "credentials", hints: ["://"],
            [
                (
                    #"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}+://(?<secret>[^\s/?#@:\[\]]*+:[^\s/?#]*|[^\s/?#@:\[\]]{16,}+)@"#,
                    nil
                )
            ]),
        rule(
            "authorization", hints: ["authorization", "bearer", "basic"],
            [
                (
                    #"(?i)(?<![A-Za-z0-9_-])(?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(?:[A-Za-z][A-Za-z0-9_-]*+[ \t]++)?+(?<secret>(?:(?!"#
                        + anyKeyAhead + #")[A-Za-z0-9._~+/=:-])++)"#, nil
                ),
                (
                    #"(?i)(?<![A-Za-z0-9_-])bearer[ \t]++(?<secret>(?:(?!"# + anyKeyAhead
                        + #")[A-Za-z0-9._~+/-]){16,}+=*+)"#,
                    { token in
                        token.contains(where: \.isNumber) ? [token] : []
                    }
                ),
                (
                    #"(?i)(?<![A-Za-z0-9_-])basic[ \t]++(?<secret>[A-Za-z0-9+/]{4,}+={0,2}+)(?![A-Za-z0-9+/=])"#,
                    { token in
                        isBasicCredential(token) ? [token] : []
                    }
                ),
            ]),
        rule(
            "aws-access-key", hints: ["akia", "asia", "abia", "acca"],
            [
                (#"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])"#, nil)
            ]),
        rule(
            "github-token", hints: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
            [
                (
                    #"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}+|github_pat_[A-Za-z0-9_]{22,255}+)(?![A-Za-z0-9_])"#,
                    nil
                )
            ]),
        rule(
            "gitlab-token", hints: ["glpat-"],
            [
                (#"(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}+"#, nil)
            ]),
        rule(
            "slack-token", hints: ["xox"],
            [
                (#"(?<![A-Za-z0-9_-])xox[abprs]-[A-Za-z0-9-]{10,}+"#, nil)
            ]),
        rule(
            "stripe-key", hints: ["_live_", "_test_"],
            [
                (#"(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{16,}+"#, nil)
            ]),
        rule(
            "google-api-key", hints: ["aiza"],
            [
                (#"(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"#, nil)
            ]),
        keyValueRule("aws-secret-key", hints: ["secret"], keys: awsSecretKeys),
        keyValueRule("password", hints: ["passw", "passphrase", "pwd"], keys: passwordKeys),
        keyValueRule("secret", hints: ["secret", "private", "signing", "encryption", "credential"], keys: secretKeys),
        keyValueRule("token", hints: ["token", "sess"], keys: tokenKeys),
        keyValueRule("api-key", hints: ["key"], keys: apiKeyKeys),
        rule(
            "cookie", hints: ["cookie"],
            [
                (#"(?i)(?<![A-Za-z0-9_-])(?:set-)?cookie["']?[ \t]*:[ \t]*+(?<secret>[^\r\n"]++)"#, nil)
            ]),
        rule(
            "email", hints: ["@"],
            [
                (
                    #"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@(?:[A-Za-z0-9-]{1,63}+\.)+[A-Za-z]{2,63}(?![A-Za-z0-9-])"#,
                    nil
                )
            ]),
        rule(
            "card", hints: [],
            [
                (
                    #"(?:(?<![0-9A-Za-z_])[A-Za-z_]++|(?<![0-9A-Za-z_]|[0-9][ -]))[0-9]++(?:[ -][0-9]++)*+[A-Za-z_]*+"#,
                    { run in
                        paymentCards(in: run)
                    }
                )
            ]),
        rule(
            "ipv6", hints: [":"],
            [
                (
                    #"(?<![0-9A-Za-z_:.%])[0-9A-Fa-f.]*+:[0-9A-Fa-f:.]*+(?:%[0-9A-Za-z_.-]++)?"#,
                    { candidate in
                        ipv6Address(in: candidate).map { [$0] } ?? []
                    }
                )
            ]),
        rule(
            "ipv4", hints: ["."],
            [
                (
                    #"(?<![0-9A-Za-z_.])[0-9]{1,3}+\.[0-9]{1,3}+\.[0-9]{1,3}+\.[0-9]{1,3}+(?![0-9A-Za-z_]|\.[0-9])"#,
                    { candidate in
                        candidate.split(separator: ".").allSatisfy { UInt8($0) != nil } ? [candidate] : []
                    }
                )
            ]),
        rule(
            "user", hints: ["/home/", "/users/", "\\users\\", "documents and settings"],
            [
                (
                    #"(?<![A-Za-z0-9_.~%-])/(?:home|Users)/(?<secret>[^/\\\s"'<>:;,|*?\[\]]++)"#,
                    { name in
                        name == "Shared" ? [] : [name]
                    }
                ),
                (
                    #"(?i)(?<![A-Za-z0-9])(?:[a-z]:)?\\{1,2}(?:users|documents and settings)\\{1,2}(?<secret>[^\\/\s"'<>:;,|*?\[\]]++)"#,
                    nil
                ),
            ]),
    ]

    /// Compiles one standard rule; the patterns are fixed, so failure is a programming error caught by tests.
    private static func rule(
        _ name: String, hints: [String], _ patterns: [(String, (@Sendable (Substring) -> [Substring])?)]
    ) -> SanitizerRule {
        do {
            return try SanitizerRule(name: name, patterns: patterns, hints: hints)
        } catch {
            preconditionFailure("standard sanitizer rule '\(name)' is invalid: \(error)")
        }
    }

    // MARK: - Key/value rules

    static let awsSecretKeys =
        #"aws[_.-]?secret[_.-]?access[_.-]?key|aws[_.-]?secret[_.-]?key|secret[_.-]?access[_.-]?key"#
    static let passwordKeys = #"password|passwd|passphrase|pwd"#
    static let secretKeys =
        #"client[_.-]?secret|secret[_.-]?key|secret|private[_.-]?key|signing[_.-]?key|encryption[_.-]?key|credentials?"#
    static let tokenKeys = #"token|session[_.-]?id|sessid"#
    static let apiKeyKeys = #"api[_.-]?key|apikey|app[_.-]?key|subscription[_.-]?key"#

    /// Anything that starts a key a rule looks for, with its separator: an unquoted value stops before it, so a
    /// value glued to the next key (`secret=x>token: y`) does not swallow that key and hide its value.
    static let anyKeyAhead =
        "(?:"
        + [
            awsSecretKeys, passwordKeys, secretKeys, tokenKeys, apiKeyKeys,
            "(?:proxy-)?authorization", "(?:set-)?cookie",
        ].joined(separator: "|")
        + #")(?![A-Za-z0-9])["']?[ \t]*+(?:=>|[:=])"#

    /// A rule replacing the value of any key that ends with one of `keys` (an ICU alternation).
    ///
    /// The key ends at a non-alphanumeric character; then optional closing quote, `:` `=` or `=>` with optional
    /// spaces or tabs, optional opening quote, and the value: a quoted string (backslash escapes honoured) or a
    /// run of characters up to whitespace, a quote, or the start of another known key (`anyKeyAhead`). An
    /// unquoted value takes trailing punctuation and the rest of a query string with it (`token=abc&state=1`
    /// becomes `token=[token]`): a password may contain `&`, `,` or `;`, and removing too much is safer than
    /// leaving its tail.
    private static func keyValueRule(_ name: String, hints: [String], keys: String) -> SanitizerRule {
        let pattern =
            #"(?i)(?:"# + keys + #")(?![A-Za-z0-9])["']?[ \t]*+(?:=>|[:=])[ \t]*+["']?"#
            + #"(?<secret>(?<=")(?:[^"\\\r\n]++|\\.)*+|(?<=')[^'\r\n]*+|(?:(?!"# + anyKeyAhead + #")[^\s"'])++)"#
        return rule(name, hints: hints, [(pattern, nil)])
    }

    // MARK: - Validators

    /// Whether a `Basic` token is base64 of `user:password`.
    static func isBasicCredential(_ token: Substring) -> Bool {
        var text = String(token)
        while text.utf8.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) else {
            return false
        }
        return decoded.contains(":") && decoded.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }

    /// The payment card numbers in a run of digit groups separated by single spaces or dashes.
    ///
    /// A card is either one group of 13–19 digits, or consecutive groups of 3–6 digits (the 4-4-4-4, 4-6-5 and
    /// 4-4-4-4-3 layouts) totalling 13–19 digits; its first digit is 2–6 (the issuer ranges in use, which also
    /// keeps nanosecond timestamps out) and its Luhn check digit is valid. Groups of other sizes, such as a
    /// neighbouring count `5` or a year `2024`, are never part of a card, so a card next to another number is
    /// still found. A group glued to letters or `_` (the run's optional leading and trailing letters, as in
    /// `x1` or `3f`) is part of a word or a hex string and never part of a card. The longest card starting at
    /// each group wins.
    ///
    /// - Parameter run: Optional letters, digit groups separated by single spaces or dashes, optional letters.
    /// - Returns: The card numbers found, in order.
    static func paymentCards(in run: Substring) -> [Substring] {
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        guard let firstDigit = run.firstIndex(where: isDigit), let lastDigit = run.lastIndex(where: isDigit) else {
            return []
        }
        let headGlued = firstDigit != run.startIndex
        let tailGlued = run.index(after: lastDigit) != run.endIndex
        let digits = run[firstDigit...lastDigit]
        var groups: [Substring] = []
        var start = digits.startIndex
        for index in digits.indices where digits[index] == " " || digits[index] == "-" {
            groups.append(digits[start..<index])
            start = digits.index(after: index)
        }
        groups.append(digits[start...])
        let eligible = groups.indices.map { !(($0 == 0 && headGlued) || ($0 == groups.count - 1 && tailGlued)) }

        var cards: [Substring] = []
        var first = 0
        while first < groups.count {
            var found: Int?
            if !eligible[first] {
                found = nil
            } else if (13...19).contains(groups[first].count), isPaymentCard(groups[first]) {
                found = first
            } else if (3...6).contains(groups[first].count) {
                var last = first
                var count = groups[first].count
                var candidates: [Int] = []
                while last + 1 < groups.count, eligible[last + 1], (3...6).contains(groups[last + 1].count),
                    count + groups[last + 1].count <= 19
                {
                    last += 1
                    count += groups[last].count
                    if count >= 13 { candidates.append(last) }
                }
                found = candidates.reversed().first {
                    isPaymentCard(run[groups[first].startIndex..<groups[$0].endIndex])
                }
            }
            if let found {
                cards.append(run[groups[first].startIndex..<groups[found].endIndex])
                first = found + 1
            } else {
                first += 1
            }
        }
        return cards
    }

    /// Whether digits (separators ignored) are 13–19 long, start with 2–6 and pass the Luhn check.
    static func isPaymentCard(_ candidate: Substring) -> Bool {
        let digits = candidate.utf8.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.map { Int($0) - 48 }
        guard (13...19).contains(digits.count), let first = digits.first, (2...6).contains(first) else { return false }
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            if offset % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    /// The IPv6 address at the start of `candidate`, ignoring a trailing `:` or `.`, or `nil` when there is none.
    ///
    /// Accepts the RFC 4291 text forms: eight groups of 1–4 hex digits, or fewer with exactly one `::`, the last
    /// two groups optionally written as a dotted-quad IPv4, and an optional `%zone`. Requires at least one hex
    /// digit, so a bare `::` (as in `Foo :: bar`) is left alone.
    static func ipv6Address(in candidate: Substring) -> Substring? {
        var address = candidate
        var zone: Substring = ""
        if let percent = address.firstIndex(of: "%") {
            zone = address[percent...]
            address = address[..<percent]
        }
        if zone.isEmpty {
            while let last = address.last, last == "." || (last == ":" && !address.hasSuffix("::")) {
                address = address.dropLast()
            }
        }
        guard isIPv6(address) else { return nil }
        return zone.isEmpty ? address : candidate
    }

    private static func isIPv6(_ text: Substring) -> Bool {
        guard text.contains(where: \.isHexDigit), text.count >= 2 else { return false }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ part: String) -> Int? {
            if part.isEmpty { return 0 }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            var count = 0
            for (offset, piece) in pieces.enumerated() {
                if piece.contains(".") {
                    // An embedded IPv4 address may only be the last piece, and counts as two groups.
                    let octets = piece.split(separator: ".", omittingEmptySubsequences: false)
                    guard offset == pieces.count - 1, octets.count == 4,
                        octets.allSatisfy({ (1...3).contains($0.count) && UInt8($0) != nil })
                    else { return nil }
                    count += 2
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit) else { return nil }
                    count += 1
                }
            }
            return count
        }
        if halves.count == 2 {
            // An embedded IPv4 address is only allowed at the very end.
            guard !halves[0].contains("."), let left = groups(halves[0]), let right = groups(halves[1]) else {
                return false
            }
            return left + right <= 7
        }
        return groups(halves[0]) == 8
    }
}
