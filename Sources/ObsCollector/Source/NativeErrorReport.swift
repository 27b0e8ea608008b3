/// An error exactly as a source reported it: the message is raw and must be sanitized before it is
/// written anywhere (the collector does that; see ``ErrorRecord``).
public struct NativeErrorReport: Sendable, Hashable {
    /// The failing span's trace.
    public var traceID: TraceID
    /// The failing span.
    public var spanID: SpanID
    /// The operation (callsite) id.
    public var operation: UInt32
    /// The status the call returned (library error or panic).
    public var status: Int32
    /// The library's error domain, e.g. `"kv"`, or `"panic"` for a caught panic.
    public var domain: String
    /// The library's code within the domain.
    public var code: Int32
    /// The raw, unsanitized message.
    public var message: String
    /// Whether the producer cut the message to fit its bound.
    public var truncated: Bool
    /// Whether the producer marked the message as never to be written (it is empty then).
    public var sensitive: Bool
    /// When the call ended, in `CLOCK_MONOTONIC` nanoseconds.
    public var endNanoseconds: UInt64

    /// Creates a report; every field is stated.
    public init(
        traceID: TraceID, spanID: SpanID, operation: UInt32, status: Int32, domain: String,
        code: Int32, message: String, truncated: Bool = false, sensitive: Bool = false,
        endNanoseconds: UInt64
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.operation = operation
        self.status = status
        self.domain = domain
        self.code = code
        self.message = message
        self.truncated = truncated
        self.sensitive = sensitive
        self.endNanoseconds = endNanoseconds
    }
}
