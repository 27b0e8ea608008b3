/// JSON Web Tokens: three base64url segments joined by dots, the first two starting with `ey` (the
/// encoding of `{"`). Found from the first dot, looking back for the start, so that a JWT glued to
/// preceding text (`12:30:45eyJ…`) is found too when its first segment starts with `eyJ`.
extension RuleScan {
    /// The JWT whose first dot is at `dot`, if any.
    mutating func jwtMatch(dotAt dot: Int) -> ScanMatch? {
        guard enabled.contains(.jwt) else { return nil }
        let segmentStart = text.runStart(before: dot, in: .wordDash, floor: floor, limit: 8192)
        guard dot - segmentStart >= 6 else { return nil }
        // The token starts at the first `eyJ` of the segment, or at its start when it begins with `ey`.
        var start: Int?
        if text[segmentStart] == UInt8(ascii: "e"), text[segmentStart + 1] == UInt8(ascii: "y") {
            start = segmentStart
        } else {
            var index = segmentStart
            while index + 3 <= dot {
                if text[index] == UInt8(ascii: "e"), text[index + 1] == UInt8(ascii: "y"),
                    text[index + 2] == UInt8(ascii: "J")
                {
                    start = index
                    break
                }
                index += 1
            }
        }
        guard let start else { return nil }
        let strong = text[start + 2] == UInt8(ascii: "J")
        // gitleaks' form `ey…` (not `eyJ`) must be a whole word with a long payload that also starts `ey`.
        let payloadEnd = text.runEnd(from: dot + 1, in: Self.segmentBytes)
        let payload = payloadEnd - (dot + 1)
        if strong {
            guard dot - start >= 7, payload >= 4 else { return nil }
        } else {
            guard start == segmentStart, dot - start >= 19, payload >= 19, text[dot + 1] == UInt8(ascii: "e"),
                text[dot + 2] == UInt8(ascii: "y")
            else { return nil }
        }
        guard text[payloadEnd] == UInt8(ascii: ".") else { return nil }
        var end = text.runEnd(from: payloadEnd + 1, in: Self.segmentBytes)
        var padding = 0
        while padding < 2, text[end] == UInt8(ascii: "=") {
            end += 1
            padding += 1
        }
        return ScanMatch(start: start, end: end, rule: .jwt)
    }

    /// `A-Za-z0-9_/\-`

    private static var segmentBytes: ByteSet { ByteSet(bits: 0x03FF_A000_0000_0000, 0x07FF_FFFE_97FF_FFFE) }
}
