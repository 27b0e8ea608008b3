/// What produced a span.
public enum SpanKind: UInt8, Sendable, Codable, CaseIterable {
    /// A kind this version does not know (a newer producer).
    case unknown = 0
    /// Recorded by the native boundary helper around one exported call.
    case boundary = 1
    /// A child span opened inside native code.
    case child = 2
    /// A span the caller timed itself (a Swift `span` scope).
    case caller = 3

    /// Whether spans of this kind are calls: the native boundary spans, one per call into the
    /// library. A kind this version does not know counts as a call too.
    public var isCall: Bool { self == .boundary || self == .unknown }

    /// Decodes the raw value; a value this version does not know (a newer writer's) is
    /// ``unknown``, never a decoding error.
    public init(from decoder: any Decoder) throws {
        self = SpanKind(rawValue: try decoder.singleValueContainer().decode(UInt8.self)) ?? .unknown
    }
}

/// One finished span, as the collector sees it: ids, monotonic nanoseconds, operation id, status.
///
/// Times are `CLOCK_MONOTONIC` nanoseconds; the collector adds its wall-clock offset at the edge.
public struct SpanRecord: Sendable, Hashable {
    /// The trace this span belongs to.
    public var traceID: TraceID
    /// This span's id.
    public var spanID: SpanID
    /// The parent span's id; an invalid (zero) id for a root span.
    public var parentSpanID: SpanID
    /// Start, in `CLOCK_MONOTONIC` nanoseconds.
    public var startNanoseconds: UInt64
    /// Duration in nanoseconds.
    public var durationNanoseconds: UInt64
    /// The operation (callsite) id; resolve it with ``SpanSource/operationName(_:)``.
    public var operation: UInt32
    /// The call's status: 0 for success, an ObsBridge status code otherwise.
    public var status: Int32
    /// The producing thread's ring number.
    public var threadIndex: UInt32
    /// W3C trace flags.
    public var flags: TraceFlags
    /// What produced the span.
    public var kind: SpanKind
    /// Whether the parent span is in another process (it came from an incoming `traceparent`).
    public var parentIsRemote: Bool

    /// Creates a record; every field is stated.
    public init(
        traceID: TraceID, spanID: SpanID, parentSpanID: SpanID, startNanoseconds: UInt64,
        durationNanoseconds: UInt64, operation: UInt32, status: Int32, threadIndex: UInt32 = 0,
        flags: TraceFlags = .sampled, kind: SpanKind = .boundary, parentIsRemote: Bool = false
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.startNanoseconds = startNanoseconds
        self.durationNanoseconds = durationNanoseconds
        self.operation = operation
        self.status = status
        self.threadIndex = threadIndex
        self.flags = flags
        self.kind = kind
        self.parentIsRemote = parentIsRemote
    }

    /// Whether the call failed.
    public var isFailure: Bool { status != 0 }
}
