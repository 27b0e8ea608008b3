/// Small helpers for writing JSON by hand, with a fixed key order and RFC 8259 escaping.
public enum JSONText {
    /// Appends `value` as a JSON string literal (with quotes) to `out`.
    ///
    /// Quotes, backslashes and every control character are escaped, so the result is always one line.
    public static func appendString(_ value: String, to out: inout String) {
        out.append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{2028}": out.append("\\u2028")
            case "\u{2029}": out.append("\\u2029")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out.append("\\u00")
                    out.append(hexDigits[Int(scalar.value >> 4)])
                    out.append(hexDigits[Int(scalar.value & 0xF)])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
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
