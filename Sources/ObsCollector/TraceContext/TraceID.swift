/// A 16-byte W3C trace identifier, shared by every span of one distributed trace.
///
/// The identifier is held as two 64-bit halves; `high` holds the first 8 bytes of the wire form, so `hex` is
/// `high` then `low`, each as 16 lowercase hex digits. An all-zero identifier is representable (it is what an
/// unset field decodes to) but is not valid on the wire: check `isValid` before propagating it.
///
/// `Codable` encodes the identifier as its 32-digit lowercase hex string.
public struct TraceID: Hashable, Sendable, HexIdentifier, CustomStringConvertible {
    /// The first 8 bytes of the identifier, big-endian.
    public var high: UInt64
    /// The last 8 bytes of the identifier, big-endian.
    public var low: UInt64

    /// The all-zero identifier, which the W3C specification forbids on the wire.
    public static let zero = TraceID(high: 0, low: 0)

    /// Creates an identifier from its two halves.
    ///
    /// - Parameters:
    ///   - high: The first 8 bytes, big-endian.
    ///   - low: The last 8 bytes, big-endian.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses exactly 32 lowercase hex digits.
    ///
    /// Uppercase digits, surrounding whitespace and any other length are rejected. The all-zero value parses
    /// (it is well formed) but `isValid` is `false` for it.
    ///
    /// - Parameter hex: The 32-digit lowercase hex text.
    public init?(hex: some StringProtocol) {
        let bytes = Array(hex.utf8)
        guard bytes.count == 32,
            let high = TraceHex.decode(bytes[0..<16], digits: 16),
            let low = TraceHex.decode(bytes[16..<32], digits: 16)
        else { return nil }
        self.init(high: high, low: low)
    }

    /// The identifier as 32 lowercase hex digits, `high` first.
    public var hex: String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            TraceHex.write(high, digits: 16, into: buffer, at: 0)
            TraceHex.write(low, digits: 16, into: buffer, at: 16)
            return 32
        }
    }

    /// 32: the width of ``hex``.
    public static let hexDigits = 32
    /// `"trace-id"`, as the W3C Trace Context specification names it.
    public static let kind = "trace-id"

    /// Whether the identifier may be propagated: `false` only for the all-zero value.
    public var isValid: Bool { high != 0 || low != 0 }

    /// The 32-digit lowercase hex form, as `hex`.
    public var description: String { hex }
}
