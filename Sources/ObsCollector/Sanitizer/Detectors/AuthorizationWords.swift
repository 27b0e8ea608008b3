/// Credentials after an authorization scheme anywhere in a text, and `curl -u user:password`.
///
/// - `Bearer <token>`: 16 or more token bytes with a digit (`Bearer token expired` stays).
/// - `Basic <base64>`: only when it decodes to `user:password`.
/// - `curl … -u user:password` (`--user`), once the word `curl` occurred earlier in the text.
extension RuleScan {
    mutating func bearerMatch(start: Int, end: Int) -> ScanMatch? {
        guard enabled.contains(.authorization), text.hasPrefixIgnoringCase("bearer", at: start) else { return nil }
        var index = end
        guard text[index] == UInt8(ascii: " ") || text[index] == UInt8(ascii: "\t") else { return nil }
        while text[index] == UInt8(ascii: " ") || text[index] == UInt8(ascii: "\t") { index += 1 }
        var tokenEnd = index
        while Self.bearerBytes.contains(text[tokenEnd]) {
            if tokenEnd > index, ByteSet.letter.contains(text[tokenEnd]),
                !ByteSet.alphanumeric.contains(text[tokenEnd - 1]), secretKeyAhead(at: tokenEnd)
            {
                break
            }
            tokenEnd += 1
        }
        guard tokenEnd - index >= 16, text.contains(.digit, in: index..<tokenEnd) else { return nil }
        while text[tokenEnd] == UInt8(ascii: "=") { tokenEnd += 1 }
        if let specific = specificMatch(at: index), specific.end >= tokenEnd { return specific }
        return ScanMatch(start: index, end: tokenEnd, rule: .authorization)
    }

    mutating func basicMatch(start: Int, end: Int) -> ScanMatch? {
        guard enabled.contains(.authorization), end - start == 5, text.hasPrefixIgnoringCase("basic", at: start)
        else { return nil }
        var index = end
        guard text[index] == UInt8(ascii: " ") || text[index] == UInt8(ascii: "\t") else { return nil }
        while text[index] == UInt8(ascii: " ") || text[index] == UInt8(ascii: "\t") { index += 1 }
        var tokenEnd = text.runEnd(from: index, in: Self.base64Bytes, limit: 4096)
        var padding = 0
        while padding < 2, text[tokenEnd] == UInt8(ascii: "=") {
            tokenEnd += 1
            padding += 1
        }
        guard tokenEnd - index >= 4, !ByteSet.base64.contains(text[tokenEnd]),
            Self.decodesToCredential(text, index..<tokenEnd)
        else { return nil }
        return ScanMatch(start: index, end: tokenEnd, rule: .authorization)
    }

    /// Whether base64 `range` decodes to UTF-8 text with a `:` (`user:password`).
    static func decodesToCredential(_ text: ScanText, _ range: Range<Int>) -> Bool {
        var bits: UInt32 = 0
        var bitCount = 0
        var decoded: [UInt8] = []
        for index in range {
            let byte = text[index]
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - 97 + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - 48 + 52)
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            default: continue
            }
            bits = bits << 6 | value
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                decoded.append(UInt8(truncatingIfNeeded: bits >> UInt32(bitCount)))
            }
        }
        guard decoded.contains(UInt8(ascii: ":")), String(validating: decoded, as: UTF8.self) != nil else {
            return false
        }
        return !decoded.contains { $0 < 0x20 }
    }

    /// `-u user:password` or `--user user:password` after the word `curl`: the credential, quoted or not.
    mutating func curlUserMatch(at dash: Int) -> ScanMatch? {
        guard sawCurl, enabled.contains(.credentials), ByteSet.whitespace.contains(text[dash - 1]) else { return nil }
        var index: Int
        if text[dash + 1] == UInt8(ascii: "u") {
            index = dash + 2
        } else if text.hasPrefix("--user", at: dash) {
            index = dash + 6
        } else {
            return nil
        }
        guard text[index] == UInt8(ascii: " ") || text[index] == UInt8(ascii: "=") || text[index] == UInt8(ascii: "\t")
        else { return nil }
        while text[index] == UInt8(ascii: " ") || text[index] == UInt8(ascii: "=") || text[index] == UInt8(ascii: "\t")
        {
            index += 1
        }
        let credential = value(from: index, acrossLines: true)
        guard credential.contains(where: { text[$0] == UInt8(ascii: ":") }), credential.count >= 4 else { return nil }
        return ScanMatch(start: credential.lowerBound, end: credential.upperBound, rule: .credentials)
    }

    /// `A-Za-z0-9._~+/-`

    private static var bearerBytes: ByteSet { ByteSet(bits: 0x03FF_E800_0000_0000, 0x47FF_FFFE_87FF_FFFE) }
    /// `A-Za-z0-9+/`
    private static var base64Bytes: ByteSet { ByteSet(bits: 0x03FF_8800_0000_0000, 0x07FF_FFFE_07FF_FFFE) }
}
