public import ObsCollector

/// One span read from a recording (an OTLP traces line), after the rules were checked.
///
/// Times are Unix nanoseconds and `endUnixNano >= startUnixNano`; the ids are valid (non-zero).
/// `kind` and `thread` come from ObsBridge's own attributes (`obsbridge.span.kind`,
/// `obsbridge.thread`) and are `.unknown` and `nil` for spans from other producers.
public struct RecordedSpan: Sendable, Hashable {
    /// The operation (the span's name).
    public var name: String
    /// The `service.name` of the span's resource; empty when the resource names none.
    public var service: String
    /// The trace.
    public var traceID: TraceID
    /// This span.
    public var spanID: SpanID
    /// The parent span; zero for a root span.
    public var parentSpanID: SpanID
    /// Whether the parent is in another process (flags bits 8 and 9 both set).
    public var parentIsRemote: Bool
    /// Start, in Unix nanoseconds.
    public var startUnixNano: UInt64
    /// End, in Unix nanoseconds, at or after the start.
    public var endUnixNano: UInt64
    /// What produced the span: the Rust boundary, a Rust child span or a Swift caller scope.
    public var kind: SpanKind
    /// The producing thread's ring number (`obsbridge.thread`), when recorded.
    public var thread: Int64?
    /// The thread's name (OpenTelemetry's `thread.name`), when a producer recorded one.
    public var threadName: String?
    /// The failure, for a span whose status is an error; `nil` for a span that succeeded.
    public var error: RecordedError?
    /// The 1-based line of the recording the span is on.
    public var line: Int

    /// Creates a span; every field is stated.
    public init(
        name: String, service: String, traceID: TraceID, spanID: SpanID, parentSpanID: SpanID,
        parentIsRemote: Bool, startUnixNano: UInt64, endUnixNano: UInt64, kind: SpanKind, thread: Int64?,
        threadName: String? = nil, error: RecordedError?, line: Int
    ) {
        self.name = name
        self.service = service
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.parentIsRemote = parentIsRemote
        self.startUnixNano = startUnixNano
        self.endUnixNano = endUnixNano
        self.kind = kind
        self.thread = thread
        self.threadName = threadName
        self.error = error
        self.line = line
    }

    /// The span's length in nanoseconds.
    public var durationNanoseconds: UInt64 { endUnixNano - startUnixNano }

    /// Whether the span failed.
    public var failed: Bool { error != nil }

    /// Whether the span has no parent in this process (a root, or a child of a remote parent).
    public var isLocalRoot: Bool { !parentSpanID.isValid || parentIsRemote }
}

/// A failed span's error, as OTLP carries it: `error.type`, ObsBridge's domain and code attributes,
/// the status name and the status message (ObsBridge writes the sanitized message there).
public struct RecordedError: Sendable, Hashable {
    /// `error.type`: `domain:code`, `panic`, or a status name.
    public var type: String?
    /// `obsbridge.error.domain`.
    public var domain: String?
    /// `obsbridge.error.code`.
    public var code: Int64?
    /// `obsbridge.status`: the C status name, such as `OBSB_STATUS_LIBRARY_ERROR`.
    public var status: String?
    /// The status message.
    public var message: String?

    /// Creates an error; every field is stated.
    public init(type: String?, domain: String?, code: Int64?, status: String?, message: String?) {
        self.type = type
        self.domain = domain
        self.code = code
        self.status = status
        self.message = message
    }

    /// The class the error is counted under: the domain and code when recorded, else `error.type`,
    /// else the status name, else `unknown`.
    public var errorClass: ErrorClass {
        if let domain { return ErrorClass(domain: domain, code: code) }
        return ErrorClass(domain: type ?? status ?? "unknown", code: nil)
    }
}

/// What errors are counted by: a domain and, when there is one, a code.
public struct ErrorClass: Sendable, Hashable, Comparable {
    /// The error domain, or the error's type or status name when it has no domain.
    public var domain: String
    /// The code within the domain.
    public var code: Int64?

    /// Creates a class.
    public init(domain: String, code: Int64?) {
        self.domain = domain
        self.code = code
    }

    /// By domain, then code (no code first).
    public static func < (a: ErrorClass, b: ErrorClass) -> Bool {
        (a.domain, a.code ?? .min) < (b.domain, b.code ?? .min)
    }

    /// `domain code`, or the domain alone.
    public var text: String { code.map { "\(domain) \($0)" } ?? domain }
}
