#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the system clocks in integer nanoseconds, and formats Unix nanoseconds for people.
public enum UnixTime {
    /// `CLOCK_REALTIME` now, in Unix nanoseconds.
    public static func nowNanoseconds() -> UInt64 { read(CLOCK_REALTIME) }

    /// `CLOCK_MONOTONIC` now, in nanoseconds.
    public static func monotonicNanoseconds() -> UInt64 { read(CLOCK_MONOTONIC) }

    /// Nanoseconds to add to a `CLOCK_MONOTONIC` reading to get Unix time, measured now.
    public static func monotonicToUnixOffset() -> Int64 {
        let before = monotonicNanoseconds()
        let wall = nowNanoseconds()
        let after = monotonicNanoseconds()
        let mono = before / 2 + after / 2
        return Int64(bitPattern: wall &- mono)
    }

    /// RFC 3339 UTC with nanoseconds, e.g. `2026-11-24T18:31:59.123456789Z`.
    public static func rfc3339(_ unixNanoseconds: UInt64) -> String {
        var seconds = time_t(unixNanoseconds / 1_000_000_000)
        let nanos = unixNanoseconds % 1_000_000_000
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let fraction = String(nanos)
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-"
            + pad(parts.tm_mday, 2) + "T" + pad(parts.tm_hour, 2) + ":" + pad(parts.tm_min, 2)
            + ":" + pad(parts.tm_sec, 2) + "."
            + String(repeating: "0", count: 9 - fraction.count) + fraction + "Z"
    }

    private static func read(_ clock: clockid_t) -> UInt64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}
