/// IP and MAC addresses.
///
/// - IPv4: a dotted quad, every octet at most 255, not part of a longer dotted number. Left alone where
///   it identifies no one or context says it is no address: loopback `127.x.x.x`, `0.0.0.0`, netmasks
///   (`255.255.255.0`), and a quad after a word such as `version`, `release` or `firmware`, or after a
///   version operator (`>=`, `~`, `^`).
/// - IPv6: RFC 4291 text forms (eight groups, or fewer around one `::`, an embedded IPv4 at the end, a
///   `%zone`), with at least one decimal digit, so that hex words around `::` (`add::cafe`) and
///   `::`-separated paths stay; `::` and `::1` are left alone.
/// - MAC: six pairs of hex digits joined by `:` or `-` throughout, with at least one hex letter (all-decimal
///   pairs are far more often timecodes than addresses).
extension RuleScan {
    // MARK: - IPv4

    /// The IPv4 address whose first digit is at `start`, if any.
    mutating func ipv4Match(start: Int) -> ScanMatch? {
        guard enabled.contains(.ipv4), !Self.ipv4Glue.contains(text[start - 1]) else { return nil }
        var octets: [Int] = []
        var index = start
        while octets.count < 4 {
            let end = text.runEnd(from: index, in: .digit, limit: 4)
            guard end > index, end - index <= 3, let value = Int(decimal: text, index..<end), value <= 255,
                end - index == 1 || text[index] != UInt8(ascii: "0")
            else { return nil }
            octets.append(value)
            index = end
            if octets.count < 4 {
                guard text[index] == UInt8(ascii: "."), ByteSet.digit.contains(text[index + 1]) else { return nil }
                index += 1
            }
        }
        let next = text[index]
        if ByteSet.word.contains(next) || (next == UInt8(ascii: ".") && ByteSet.digit.contains(text[index + 1])) {
            return nil
        }
        if octets[0] == 127 || octets.allSatisfy({ $0 == 0 }) || Self.isNetmask(octets) { return nil }
        if isVersionContext(before: start) { return nil }
        return ScanMatch(start: start, end: index, rule: .ipv4)
    }

    private static func isNetmask(_ octets: [Int]) -> Bool {
        octets[0] == 255 && octets.allSatisfy { [0, 128, 192, 224, 240, 248, 252, 254, 255].contains($0) }
    }

    /// Whether the text before `start` says that a dotted number is a version: a word such as `version`
    /// (quotes, spaces, `:` and `=` between), or a version operator.
    func isVersionContext(before start: Int) -> Bool {
        var index = start
        while index > floor, index > start - 4, Self.blankOrQuote.contains(text[index - 1]) { index -= 1 }
        let previous = text[index - 1]
        if previous == UInt8(ascii: "~") || previous == UInt8(ascii: "^")
            || (previous == UInt8(ascii: "=") && [UInt8(ascii: ">"), UInt8(ascii: "<")].contains(text[index - 2]))
        {
            return true
        }
        var skipped = 0
        while skipped < 4, index > floor, Self.contextGap.contains(text[index - 1]) {
            index -= 1
            skipped += 1
        }
        let wordStart = text.runStart(before: index, in: .letter, floor: floor, limit: 16)
        guard wordStart < index else { return false }
        return Self.versionWords.contains { word in
            word.count == index - wordStart && text.hasPrefixIgnoringCase(word, at: wordStart)
        }
    }

    /// `A-Za-z0-9_.`

    private static var ipv4Glue: ByteSet { ByteSet(bits: 0x03FF_4000_0000_0000, 0x07FF_FFFE_87FF_FFFE) }
    /// ` \t"'=:(`
    private static var contextGap: ByteSet { ByteSet(bits: 0x2400_0185_0000_0200, 0x0000_0000_0000_0000) }
    /// ` \t"'`
    private static var blankOrQuote: ByteSet { ByteSet(bits: 0x0000_0085_0000_0200, 0x0000_0000_0000_0000) }
    private static let versionWords: [StaticString] = [
        "version", "versions", "ver", "release", "firmware", "fw", "revision", "rev", "kernel", "tag", "driver",
        "bios", "sdk", "minimum", "maximum", "requirement", "requires", "require",
    ]

    // MARK: - IPv6

