/// Lowercase hexadecimal encoding and decoding shared by the W3C Trace Context types.
///
/// The W3C `traceparent` grammar only admits lowercase hex digits (`HEXDIGLC`), so decoding rejects `A`–`F`.
enum TraceHex {
    /// The value of one lowercase hex digit, or `nil` for any other byte (uppercase included).
    ///
    /// - Parameter byte: An ASCII byte.
    /// - Returns: 0–15, or `nil`.
    @inline(__always)
    static func value(ofLowercase byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte &- UInt8(ascii: "a") &+ 10
        default: return nil
        }
    }

    /// Whether a Unicode scalar is an uppercase hex letter (`A`–`F`), for error messages.
    static func isUppercaseHexLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x41 && scalar.value <= 0x46
    }

    /// Decodes exactly `digits` lowercase hex digits into an integer.
    ///
    /// - Parameters:
    ///   - bytes: The ASCII bytes to decode; their count must equal `digits`.
    ///   - digits: The expected number of digits, at most 16.
    /// - Returns: The value, or `nil` when the count differs or a byte is not a lowercase hex digit.
    static func decode(_ bytes: some Collection<UInt8>, digits: Int) -> UInt64? {
        guard bytes.count == digits else { return nil }
        var result: UInt64 = 0
        for byte in bytes {
            guard let nibble = value(ofLowercase: byte) else { return nil }
            result = result << 4 | UInt64(nibble)
        }
        return result
    }

    private static let alphabet: StaticString = "0123456789abcdef"

    /// Writes `value` as `digits` lowercase hex digits, most significant first.
    ///
    /// - Parameters:
    ///   - value: The value to encode.
    ///   - digits: The number of digits to write (leading zeros included), at most 16.
    ///   - buffer: The destination; must hold `offset + digits` bytes.
    ///   - offset: Where to start writing.
    static func write(_ value: UInt64, digits: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        alphabet.withUTF8Buffer { table in
            var remaining = value
            var index = offset + digits - 1
            while index >= offset {
                buffer[index] = table[Int(remaining & 0xF)]
                remaining >>= 4
                index -= 1
            }
        }
    }

    /// Encodes `value` as a string of exactly `digits` lowercase hex digits.
    ///
    /// - Parameters:
    ///   - value: The value to encode.
    ///   - digits: The number of digits, at most 16.
    /// - Returns: The zero-padded lowercase hex string.
    static func string(_ value: UInt64, digits: Int) -> String {
        String(unsafeUninitializedCapacity: digits) { buffer in
            write(value, digits: digits, into: buffer, at: 0)
            return digits
        }
    }
}
