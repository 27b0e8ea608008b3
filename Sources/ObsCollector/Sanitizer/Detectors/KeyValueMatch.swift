/// The key/value rules (`KeyValueSecrets`): at an assignment, the key before it and the value after it.
extension RuleScan {
    /// An assignment between a key and a value.
    struct Assignment {
        enum Kind {
            /// `=`, `=>`, `:=`, `?=`: both tiers.
            case assign
            /// A single `:`: both tiers.
            case colon
            /// `>` closing an XML start tag (`<password>…`): both tiers, the value runs to the next `<`.
            case element
            /// `,`, `>`, `||`: the second tier only.
            case weak
        }
        var start: Int
        var end: Int
        var kind: Kind
    }

    /// The secret value of the assignment at `index`, if any.
    mutating func keyValueMatch(at index: Int) -> ScanMatch? {
        guard let assignment = assignment(at: index) else { return nil }
        var keyEnd = assignment.start
        var skipped = 0
        while skipped < 256, keyEnd > floor, KeyValueSecrets.spaceOrQuote.contains(text[keyEnd - 1]) {
            keyEnd -= 1
            skipped += 1
        }
        let keyStart = text.runStart(before: keyEnd, in: KeyValueSecrets.keyBytes, floor: floor, limit: 64)
        if keyStart < keyEnd, assignment.kind != .weak, let match = secretKeyMatch(keyStart..<keyEnd, assignment) {
            return match
        }
        guard enabled.contains(.genericSecret) else { return nil }
        return mentionedKeyMatch(keyEnd: keyEnd, assignment: assignment)
    }

    /// The assignment operator at `index`, or `nil` for a comparison (`==`, `!=`, `<=`), a path (`::`),
    /// an arrow (`->`) or a `:` that `://` or `:=` claims.
    private func assignment(at index: Int) -> Assignment? {
        let previous = text[index - 1]
        let next = text[index + 1]
        switch text[index] {
        case UInt8(ascii: "="):
            if previous == UInt8(ascii: "=") || previous == UInt8(ascii: "!") || previous == UInt8(ascii: "<")
                || previous == UInt8(ascii: ">")
            {
                return nil
            }
            if next == UInt8(ascii: ">") { return Assignment(start: index, end: index + 2, kind: .assign) }
            if previous == UInt8(ascii: "?") { return Assignment(start: index - 1, end: index + 1, kind: .assign) }
            var start = index
            while start > index - 3, text[start - 1] == UInt8(ascii: ":") { start -= 1 }
            // `==` compares; only a generated-looking value after it counts (the second tier).
            return Assignment(start: start, end: index + 1, kind: next == UInt8(ascii: "=") ? .weak : .assign)
        case UInt8(ascii: ":"):
            if next == UInt8(ascii: ":") || previous == UInt8(ascii: ":") || next == UInt8(ascii: "=") { return nil }
            // A time (`10:14:03`) or a number pair (`3:2`), not an assignment.
            if ByteSet.digit.contains(next), ByteSet.digit.contains(previous) { return nil }
            return Assignment(start: index, end: index + 1, kind: .colon)
        case UInt8(ascii: ","):
            return Assignment(start: index, end: index + 1, kind: .weak)
        case UInt8(ascii: ">"):
            if previous == UInt8(ascii: "=") || previous == UInt8(ascii: "-") { return nil }
            let nameStart = text.runStart(before: index, in: KeyValueSecrets.keyBytes, floor: floor, limit: 64)
            if nameStart < index, text[nameStart - 1] == UInt8(ascii: "<") {
                return Assignment(start: index, end: index + 1, kind: .element)
            }
            return Assignment(start: index, end: index + 1, kind: .weak)
        case UInt8(ascii: "|"):
            guard next == UInt8(ascii: "|"), previous != UInt8(ascii: "|") else { return nil }
            return Assignment(start: index, end: index + 2, kind: .weak)
        default:
            return nil
        }
    }

    // MARK: - First tier: a key that ends with a secret word

