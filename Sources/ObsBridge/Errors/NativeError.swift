public import ObsCollector

/// A traced native call failed: the library returned an error, or panicked.
///
/// Carries the error's domain and code as the library defined them, a sanitized message (never a
/// secret: see ``Sanitizer``), and the ids of the failing span, so a log line or an error report can
/// be joined with the trace. Match on ``status``, ``domain`` and ``code``:
/// ```swift
/// catch let error as NativeError where error.domain == "kv" && error.code == 404 { … }
/// ```
public struct NativeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `.libraryError`, `.panic`, or another status for misuse (`.nullArgument`, …).
    public var status: BridgeStatus
    /// The library's error domain; `"panic"` for a caught panic, `"obsbridge"` for other statuses.
    public var domain: String
    /// The library's code within ``domain``.
    public var code: Int32
    /// The sanitized, bounded message.
    public var message: String
    /// Names of the sanitizer rules that removed something from the message.
    public var redactions: [String]
    /// The operation that failed.
    public var operation: String
    /// The failing span's trace.
    public var traceID: TraceID
    /// The failing span.
    public var spanID: SpanID

    /// Creates an error; every field is stated.
    public init(
        status: BridgeStatus, domain: String, code: Int32, message: String, redactions: [String],
        operation: String, traceID: TraceID, spanID: SpanID
    ) {
        self.status = status
        self.domain = domain
        self.code = code
        self.message = message
        self.redactions = redactions
        self.operation = operation
        self.traceID = traceID
        self.spanID = spanID
    }

    /// The error a failed call throws, from the sanitized record the collector also exports.
    ///
    /// - Parameters:
    ///   - record: The sanitized error record of the failing call.
    ///   - status: The status the call returned.
    public init(_ record: ErrorRecord, status: BridgeStatus) {
        self.init(
            status: status, domain: record.domain, code: record.code, message: record.message,
            redactions: record.redactions, operation: record.operation, traceID: record.traceID,
            spanID: record.spanID)
    }

    /// One line for people: operation, domain, code, message, status and the span's ids.
    public var description: String {
        "\(operation) failed: \(domain) \(code): \(message) [\(status.name), trace \(traceID.hex), span \(spanID.hex)]"
    }
}
