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
        String(unsafeUninitializedCapacity: rfc3339Length) { buffer in
            writeRFC3339(unixNanoseconds, into: buffer)
            return rfc3339Length
        }
    }

    /// 30: the length of ``rfc3339(_:)``'s text.
    static let rfc3339Length = 30

    /// Writes ``rfc3339(_:)``'s 30 ASCII bytes into `buffer` (which holds at least 30), in place.
    static func writeRFC3339(_ unixNanoseconds: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        var seconds = time_t(unixNanoseconds / 1_000_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // "YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ"
        func put(_ value: Int, _ width: Int, at offset: Int) {
            var value = value
            for position in stride(from: offset + width - 1, through: offset, by: -1) {
                buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(Int(parts.tm_year) + 1900, 4, at: 0)
        buffer[4] = UInt8(ascii: "-")
        put(Int(parts.tm_mon) + 1, 2, at: 5)
        buffer[7] = UInt8(ascii: "-")
        put(Int(parts.tm_mday), 2, at: 8)
        buffer[10] = UInt8(ascii: "T")
        put(Int(parts.tm_hour), 2, at: 11)
        buffer[13] = UInt8(ascii: ":")
        put(Int(parts.tm_min), 2, at: 14)
        buffer[16] = UInt8(ascii: ":")
        put(Int(parts.tm_sec), 2, at: 17)
        buffer[19] = UInt8(ascii: ".")
        put(Int(unixNanoseconds % 1_000_000_000), 9, at: 20)
        buffer[29] = UInt8(ascii: "Z")
    }

    private static func read(_ clock: clockid_t) -> UInt64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}
