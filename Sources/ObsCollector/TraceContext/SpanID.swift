/// An 8-byte W3C span identifier (the `parent-id` field of `traceparent`).
///
/// `rawValue` holds the 8 bytes big-endian, so `hex` is its 16-digit lowercase hex form. Zero is representable
/// but not valid on the wire: check `isValid` before propagating it.
///
/// `Codable` encodes the identifier as its 16-digit lowercase hex string.
public struct SpanID: Hashable, Sendable, HexIdentifier, CustomStringConvertible {
    /// The 8 bytes of the identifier, big-endian.
    public var rawValue: UInt64

    /// The all-zero identifier, which the W3C specification forbids on the wire.
    public static let zero = SpanID(0)

    /// Creates an identifier from its 8 bytes read big-endian.
    ///
    /// - Parameter rawValue: The identifier's value.
    public init(_ rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Parses exactly 16 lowercase hex digits.
    ///
    /// Uppercase digits, surrounding whitespace and any other length are rejected. Zero parses (it is well
    /// formed) but `isValid` is `false` for it.
    ///
    /// - Parameter hex: The 16-digit lowercase hex text.
    public init?(hex: some StringProtocol) {
        guard let value = TraceHex.decode(Array(hex.utf8), digits: 16) else { return nil }
        self.init(value)
    }

    /// The identifier as 16 lowercase hex digits.
    public var hex: String { TraceHex.string(rawValue, digits: 16) }

    /// 16: the width of ``hex``.
    public static let hexDigits = 16
    /// `"span-id"`, as the W3C Trace Context specification names it.
    public static let kind = "span-id"

    /// Whether the identifier may be propagated: `false` only for zero.
    public var isValid: Bool { rawValue != 0 }

    /// The 16-digit lowercase hex form, as `hex`.
    public var description: String { hex }
}
