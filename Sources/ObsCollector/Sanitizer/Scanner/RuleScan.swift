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

    init(text: ScanText, enabled: BuiltinRuleSet) {
        self.text = text
        self.enabled = enabled
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
                let end = text.runEnd(from: index, in: .word)
                if let match = wordMatch(start: index, end: end) {
                    index = accept(match)
                } else {
                    index = end
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
        if let match = prefixedTokenMatch(start: start, wordEnd: end) { return match }
        if ByteSet.digit.contains(text[start]) { return numberMatch(start: start, wordEnd: end) }
        return letterWordMatch(start: start, end: end)
    }
}

/// Ends of maximal runs already measured, per character class.
struct RunMemo {
    private var starts = [Int](repeating: -1, count: RunClass.allCases.count)
    private var ends = [Int](repeating: -1, count: RunClass.allCases.count)

    /// Where the run of `runClass` bytes from `start` ends; a start inside a run measured before costs nothing.
    mutating func end(of runClass: RunClass, from start: Int, in text: ScanText) -> Int {
        let slot = Int(runClass.rawValue)
        if start >= starts[slot], start < ends[slot] { return ends[slot] }
        let end = text.runEnd(from: start, in: runClass.set)
        starts[slot] = start
        ends[slot] = end
        return end
    }
}

/// The character classes whose runs are memoized.
enum RunClass: UInt8, CaseIterable {
    case word, wordDash, alphanumeric, hexDigit, base64, base64URL, dotted, value, upperAlphanumeric
    case upperAlphanumericDash, hexDash, tokenChars, letter, jwtBase64, alphanumericPercent

    /// The class's bytes.
    var set: ByteSet { RunClass.sets[Int(rawValue)] }

    private static let sets: [ByteSet] = [
        .word, .wordDash, .alphanumeric, .hexDigit, .base64, ByteSet("A-Za-z0-9_=+/-"), ByteSet("A-Za-z0-9_=.-"),
        KeyValueSecrets.valueBytes, ByteSet("A-Z0-9"), ByteSet("A-Z0-9-"), ByteSet("0-9A-Fa-f-"),
        ByteSet("A-Za-z0-9_=+/.-"), .letter, ByteSet("A-Za-z0-9/\\_+\r\n-"), ByteSet("A-Za-z0-9%"),
    ]
}
