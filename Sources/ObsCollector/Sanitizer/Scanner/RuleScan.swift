/// One left-to-right pass of the built-in rules over a text.
///
/// The loop looks at each byte once through `ByteClass.table`: a plain byte is skipped; at the start of
/// a word the word rules look (prefixed tokens, numbers, addresses); at a trigger byte the punctuation
/// rules look (`key=value`, `://`, `@`, paths, key blocks, JWT dots). A rule that finds something returns
/// a match, and the scan goes on after it, so matches never overlap and the leftmost wins; where two
/// rules could claim the same text, the more specific one looks first (a value that is itself a known
/// token keeps the token's label). Some rules look back from their trigger (an e-mail's local part, a
/// JWT's first segment, a key before `=`), never before the end of the previous match.
///
/// Every rule reads a bounded number of bytes per start, or a run that no later start re-reads, so a
/// scan is linear in the text's length.
struct RuleScan {
    let text: ScanText
    let enabled: BuiltinRuleSet
    /// The matches so far, in order, not overlapping.
    private(set) var matches: [ScanMatch] = []
    /// Whether the text holds a character the output must escape.
    private(set) var needsEscaping = false
    /// Whether the word `curl` occurred: `-u user:password` is then a credential.
    var sawCurl = false
    /// Ends of maximal runs already measured, per character class, so that no run is measured twice.
    var runMemo = RunMemo()
    /// Where a word rule found text that no rule needs to look into (a timestamp, a UUID): the scan
    /// resumes there.
    var skipUntil = 0
    /// The first two bytes of every token prefix and of every key word, read once per scan.
    let tokenStarts: BigramSet
    let keywordStarts: BigramSet

    init(text: ScanText, enabled: BuiltinRuleSet) {
        self.text = text
        self.enabled = enabled
        tokenStarts = RuleScan.starts
        keywordStarts = RuleScan.keywordStarts
    }

    /// Where look-behind must stop: the end of the last match.
    var floor: Int { matches.last?.end ?? 0 }

    /// Scans the whole text.
    mutating func run() {
        let classes = ByteClass.table
        let count = text.count
        var index = 0
        while index < count {
            let byte = text.bytes[index]
            switch classes[byte] {
            case ByteClass.plain:
                index += 1
            case ByteClass.word:
                var end = index + 1
                while end < count, classes[text.bytes[end]] == ByteClass.word { end += 1 }
                if let match = wordMatch(start: index, end: end) {
                    index = accept(match)
                } else {
                    index = Swift.max(end, skipUntil)
                }
            case ByteClass.control:
                if isControl(at: index) { needsEscaping = true }
                index += 1
            default:
                if let match = triggerMatch(byte, at: index) {
                    index = accept(match)
                } else {
                    index += 1
                }
            }
        }
    }

    /// Records `match` and returns where scanning resumes: after it, and after the rest of a word it
    /// ends inside.
    private mutating func accept(_ match: ScanMatch) -> Int {
        precondition(match.start >= floor && match.end > match.start, "overlapping or empty match")
        var match = match
        // A key block that starts inside a match (a quoted value cut at the end of its line) goes with it.
        if match.rule != .privateKey, let blockEnd = privateKeyBlockEnd(within: match.start..<match.end),
            blockEnd > match.end
        {
            match.end = blockEnd
        }
        matches.append(match)
        var next = match.end
        if ByteSet.word.contains(text[next - 1]) { next = text.runEnd(from: next, in: .word) }
        return next
    }

    /// Whether the byte at `index` starts a character that `TerminalText` escapes, other than newline and tab.
    private func isControl(at index: Int) -> Bool {
        switch text[index] {
        case 0xC2: return (0x80...0x9F).contains(text[index + 1])
        case 0xE2:
            let second = text[index + 1]
            let third = text[index + 2]
            return (second == 0x80 && (0xA8...0xAE).contains(third))
                || (second == 0x81 && (0xA6...0xA9).contains(third))
        default: return true
        }
    }

