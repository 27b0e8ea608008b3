/// Small helpers for writing JSON by hand, with a fixed key order and RFC 8259 escaping.
public enum JSONText {
    /// Appends `value` as a JSON string literal (with quotes) to `out`.
    ///
    /// Quotes, backslashes, every control character, DEL and U+2028/U+2029 are escaped, so the
    /// result is always one line (the escaping is ``JSONBuffer/appendString(_:)``'s).
    public static func appendString(_ value: String, to out: inout String) {
        let buffer = JSONBuffer(capacity: value.utf8.count + 2)
        buffer.appendString(value)
        out += buffer.text
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
}
