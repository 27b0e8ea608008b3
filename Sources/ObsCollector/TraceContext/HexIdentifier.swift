/// A W3C Trace Context identifier written as fixed-width lowercase hex: ``TraceID`` and ``SpanID``.
/// Conforming gives the type its `Codable` form, a JSON string of exactly ``hexDigits`` digits.
public protocol HexIdentifier: Codable {
    /// How many lowercase hex digits the identifier has.
    static var hexDigits: Int { get }
    /// What the specification calls it, for error messages (`"trace-id"`).
    static var kind: String { get }
    /// Parses exactly ``hexDigits`` lowercase hex digits; `nil` for anything else.
    init?(hex: some StringProtocol)
    /// The identifier as ``hexDigits`` lowercase hex digits.
    var hex: String { get }
}

// MARK: - Codable

extension HexIdentifier {
    /// Decodes the identifier from its lowercase hex string.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError.dataCorrupted` when the string is not exactly ``hexDigits`` lowercase
    ///   hex digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription:
                    "\(Self.kind) must be \(Self.hexDigits) lowercase hex digits, found '\(text.prefix(64))'")
        }
        self = value
    }

    /// Encodes the identifier as its lowercase hex string.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
