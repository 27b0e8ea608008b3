/// International bank account numbers: a country code, two check digits and 11–30 letters or digits,
/// whole or in groups of four separated by single spaces, passing the ISO 7064 mod-97 check.
extension RuleScan {
    mutating func ibanMatch(start: Int) -> ScanMatch? {
        guard enabled.contains(.iban), Self.upper.contains(text[start]), Self.upper.contains(text[start + 1]),
            ByteSet.digit.contains(text[start + 2]), ByteSet.digit.contains(text[start + 3])
        else { return nil }
        var characters: [UInt8] = []
        var index = start
        var end = start
        while characters.count < 34 {
            let byte = text[index]
            if Self.upperAlphanumeric.contains(byte) {
                characters.append(byte)
                index += 1
                end = index
            } else if byte == UInt8(ascii: " "), Self.upperAlphanumeric.contains(text[index + 1]),
                characters.count % 4 == 0
            {
                index += 1
            } else {
                break
            }
        }
        guard (15...34).contains(characters.count), !ByteSet.alphanumeric.contains(text[end]),
            Self.passesMod97(characters)
        else { return nil }
        return ScanMatch(start: start, end: end, rule: .iban)
    }

    /// ISO 7064 mod 97-10: the first four characters moved to the end, letters as 10–35, remainder 1.
    static func passesMod97(_ characters: [UInt8]) -> Bool {
        var remainder = 0
        for byte in characters[4...] + characters[..<4] {
            let value = ByteSet.digit.contains(byte) ? Int(byte) - 48 : Int(byte) - 55
            remainder = (value >= 10 ? remainder * 100 + value : remainder * 10 + value) % 97
        }
        return remainder == 1
    }

    /// `A-Z`

    private static var upper: ByteSet { ByteSet(bits: 0x0000_0000_0000_0000, 0x0000_0000_07FF_FFFE) }
    /// `A-Z0-9`
    private static var upperAlphanumeric: ByteSet { ByteSet(bits: 0x03FF_0000_0000_0000, 0x0000_0000_07FF_FFFE) }
}
