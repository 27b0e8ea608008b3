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
    /// For a failed span, its sanitized error record, when the collector received it while the
    /// span waited for export.
    public var error: ErrorRecord?

    /// Creates an exported span.
    public init(
        record: SpanRecord, name: String, startUnixNano: UInt64, endUnixNano: UInt64, error: ErrorRecord? = nil
    ) {
        self.record = record
        self.name = name
        self.startUnixNano = startUnixNano
        self.endUnixNano = endUnixNano
        self.error = error
    }
}