    /// The rules that look at a trigger byte.
    private mutating func triggerMatch(_ byte: UInt8, at index: Int) -> ScanMatch? {
        switch byte {
        case UInt8(ascii: ":"):
            if text[index + 1] == UInt8(ascii: "/"), text[index + 2] == UInt8(ascii: "/") { return urlMatch(at: index) }
            if text[index + 1] == UInt8(ascii: ":"), let match = ipv6Match(start: index) { return match }
            return keyValueMatch(at: index)
        case UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: ">"), UInt8(ascii: "|"):
            return keyValueMatch(at: index)
        case UInt8(ascii: "@"): return emailMatch(at: index)
        case UInt8(ascii: "/"): return unixUserMatch(at: index)
        case UInt8(ascii: "\\"): return windowsUserMatch(at: index)
        case UInt8(ascii: "-"): return privateKeyMatch(at: index) ?? curlUserMatch(at: index)
        case UInt8(ascii: "."): return jwtMatch(dotAt: index)
        case UInt8(ascii: "~"): return azureSecretMatch(tildeAt: index)
        default: return nil
        }
    }

    /// The rules that look at the start of a word (`start..<end` is its run of `A-Za-z0-9_`).
    private mutating func wordMatch(start: Int, end: Int) -> ScanMatch? {
        let first = text.bytes[start]
        if tokenStarts.contains(BigramSet.lower(first), text.lower(start + 1)),
            let match = prefixedTokenMatch(start: start, wordEnd: end)
        {
            return match
        }
        // Most words are plain: ask the number and address rules only about words they could start.
        let next = text[end]
        let length = end - start
        if length == 14 || length == 40, let match = markedTokenMatch(start: start, end: end) { return match }
        if Self.addressFollowers.contains(next) || length >= 13 {
            return ByteSet.digit.contains(first)
                ? numberMatch(start: start, wordEnd: end) : letterWordMatch(start: start, end: end)
        }
        if ByteSet.digit.contains(first) {
            // A card in groups: 3–6 digits and a space before the next group.
            return length >= 3 && next == UInt8(ascii: " ") && ByteSet.digit.contains(text[end + 1])
                ? numberMatch(start: start, wordEnd: end) : nil
        }
        return Self.letterRuleStarts.contains(first) ? letterWordMatch(start: start, end: end) : nil
    }

    /// Bytes after a word that may continue an address or a number: `. : - | %`.
    private static var addressFollowers: ByteSet { ByteSet(bits: 0x0400_6020_0000_0000, 0x1000_0000_0000_0000) }
    /// First bytes of the words `letterWordMatch` looks at besides those before `addressFollowers`:
    /// `A-Z` (IBANs), `b B` (Bearer, Basic), `c C` (curl), `h` (Slack webhooks), `x X` (Slack tokens).
    private static var letterRuleStarts: ByteSet { ByteSet(bits: 0, 0x0100_010C_07FF_FFFE) }
}

/// Ends of maximal runs already measured, per character class.
struct RunMemo {
    /// Start and end of the last run measured per class (allocated at the first use: most texts need none).
    private var runs: [Range<Int>] = []

    /// Where the run of `runClass` bytes from `start` ends. A short run is measured directly; a long one
    /// is remembered, so that a start inside it later costs nothing.
    @inline(__always)
    mutating func end(of runClass: RunClass, from start: Int, in text: ScanText) -> Int {
        let quick = text.runEnd(from: start, in: runClass.set, limit: 256)
        if quick - start < 256 { return quick }
        let slot = Int(runClass.rawValue)
        if runs.isEmpty { runs = Array(repeating: 0..<0, count: RunClass.allCases.count) }
        if runs[slot].contains(start) { return runs[slot].upperBound }
        let end = text.runEnd(from: start, in: runClass.set)
        runs[slot] = start..<end
        return end
    }
}

/// The character classes whose runs are memoized.
enum RunClass: UInt8, CaseIterable {
    case word, wordDash, alphanumeric, hexDigit, base64, base64URL, dotted, value, upperAlphanumeric
    case upperAlphanumericDash, hexDash, tokenChars, letter, jwtBase64, alphanumericPercent

    /// The class's bytes.
    var set: ByteSet {
        switch self {
        case .word: .word
        case .wordDash: .wordDash
        case .alphanumeric: .alphanumeric
        case .hexDigit: .hexDigit
        case .base64: .base64
        // `A-Za-z0-9_=+/-`
        case .base64URL: ByteSet(bits: 0x23FF_A800_0000_0000, 0x07FF_FFFE_87FF_FFFE)
        // `A-Za-z0-9_=.-`
        case .dotted: ByteSet(bits: 0x23FF_6000_0000_0000, 0x07FF_FFFE_87FF_FFFE)
        case .value: KeyValueSecrets.valueBytes
        // `A-Z0-9`
        case .upperAlphanumeric: ByteSet(bits: 0x03FF_0000_0000_0000, 0x0000_0000_07FF_FFFE)
        // `A-Z0-9-`
        case .upperAlphanumericDash: ByteSet(bits: 0x03FF_2000_0000_0000, 0x0000_0000_07FF_FFFE)
        // `0-9A-Fa-f-`
        case .hexDash: ByteSet(bits: 0x03FF_2000_0000_0000, 0x0000_007E_0000_007E)
        // `A-Za-z0-9_=+/.-`
        case .tokenChars: ByteSet(bits: 0x23FF_E800_0000_0000, 0x07FF_FFFE_87FF_FFFE)
        case .letter: .letter
        // `A-Za-z0-9/\_+-`, carriage return and newline
        case .jwtBase64: ByteSet(bits: 0x03FF_A800_0000_2400, 0x07FF_FFFE_97FF_FFFE)
        // `A-Za-z0-9%`
        case .alphanumericPercent: ByteSet(bits: 0x03FF_0020_0000_0000, 0x07FF_FFFE_07FF_FFFE)
        }
    }
}