    /// The rule of a key that ends with a secret word, ignoring case and the separators `_ - .`.
    func secretKeyRule(_ key: Range<Int>) -> BuiltinRule? {
        var lastIndex = key.upperBound - 1
        while lastIndex >= key.lowerBound, Self.keySeparators.contains(text[lastIndex]) { lastIndex -= 1 }
        guard lastIndex >= key.lowerBound else { return nil }
        // Every ending ends with one of these letters: most keys are dismissed here.
        let last = text.lower(lastIndex)
        guard Self.endingLetters.contains(last) else { return nil }
        for (ending, rule) in KeyValueSecrets.secretKeyEndings where ending[ending.count - 1] == last {
            if endsWith(key, ending) { return rule }
        }
        return nil
    }

    /// The last letters of the key endings: `d e l n s t y`.
    private static var endingLetters: ByteSet { ByteSet(bits: 0, 0x0218_5030_0000_0000) }

    /// Whether the key in `key` ends with `ending` (lowercase, no separators), ignoring case and `_ - .`.
    private func endsWith(_ key: Range<Int>, _ ending: StaticString) -> Bool {
        var index = key.upperBound - 1
        var offset = ending.count - 1
        while offset >= 0 {
            while index >= key.lowerBound, Self.keySeparators.contains(text[index]) { index -= 1 }
            guard index >= key.lowerBound, text.lower(index) == ending[offset] else { return false }
            index -= 1
            offset -= 1
        }
        return true
    }

    /// `_.-`

    private static var keySeparators: ByteSet { ByteSet(bits: 0x0000_6000_0000_0000, 0x0000_0000_8000_0000) }

    private mutating func secretKeyMatch(_ key: Range<Int>, _ assignment: Assignment) -> ScanMatch? {
        // A path segment (`/etc/passwd:`) is no key.
        guard text[key.lowerBound - 1] != UInt8(ascii: "/"), text[key.lowerBound - 1] != UInt8(ascii: "\\") else {
            return nil
        }
        guard let rule = secretKeyRule(key) ?? attributeKeyRule(valueKey: key), enabled.contains(rule) else {
            return nil
        }
        if assignment.kind == .element {
            let end = text.runEnd(from: assignment.end, in: Self.notTagStart)
            return valueMatch(assignment.end..<end, rule: rule)
        }
        let start = valueStart(after: assignment)
        switch rule {
        case .authorization:
            return authorizationValue(from: start)
        case .cookie:
            guard assignment.kind == .colon else { return nil }
            let end = text.runEnd(from: start, in: Self.notLineEndOrQuote)
            return end > start ? ScanMatch(start: start, end: end, rule: .cookie) : nil
        default:
            let found = value(from: start)
            // In prose (`invalid token: expected …`) a colon after a word is no assignment unless what follows
            // looks generated; a password is always removed.
            if assignment.kind == .colon, rule != .password, isProse(before: key), !found.isEmpty,
                !looksGenerated(found, strength: .password)
            {
                return nil
            }
            return valueMatch(found, rule: rule)
        }
    }

    /// Whether the word `key` follows another word and a space, as in a sentence, rather than starting a line,
    /// a quoted key or a list item.
    private func isProse(before key: Range<Int>) -> Bool {
        var index = key.lowerBound
        guard text[index - 1] == UInt8(ascii: " ") else { return false }
        index -= 1
        while text[index - 1] == UInt8(ascii: " ") { index -= 1 }
        return ByteSet.letter.contains(text[index - 1])
    }

