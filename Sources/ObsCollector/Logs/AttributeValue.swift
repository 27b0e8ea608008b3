/// A typed attribute value, as in the OpenTelemetry data model.
public enum AttributeValue: Sendable, Hashable {
    /// A string.
    case string(String)
    /// A signed 64-bit integer.
    case int(Int64)
    /// A double-precision number.
    case double(Double)
    /// A boolean.
    case bool(Bool)
}
