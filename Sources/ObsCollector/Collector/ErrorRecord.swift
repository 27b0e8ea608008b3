/// A native error after sanitizing: safe to log, export, display or throw.
public struct ErrorRecord: Sendable, Hashable, Codable {
    /// When the failing call ended, in Unix nanoseconds.
    public var timeUnixNano: UInt64
    /// The failing span's trace.
    public var traceID: TraceID
    /// The failing span.
    public var spanID: SpanID
    /// The operation's name.
    public var operation: String
    /// The status name, e.g. `"OBSB_STATUS_LIBRARY_ERROR"`.
    public var status: String
    /// The library's error domain (neutralized for terminals).
    public var domain: String
    /// The library's code within the domain.
    public var code: Int32
    /// The sanitized, bounded message.
    public var message: String
    /// Names of the sanitizer rules that removed something, sorted.
    public var redactions: [String]
    /// Whether the message was cut, by the producer or by the sanitizer.
    public var truncated: Bool

    /// Creates a record; every field is stated.
    public init(
        timeUnixNano: UInt64, traceID: TraceID, spanID: SpanID, operation: String, status: String,
        domain: String, code: Int32, message: String, redactions: [String], truncated: Bool
    ) {
        self.timeUnixNano = timeUnixNano
        self.traceID = traceID
        self.spanID = spanID
        self.operation = operation
        self.status = status
        self.domain = domain
        self.code = code
        self.message = message
        self.redactions = redactions
        self.truncated = truncated
    }

    enum CodingKeys: String, CodingKey {
        case timeUnixNano = "time_unix_nano", traceID = "trace_id", spanID = "span_id"
        case operation, status, domain, code, message, redactions, truncated
    }
}

extension ErrorRecord {
    /// Sanitizes a raw report into a record: the one place a native error message is sanitized,
    /// for the thrown `NativeError` and the collector's record alike.
    ///
    /// - Parameters:
    ///   - report: The raw report; its message is never copied unsanitized.
    ///   - operation: The operation's name.
    ///   - unixOffset: Nanoseconds to add to a monotonic time to get Unix time.
    ///   - sanitizer: The rules to apply.
    public init(
        sanitizing report: NativeErrorReport, operation: String, unixOffset: Int64,
        sanitizer: Sanitizer
    ) {
        self.init(
            report: report, operation: operation, unixOffset: unixOffset,
            sanitized: { sanitizer.sanitize($0) })
    }

    /// ``init(sanitizing:operation:unixOffset:sanitizer:)`` with the sanitizer call given, so the
    /// collector can memoize it (``SanitizedMessageCache``): the same function, the same result.
    init(
        report: NativeErrorReport, operation: String, unixOffset: Int64,
        sanitized sanitize: (String) -> SanitizedText
    ) {
        let clean =
            report.sensitive
            ? SanitizedText(text: Self.sensitiveText, firedRules: ["sensitive"], truncated: false)
            : sanitize(report.message)
        self.init(
            timeUnixNano: UInt64(clamping: Int64(clamping: report.endNanoseconds) &+ unixOffset),
            traceID: report.traceID, spanID: report.spanID,
            operation: TerminalText.neutralize(operation), status: BridgeStatus(rawValue: report.status).name,
            domain: TerminalText.neutralize(report.domain), code: report.code,
            message: clean.text, redactions: clean.firedRules,
            truncated: clean.truncated || report.truncated)
    }

    /// What stands for a message its producer marked sensitive (its text never crossed the
    /// boundary); the record names the rule `sensitive`.
    public static let sensitiveText = "[sensitive]"
}
