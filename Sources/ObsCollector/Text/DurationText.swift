/// Formats nanosecond durations for people: `812ns`, `4.20µs`, `13.1ms`, `2.05s`.
public enum DurationText {
    /// `nanoseconds` with three significant digits and a unit.
    public static func format(_ nanoseconds: UInt64) -> String {
        let value = Double(nanoseconds)
        switch nanoseconds {
        case ..<1_000: return "\(nanoseconds)ns"
        case ..<1_000_000: return significant(value / 1e3) + "µs"
        case ..<1_000_000_000: return significant(value / 1e6) + "ms"
        default: return significant(value / 1e9) + "s"
        }
    }

    private static func significant(_ value: Double) -> String {
        let decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2
        var scaled = (value * pow10(decimals)).rounded()
        let integer = Int(scaled) / Int(pow10(decimals))
        scaled -= Double(integer) * pow10(decimals)
        guard decimals > 0 else { return String(integer) }
        let fraction = String(Int(scaled))
        return "\(integer)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    private static func pow10(_ n: Int) -> Double { n == 0 ? 1 : n == 1 ? 10 : 100 }
}