    /// For `value=` in `<add key="DbPassword" value="…"/>` (XML configuration such as NuGet's or .NET's): the
    /// rule of the `key` attribute before it on the same element.
    private func attributeKeyRule(valueKey key: Range<Int>) -> BuiltinRule? {
        guard key.count == 5, text.hasPrefixIgnoringCase("value", at: key.lowerBound) else { return nil }
        var index = key.lowerBound - 1
        let stop = Swift.max(floor, key.lowerBound - 1024)
        while index > stop, text[index] != UInt8(ascii: "<"), text[index] != UInt8(ascii: ">") {
            if text.hasPrefixIgnoringCase("key=", at: index), !ByteSet.word.contains(text[index - 1]) {
                let nameStart = index + 4 + (Self.quotes.contains(text[index + 4]) ? 1 : 0)
                let nameEnd = text.runEnd(from: nameStart, in: KeyValueSecrets.keyBytes, limit: 64)
                return nameEnd > nameStart ? secretKeyRule(nameStart..<nameEnd) : nil
            }
            index -= 1
        }
        return nil
    }

    /// Where the value of a first-tier key starts: after spaces and tabs (and, after `=` or `=>`, line
    /// breaks too), stray `=`, and all but the last of several opening quotes.
    private func valueStart(after assignment: Assignment) -> Int {
        var index = assignment.end
        let gap = assignment.kind == .colon ? Self.blank : ByteSet.whitespace
        var skipped = 0
        while skipped < 256, gap.contains(text[index]) || text[index] == UInt8(ascii: "=") {
            index += 1
            skipped += 1
        }
        while Self.quotes.contains(text[index]), Self.quotes.contains(text[index + 1]),
            text[index + 1] != text[index]
        {
            index += 1
        }
        return index
    }

    /// ` \t`

    private static var blank: ByteSet { ByteSet(bits: 0x0000_0001_0000_0200, 0x0000_0000_0000_0000) }
    /// `"'``
    private static var quotes: ByteSet { ByteSet(bits: 0x0000_0084_0000_0000, 0x0000_0001_0000_0000) }

