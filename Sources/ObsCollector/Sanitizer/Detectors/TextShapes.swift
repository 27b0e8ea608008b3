/// Shapes that no rule needs to look into, recognized whole so that the scan skips them: they hold
/// digits, dashes and colons that would otherwise be taken apart as dates, times, cards or addresses.
enum TextShapes {
    /// Where an ISO 8601 date or timestamp that starts at `start` ends: `YYYY-MM-DD`, optionally `T` or a
    /// space and `hh:mm`, `:ss`, a fraction, and `Z` or an offset.
    static func timestampEnd(_ text: ScanText, from start: Int) -> Int? {
        guard digits(text, start, 4), text[start + 4] == UInt8(ascii: "-"), digits(text, start + 5, 2),
            text[start + 7] == UInt8(ascii: "-"), digits(text, start + 8, 2)
        else { return nil }
        var end = start + 10
        let separator = text[end]
        if separator == UInt8(ascii: "T") || separator == UInt8(ascii: " "), digits(text, end + 1, 2),
            text[end + 3] == UInt8(ascii: ":"), digits(text, end + 4, 2)
        {
            end += 6
            if text[end] == UInt8(ascii: ":"), digits(text, end + 1, 2) { end += 3 }
            if text[end] == UInt8(ascii: "."), ByteSet.digit.contains(text[end + 1]) {
                end = text.runEnd(from: end + 1, in: .digit, limit: 12)
            }
            if text[end] == UInt8(ascii: "Z") {
                end += 1
            } else if text[end] == UInt8(ascii: "+") || text[end] == UInt8(ascii: "-"), digits(text, end + 1, 2),
                text[end + 3] == UInt8(ascii: ":"), digits(text, end + 4, 2)
            {
                end += 6
            }
        }
        return ByteSet.alphanumeric.contains(text[end]) ? nil : end
    }

    /// Where a UUID (8-4-4-4-12 hex digits) that starts at `start` ends.
    static func uuidEnd(_ text: ScanText, from start: Int) -> Int? {
        var index = start
        for (offset, length) in [8, 4, 4, 4, 12].enumerated() {
            guard text.runEnd(from: index, in: .hexDigit, limit: length + 1) - index == length else { return nil }
            index += length
            if offset < 4 {
                guard text[index] == UInt8(ascii: "-") else { return nil }
                index += 1
            }
        }
        return ByteSet.word.contains(text[index]) ? nil : index
    }

    private static func digits(_ text: ScanText, _ start: Int, _ count: Int) -> Bool {
        for offset in 0..<count where !ByteSet.digit.contains(text[start + offset]) { return false }
        return true
    }
}
