/// Small helpers for writing JSON by hand, with a fixed key order and RFC 8259 escaping.
public enum JSONText {
    /// Appends `value` as a JSON string literal (with quotes) to `out`.
    ///
    /// Quotes, backslashes and every control character are escaped, so the result is always one
    /// line. Runs of bytes that need no escape are copied whole, so ordinary text costs a scan.
    public static func appendString(_ value: String, to out: inout String) {
        out.append("\"")
        let plain =
            value.utf8.withContiguousStorageIfAvailable { bytes in
                !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }
            } ?? false
        if plain {  // the common case: one scan, one copy
            out.append(value)
            out.append("\"")
            return
        }
        let utf8 = value.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            let escapeLength: Int
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F {
                escapeLength = 1
            } else if byte == 0xE2, separatorFollows(utf8, after: index) {
                escapeLength = 3  // U+2028 or U+2029, which JavaScript reads as line breaks
            } else {
                index = utf8.index(after: index)
                continue
            }
            out.append(contentsOf: value[runStart..<index])
            let end = utf8.index(index, offsetBy: escapeLength)
            appendEscape(for: value.unicodeScalars[index], to: &out)
            index = end
            runStart = end
        }
        out.append(contentsOf: value[runStart..<utf8.endIndex])
        out.append("\"")
    }

    /// Whether the bytes after an 0xE2 at `index` are 0x80 0xA8 or 0x80 0xA9.
    private static func separatorFollows(_ utf8: String.UTF8View, after index: String.Index) -> Bool {
        let second = utf8.index(after: index)
        guard second != utf8.endIndex, utf8[second] == 0x80 else { return false }
        let third = utf8.index(after: second)
        return third != utf8.endIndex && (utf8[third] == 0xA8 || utf8[third] == 0xA9)
    }

    /// The JSON escape of one scalar that needs one.
    private static func appendEscape(for scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "\"": out.append("\\\"")
        case "\\": out.append("\\\\")
        case "\n": out.append("\\n")
        case "\r": out.append("\\r")
        case "\t": out.append("\\t")
        case "\u{2028}": out.append("\\u2028")
        case "\u{2029}": out.append("\\u2029")
        default:
            out.append("\\u00")
            out.append(hexDigits[Int(scalar.value >> 4)])
            out.append(hexDigits[Int(scalar.value & 0xF)])
        }
    }

    /// `value` as a JSON string literal.
    public static func string(_ value: String) -> String {
        var out = ""
        appendString(value, to: &out)
        return out
    }

    /// A JSON number for a double; non-finite values (not allowed in JSON) become `null`.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static let hexDigits: [Character] = Array("0123456789abcdef")
}
