public import ObsCollector

/// Builds spans and error reports with sensible ids for tests: each call gets the next span id.
public struct SpanFactory: Sendable {
    private var nextSpan: UInt64 = 1
    /// The trace every span belongs to.
    public var traceID = TraceID(high: 0x0af7_6519_16cd_43dd, low: 0x8448_eb21_1c80_319c)

    /// Creates a factory.
    public init() {}

    /// A finished span of `operation` lasting `nanoseconds`.
    public mutating func span(
        operation: UInt32, nanoseconds: UInt64, status: Int32 = 0, start: UInt64 = 1_000_000
    ) -> SpanRecord {
        defer { nextSpan += 1 }
        return SpanRecord(
            traceID: traceID, spanID: SpanID(nextSpan), parentSpanID: SpanID(0),
            startNanoseconds: start, durationNanoseconds: nanoseconds, operation: operation,
            status: status)
    }

    /// An error report for `operation` with a raw `message`.
    public mutating func error(
        operation: UInt32, domain: String = "kv", code: Int32 = 404, message: String,
        status: Int32 = 10
    ) -> NativeErrorReport {
        defer { nextSpan += 1 }
        return NativeErrorReport(
            traceID: traceID, spanID: SpanID(nextSpan), operation: operation, status: status,
            domain: domain, code: code, message: message, endNanoseconds: 2_000_000)
    }
}