    /// The IPv6 address that starts at `start` (a hex digit, or the `::` of a compressed form), if any.
    mutating func ipv6Match(start: Int) -> ScanMatch? {
        guard enabled.contains(.ipv6), !Self.ipv6Glue.contains(text[start - 1]) else { return nil }
        var end = text.runEnd(from: start, in: Self.ipv6Bytes, limit: 64)
        var zoneEnd = end
        if text[end] == UInt8(ascii: "%") { zoneEnd = text.runEnd(from: end + 1, in: Self.zoneBytes, limit: 32) }
        if zoneEnd == end {
            // A trailing `:` or `.` ends a sentence, not the address (but `::` is part of it).
            while end > start,
                text[end - 1] == UInt8(ascii: ".")
                    || (text[end - 1] == UInt8(ascii: ":") && text[end - 2] != UInt8(ascii: ":"))
            {
                end -= 1
            }
            zoneEnd = end
        }
        // Two colons at least (`::1`, or seven of eight groups): a time such as `14:03` has one.
        var colons = 0
        for index in start..<end where text[index] == UInt8(ascii: ":") { colons += 1 }
        guard colons >= 2, !ByteSet.word.contains(text[zoneEnd]), Self.isIPv6(text, start..<end),
            text.contains(.digit, in: start..<end)
        else { return nil }
        if end - start == 3, text.hasPrefix("::1", at: start) { return nil }
        return ScanMatch(start: start, end: zoneEnd, rule: .ipv6)
    }

    /// Whether `range` is an IPv6 address in one of RFC 4291's text forms.
    static func isIPv6(_ text: ScanText, _ range: Range<Int>) -> Bool {
        var groups = 0
        var compressed = false
        var index = range.lowerBound
        if text[index] == UInt8(ascii: ":") {
            guard text[index + 1] == UInt8(ascii: ":") else { return false }
            compressed = true
            index += 2
            if index == range.upperBound { return false }
        }
        while index < range.upperBound {
            let hexEnd = Swift.min(text.runEnd(from: index, in: .hexDigit, limit: 5), range.upperBound)
            if text[hexEnd] == UInt8(ascii: "."), hexEnd < range.upperBound {
                // An embedded IPv4 address ends the address and counts as two groups.
                guard isDottedQuad(text, index..<range.upperBound) else { return false }
                groups += 2
                index = range.upperBound
                break
            }
            guard hexEnd > index, hexEnd - index <= 4 else { return false }
            groups += 1
            index = hexEnd
            if index == range.upperBound { break }
            guard text[index] == UInt8(ascii: ":") else { return false }
            index += 1
            if text[index] == UInt8(ascii: ":") {
                guard !compressed else { return false }
                compressed = true
                index += 1
                if index == range.upperBound { break }
            } else if index == range.upperBound {
                return false
            }
        }
        return compressed ? groups <= 7 : groups == 8
    }

    private static func isDottedQuad(_ text: ScanText, _ range: Range<Int>) -> Bool {
        var octets = 0
        var index = range.lowerBound
        while index < range.upperBound {
            let end = Swift.min(text.runEnd(from: index, in: .digit, limit: 4), range.upperBound)
            guard end > index, end - index <= 3, let value = Int(decimal: text, index..<end), value <= 255 else {
                return false
            }
            octets += 1
            index = end
            if index < range.upperBound {
                guard text[index] == UInt8(ascii: ".") else { return false }
                index += 1
            }
        }
        return octets == 4
    }

    /// `A-Za-z0-9_:.%`

    private static var ipv6Glue: ByteSet { ByteSet(bits: 0x07FF_4020_0000_0000, 0x07FF_FFFE_87FF_FFFE) }
    /// `A-Fa-f`
    private static var hexLetters: ByteSet { ByteSet(bits: 0x0000_0000_0000_0000, 0x0000_007E_0000_007E) }
    /// `0-9A-Fa-f:.`
    private static var ipv6Bytes: ByteSet { ByteSet(bits: 0x07FF_4000_0000_0000, 0x0000_007E_0000_007E) }
    /// `A-Za-z0-9_.-`
    private static var zoneBytes: ByteSet { ByteSet(bits: 0x03FF_6000_0000_0000, 0x07FF_FFFE_87FF_FFFE) }

    // MARK: - MAC

    /// The MAC address that starts at `start`, if any.
    mutating func macMatch(start: Int) -> ScanMatch? {
        guard enabled.contains(.mac), !ByteSet.word.contains(text[start - 1]) else { return nil }
        let separator = text[start + 2]
        guard separator == UInt8(ascii: ":") || separator == UInt8(ascii: "-") else { return nil }
        for pair in 0..<6 {
            let index = start + pair * 3
            guard ByteSet.hexDigit.contains(text[index]), ByteSet.hexDigit.contains(text[index + 1]) else {
                return nil
            }
            if pair < 5, text[index + 2] != separator { return nil }
        }
        let end = start + 17
        guard !ByteSet.word.contains(text[end]), !(text[end] == separator && ByteSet.hexDigit.contains(text[end + 1])),
            text.contains(Self.hexLetters, in: start..<end)
        else { return nil }
        return ScanMatch(start: start, end: end, rule: .mac)
    }
}

extension Int {
    /// The decimal number in `range` of `text` (ASCII digits only), or `nil` past 18 digits.
    init?(decimal text: ScanText, _ range: Range<Int>) {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for index in range {
            let digit = Int(text[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        self = value
    }
}
