import ObsCollector

/// Writes Chrome Trace Event Format events as JSON text: one object per event, keys in a fixed
/// order, strings escaped with ``JSONText``.
///
/// Times: the format counts microseconds (`ts`, `dur`). A recording counts nanoseconds, so each
/// value is written with three decimals plus a fourth digit 5 (half a nanosecond): viewers that
/// turn microseconds back into whole nanoseconds by truncating `value × 1000` (Perfetto does)
/// then get the exact nanosecond, whatever the binary rounding of the decimal, and the ends of
/// nested slices (`ts + dur`) stay nested.
struct TraceEventJSON {
    /// The events written so far, comma-separated.
    private(set) var text = ""
    private(set) var count = 0

    /// `nanoseconds` as the format's microseconds, with the half-nanosecond digit.
    static func microseconds(_ nanoseconds: UInt64) -> String {
        let fraction = nanoseconds % 1000
        let digits = fraction < 10 ? "00\(fraction)" : fraction < 100 ? "0\(fraction)" : "\(fraction)"
        return "\(nanoseconds / 1000).\(digits)5"
    }

    /// Appends one event made of `members` (already JSON: `"key":value`).
    mutating func append(_ members: [String]) {
        if count > 0 { text += ",\n" }
        text += "{" + members.joined(separator: ",") + "}"
        count += 1
    }

    /// A `"key":"string"` member.
    static func member(_ key: String, _ value: String) -> String {
        "\"\(key)\":" + JSONText.string(value)
    }

    /// A `"key":number` member (the number already formatted).
    static func number(_ key: String, _ value: String) -> String {
        "\"\(key)\":\(value)"
    }
}
