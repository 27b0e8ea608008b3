/// A finished span ready for export: its record, its operation's name and Unix times.
public struct ExportedSpan: Sendable, Hashable {
    /// The span as collected.
    public var record: SpanRecord
    /// The operation's name.
    public var name: String
    /// Start in Unix nanoseconds.
    public var startUnixNano: UInt64
    /// End in Unix nanoseconds.
    public var endUnixNano: UInt64

    /// Creates an exported span.
    public init(record: SpanRecord, name: String, startUnixNano: UInt64, endUnixNano: UInt64) {
        self.record = record
        self.name = name
        self.startUnixNano = startUnixNano
        self.endUnixNano = endUnixNano
    }
}
