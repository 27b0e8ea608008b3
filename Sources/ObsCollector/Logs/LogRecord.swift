/// One structured log record with the fields of the OpenTelemetry log data model.
///
/// The body and string attributes must already be sanitized: the collector builds records only from
/// sanitized text and static names.
public struct LogRecord: Sendable, Hashable {
    /// When the event happened, in Unix nanoseconds.
    public var timeUnixNano: UInt64
    /// When the collector observed it, in Unix nanoseconds.
    public var observedTimeUnixNano: UInt64
    /// Severity.
    public var severity: LogSeverity
    /// The message.
    public var body: String
    /// Attributes, in a stable order.
    public var attributes: [(key: String, value: AttributeValue)]
    /// The trace, when the record belongs to a span.
    public var traceID: TraceID?
    /// The span, when the record belongs to a span.
    public var spanID: SpanID?
    /// Trace flags of that span.
    public var flags: TraceFlags

    /// Creates a record.
    public init(
        timeUnixNano: UInt64, observedTimeUnixNano: UInt64, severity: LogSeverity, body: String,
        attributes: [(key: String, value: AttributeValue)] = [], traceID: TraceID? = nil,
        spanID: SpanID? = nil, flags: TraceFlags = []
    ) {
        self.timeUnixNano = timeUnixNano
        self.observedTimeUnixNano = observedTimeUnixNano
        self.severity = severity
        self.body = body
        self.attributes = attributes
        self.traceID = traceID
        self.spanID = spanID
        self.flags = flags
    }

    /// The value of the first attribute named `key`.
    public func attribute(_ key: String) -> AttributeValue? {
        attributes.first { $0.key == key }?.value
    }

    /// Field-by-field equality (attributes compared in order).
    public static func == (lhs: LogRecord, rhs: LogRecord) -> Bool {
        lhs.timeUnixNano == rhs.timeUnixNano && lhs.observedTimeUnixNano == rhs.observedTimeUnixNano
            && lhs.severity == rhs.severity && lhs.body == rhs.body
            && lhs.attributes.map(\.key) == rhs.attributes.map(\.key)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
            && lhs.traceID == rhs.traceID && lhs.spanID == rhs.spanID && lhs.flags == rhs.flags
    }

    /// Hashes a subset of the fields that ``==`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(timeUnixNano)
        hasher.combine(body)
        hasher.combine(spanID)
    }
}
