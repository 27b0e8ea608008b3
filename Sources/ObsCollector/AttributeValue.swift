/// A typed attribute value, as in the OpenTelemetry data model.
public enum AttributeValue: Sendable, Hashable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
}
