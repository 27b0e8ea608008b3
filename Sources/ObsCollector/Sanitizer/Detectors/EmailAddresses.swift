/// E-mail addresses: a local part, `@`, and a domain of dot-separated labels ending with a top-level domain
/// of letters (`user@localhost` and `pkg@1.2.3` are left alone).
extension RuleScan {
    /// The address whose `@` is at `at`, if any.
    mutating func emailMatch(at: Int) -> ScanMatch? {
        guard enabled.contains(.email) else { return nil }
        let start = text.runStart(before: at, in: Self.localBytes, floor: floor, limit: 64)
        guard start < at, !Self.localBytes.contains(text[start - 1]) || start == floor else { return nil }
        var end = text.runEnd(from: at + 1, in: Self.domainBytes, limit: 255)
        while end > at + 1, text[end - 1] == UInt8(ascii: ".") || text[end - 1] == UInt8(ascii: "-") { end -= 1 }
        // The top-level domain: the letters after the last dot, two or more.
        let tldStart = text.runStart(before: end, in: .letter, floor: at + 1)
        guard end - tldStart >= 2, text[tldStart - 1] == UInt8(ascii: "."), tldStart - 1 > at + 1,
            !ByteSet.alphanumeric.contains(text[end])
        else { return nil }
        return ScanMatch(start: start, end: end, rule: .email)
    }

    /// `A-Za-z0-9._%+-`

    private static var localBytes: ByteSet { ByteSet(bits: 0x03FF_6820_0000_0000, 0x07FF_FFFE_87FF_FFFE) }
    /// `A-Za-z0-9.-`
    private static var domainBytes: ByteSet { ByteSet(bits: 0x03FF_6000_0000_0000, 0x07FF_FFFE_07FF_FFFE) }
}