    /// The value that starts at `start`: inside quotes (to the closing quote, backslash escapes honoured in
    /// double quotes, or to the end of the line), else up to whitespace, a quote, or another secret key.
    func value(from start: Int, acrossLines: Bool = false) -> Range<Int> {
        let quote = text[start]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") || quote == UInt8(ascii: "`") {
            var index = start + 1
            while index < text.count {
                let byte = text[index]
                if byte == quote || (!acrossLines && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r"))) {
                    break
                }
                index += byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") && index + 1 < text.count ? 2 : 1
            }
            return (start + 1)..<Swift.min(index, text.count)
        }
        var index = start
        while index < text.count {
            let byte = text[index]
            if ByteSet.whitespace.contains(byte) || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { break }
            if index > start, ByteSet.letter.contains(byte), !ByteSet.alphanumeric.contains(text[index - 1]),
                secretKeyAhead(at: index)
            {
                break
            }
            index += 1
        }
        return start..<index
    }

    /// Whether a key ending with a secret word, and its assignment, start at `index`: a value stops there,
    /// so that `secret=x&token=y` does not hide the second key inside the first value.
    func secretKeyAhead(at index: Int) -> Bool {
        let end = text.runEnd(from: index, in: KeyValueSecrets.keyBytes, limit: 64)
        guard end > index, secretKeyRule(index..<end) != nil else { return false }
        var next = end
        if text[next] == UInt8(ascii: "\"") || text[next] == UInt8(ascii: "'") { next += 1 }
        while text[next] == UInt8(ascii: " ") || text[next] == UInt8(ascii: "\t") { next += 1 }
        let byte = text[next]
        return (byte == UInt8(ascii: "=") && text[next + 1] != UInt8(ascii: "=")) || byte == UInt8(ascii: ":")
    }

    /// A match for a key's value: nothing for an empty value, a placeholder or a label; the specific rule's
    /// match when the value is itself a known token (`token=eyJ…` is a `[jwt]`); else the key's rule.
    private mutating func valueMatch(_ value: Range<Int>, rule: BuiltinRule) -> ScanMatch? {
        guard !value.isEmpty, !isPlaceholder(value) else { return nil }
        if let specific = specificMatch(at: value.lowerBound), specific.end >= value.upperBound { return specific }
        return ScanMatch(start: value.lowerBound, end: value.upperBound, rule: rule)
    }

    /// Whether a value stands for no secret: a boolean, `null`, a placeholder, a label such as `[email]`,
    /// or a variable reference such as `${DB_PASSWORD}`.
    func isPlaceholder(_ value: Range<Int>) -> Bool {
        let first = text[value.lowerBound]
        let last = text[value.upperBound - 1]
        if first == UInt8(ascii: "["), last == UInt8(ascii: "]") { return true }
        if first == UInt8(ascii: "$") || first == UInt8(ascii: "%") && last == UInt8(ascii: "%") { return true }
        if first == UInt8(ascii: "{"), text[value.lowerBound + 1] == UInt8(ascii: "{") { return true }
        if value.allSatisfy({ text[$0] == UInt8(ascii: "*") }) { return true }
        guard value.count <= 9 else { return false }
        return KeyValueSecrets.placeholders.contains { word in
            word.count == value.count && text.hasPrefixIgnoringCase(word, at: value.lowerBound)
        }
    }

    /// A known token, key block, JWT, number (card, address) or IBAN that starts at `start`: it may run past
    /// where a plain value would stop (a grouped IBAN or card has spaces).
    mutating func specificMatch(at start: Int) -> ScanMatch? {
        let byte = text[start]
        if byte == UInt8(ascii: "-") { return privateKeyMatch(at: start) }
        guard ByteSet.word.contains(byte), !ByteSet.word.contains(text[start - 1]) else { return nil }
        let wordEnd = text.runEnd(from: start, in: .word)
        if let token = prefixedTokenMatch(start: start, wordEnd: wordEnd)
            ?? markedTokenMatch(start: start, end: wordEnd)
        {
            return token
        }
        if ByteSet.digit.contains(byte), let number = numberMatch(start: start, wordEnd: wordEnd) { return number }
        if let iban = ibanMatch(start: start) { return iban }
        if text[wordEnd] == UInt8(ascii: "."), let jwt = jwtMatch(dotAt: wordEnd), jwt.start == start { return jwt }
        return nil
    }

    // MARK: - Authorization headers

    /// The credentials of an `Authorization` value that starts at `start`: after an optional scheme word
    /// (`Bearer`, `Basic`, `Token`, ...), the run of credential bytes.
    private mutating func authorizationValue(from start: Int) -> ScanMatch? {
        var index = start
        if text[index] == UInt8(ascii: "\"") || text[index] == UInt8(ascii: "'") { index += 1 }
        let schemeEnd = text.runEnd(from: index, in: ByteSet.wordDash)
        var afterScheme = schemeEnd
        while text[afterScheme] == UInt8(ascii: " ") || text[afterScheme] == UInt8(ascii: "\t") { afterScheme += 1 }
        // A scheme is a short word (`Bearer`, `Basic`, `AWS4-HMAC-SHA256`), never a token itself: a token
        // followed by more words is the credential.
        if schemeEnd > index, schemeEnd - index <= 24, ByteSet.letter.contains(text[index]), afterScheme > schemeEnd,
            Self.credentialBytes.contains(text[afterScheme]), specificMatch(at: index) == nil
        {
            index = afterScheme
        }
        var end = index
        while Self.credentialBytes.contains(text[end]) {
            if end > index, ByteSet.letter.contains(text[end]), !ByteSet.alphanumeric.contains(text[end - 1]),
                secretKeyAhead(at: end)
            {
                break
            }
            end += 1
        }
        guard end > index else { return nil }
        return valueMatch(index..<end, rule: .authorization)
    }

    /// `A-Za-z0-9._~+/=:@-`

    static var credentialBytes: ByteSet { ByteSet(bits: 0x27FF_E800_0000_0000, 0x47FF_FFFE_87FF_FFFF) }
    /// every byte but <
    private static var notTagStart: ByteSet {
        ByteSet(bits: 0xEFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF)
    }
    /// every byte but \r \n "
    private static var notLineEndOrQuote: ByteSet {
        ByteSet(bits: 0xFFFF_FFFB_FFFF_DBFF, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF)
    }

    // MARK: - Second tier: a key that mentions a secret word or a service

    private mutating func mentionedKeyMatch(keyEnd: Int, assignment: Assignment) -> ScanMatch? {
        // The value first: most assignments in prose are followed by a word, which settles it cheaply.
        var start = assignment.end
        var skipped = 0
        while skipped < 8, KeyValueSecrets.valueLead.contains(text[start]) {
            start += 1
            skipped += 1
        }
        let end = runMemo.end(of: .value, from: start, in: text)
        guard end - start >= 8, text.contains(Self.notPlainWordBytes, in: start..<end) else { return nil }
        // A keyword ends at most 40 bytes before the assignment, and none is longer than 14.
        let regionStart = text.runStart(before: keyEnd, in: KeyValueSecrets.regionBytes, floor: floor, limit: 56)
        guard keyEnd - regionStart >= 3, let strength = keywordStrength(regionStart..<keyEnd),
            !namesAHash(keyEnd: keyEnd), looksGenerated(start..<end, strength: strength)
        else { return nil }
        if let specific = specificMatch(at: start), specific.end >= end { return specific }
        return ScanMatch(start: start, end: end, rule: .genericSecret)
    }

    /// Whether the key right before `keyEnd` names a hash or digest (`sha1=…`, `SHA256:…`, `checksum:`), whose
    /// value is random-looking but no secret.
    private func namesAHash(keyEnd: Int) -> Bool {
        let start = text.runStart(before: keyEnd, in: .alphanumeric, floor: floor, limit: 16)
        return KeyValueSecrets.hashNames.contains { name in
            name.count == keyEnd - start && text.hasPrefixIgnoringCase(name, at: start)
        }
    }

    /// How strongly the words in `region` name a secret: the strongest keyword found that is not part of a
    /// harmless word and ends within 40 bytes of the assignment.
    private func keywordStrength(_ region: Range<Int>) -> KeyValueSecrets.Strength? {
        var best: KeyValueSecrets.Strength?
        let starts = keywordStarts
        let keywords = KeyValueSecrets.keywords
        let ranges = KeyValueSecrets.keywordRanges
        var second = text.lower(region.lowerBound)
        for position in region {
            let first = second
            second = text.lower(position + 1)
            guard starts.contains(first, second) else { continue }
            for index in ranges[Int(first)] where BigramSet.lower(keywords[index].word[1]) == second {
                let (word, strength) = keywords[index]
                let end = position + word.count
                let improves: Bool
                switch (strength, best) {
                case (.service, .service?), (.password, .password?), (.password, .service?), (.generic, _?):
                    improves = false
                default:
                    improves = true
                }
                guard improves, end <= region.upperBound, region.upperBound - end <= 40,
                    text.hasPrefixIgnoringCase(word, at: position),
                    !isHarmless(position..<end, in: region, nameOnly: strength == .service)
                else { continue }
                best = strength
            }
        }
        return best
    }

    static let keywordStarts = BigramSet(KeyValueSecrets.keywords.map(\.word))

    /// Whether the keyword at `word` is part of a harmless word (`monkey`, `blob`) or, unless `nameOnly` (a
    /// service's name), of a harmless name (`public_key`, `key_id`, `tokens`).
    private func isHarmless(_ word: Range<Int>, in region: Range<Int>, nameOnly: Bool) -> Bool {
        for harmless in KeyValueSecrets.harmlessWords where harmless.count >= word.count {
            let earliest = Swift.max(region.lowerBound, word.upperBound - harmless.count)
            for start in stride(from: earliest, through: word.lowerBound, by: 1)
            where text.lower(start) == harmless[0] && text.hasPrefixIgnoringCase(harmless, at: start) {
                return true
            }
        }
        // A service's name is never a plural or part of a compound name.
        if nameOnly { return false }
        var before = word.lowerBound
        while before > region.lowerBound, Self.separators.contains(text[before - 1]) { before -= 1 }
        let last = text.lower(before - 1)
        for harmless in KeyValueSecrets.harmlessBefore
        where harmless[harmless.count - 1] == last && before - harmless.count >= region.lowerBound {
            if text.hasPrefixIgnoringCase(harmless, at: before - harmless.count) { return true }
        }
        var after = word.upperBound
        while after < region.upperBound, Self.separators.contains(text[after]) { after += 1 }
        let next = text.lower(after)
        if next == UInt8(ascii: "s"), after + 1 >= region.upperBound || !ByteSet.alphanumeric.contains(text[after + 1])
        {
            return true
        }
        for harmless in KeyValueSecrets.harmlessAfter
        where harmless[0] == next && after + harmless.count <= region.upperBound {
            if text.hasPrefixIgnoringCase(harmless, at: after) { return true }
        }
        return false
    }

    /// `_. \t-`

    private static var separators: ByteSet { ByteSet(bits: 0x0000_6001_0000_0200, 0x0000_0000_8000_0000) }

    /// Whether `value` looks generated rather than written: long enough for its keyword's strength, not
    /// letters alone, random enough, and none of the things that only look random (UUIDs after a generic
    /// word, digests with their algorithm, URLs, paths, versions, timestamps).
    private func looksGenerated(_ value: Range<Int>, strength: KeyValueSecrets.Strength) -> Bool {
        let (minimum, entropy): (Int, Double) =
            switch strength {
            case .generic: (10, 3.5)
            case .password: (8, 2.5)
            case .service: (14, 2.0)
            }
        guard value.count >= minimum, value.count <= 1024, !isPlaceholder(value),
            text.contains(Self.notPlainWordBytes, in: value)
        else { return false }
        if strength == .generic, isUUID(value) { return false }
        if text.hasPrefix("://", at: text.runEnd(from: value.lowerBound, in: .letter)) { return false }
        for digest in Self.digestPrefixes where text.hasPrefixIgnoringCase(digest, at: value.lowerBound) {
            return false
        }
        if text.hasPrefix("./", at: value.lowerBound) || text.hasPrefix("../", at: value.lowerBound)
            || (text[value.lowerBound] == UInt8(ascii: "/") && !text.contains(Self.base64Only, in: value))
        {
            return false
        }
        // Digits and dots: a version or a number, unless a service's key names it (client ids are digits).
        if strength != .service || text.contains(Self.dot, in: value),
            value.allSatisfy({ ByteSet.digit.contains(text[$0]) || text[$0] == UInt8(ascii: ".") })
        {
            return false
        }
        return text.entropy(of: value) >= entropy
    }

    /// `0-9=+/%:~`

    private static var notPlainWordBytes: ByteSet { ByteSet(bits: 0x27FF_8820_0000_0000, 0x4000_0000_0000_0000) }
    /// `=+`
    private static var base64Only: ByteSet { ByteSet(bits: 0x2000_0800_0000_0000, 0x0000_0000_0000_0000) }
    /// `.`
    private static var dot: ByteSet { ByteSet(bits: 0x0000_4000_0000_0000, 0x0000_0000_0000_0000) }
    private static let digestPrefixes: [StaticString] = ["sha1:", "sha256:", "sha384:", "sha512:", "md5:", "blake2b:"]

    /// Whether `value` is a UUID: 8-4-4-4-12 hex digits.
    func isUUID(_ value: Range<Int>) -> Bool {
        guard value.count == 36 else { return false }
        for (offset, index) in value.enumerated() {
            let byte = text[index]
            if [8, 13, 18, 23].contains(offset) {
                if byte != UInt8(ascii: "-") { return false }
            } else if !ByteSet.hexDigit.contains(byte) {
                return false
            }
        }
        return true
    }
}

extension ByteSet {
    /// Every byte not in this set.
    var complement: ByteSet { ByteSet.everything.subtracting(self) }
}
