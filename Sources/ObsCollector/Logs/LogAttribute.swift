/// One attribute of a log record as the program creates it: a key, a value, and whether the value is
/// sensitive.
///
/// Marking a value sensitive where it is created is the first line of defence: such a value never
/// reaches a record, a sink or a file, whatever it looks like. The sanitizer is the net behind it, for
/// secrets nobody marked. (As in swift-log's proposal for metadata value privacy, and Sentry Relay's
/// PII rules.)
public struct LogAttribute: Sendable, Hashable {
    /// The attribute's key, e.g. `"db.user"`.
    public var key: String
    /// The value.
    public var value: AttributeValue
    /// Whether the value must never be written: it is replaced by `LogRecord.sensitiveLabel`.
    public var isSensitive: Bool

    /// Creates an attribute.
    ///
    /// - Parameters:
    ///   - key: The attribute's key.
    ///   - value: The value; a string value is sanitized, any other is kept.
    ///   - sensitive: Whether the value must never be written.
    public init(_ key: String, _ value: AttributeValue, sensitive: Bool = false) {
        self.key = key
        self.value = value
        self.isSensitive = sensitive
    }

    /// An attribute whose value must never be written, e.g. `.sensitive("db.password", .string(password))`.
    ///
    /// - Parameters:
    ///   - key: The attribute's key.
    ///   - value: The value, which no record will hold.
    /// - Returns: The marked attribute.
    public static func sensitive(_ key: String, _ value: AttributeValue) -> LogAttribute {
        LogAttribute(key, value, sensitive: true)
    }
}
