/// Everything the collector knows about one operation: calls, failures and the latency histogram.
public struct OperationStats: Sendable, Equatable {
    /// The operation (callsite) id in its source.
    public var id: UInt32
    /// The operation's name, neutralized for terminals.
    public var name: String
    /// Finished calls, failed ones included.
    public var calls: UInt64 = 0
    /// Failed calls (a non-zero status).
    public var errors: UInt64 = 0
    /// Failures by domain and code, from the error reports (which may be fewer than `errors` when
    /// the error channel overflowed; those are counted in the source's `errorsDropped`).
    public var errorCounts: [ErrorKey: UInt64] = [:]
    /// Error records of this operation's failures that the source dropped (its error channel was
    /// full): with ``errorCounts`` they account for every failure that reported an error.
    public var errorRecordsDropped: UInt64 = 0
    /// Latency of every call, in nanoseconds.
    public var histogram = LatencyHistogram()
    /// The calls of the last minute, for quantiles that keep moving (see ``RecentWindow``).
    public var window = RecentWindow()
    /// What produces this operation's spans: the kind of its first span (an operation name is
    /// used by one producer: a native boundary, a native child span, or a Swift scope).
    public var kind: SpanKind = .unknown

    /// Creates empty stats.
    public init(id: UInt32, name: String) {
        self.id = id
        self.name = name
    }

    /// Adds one finished call.
    @inlinable
    public mutating func record(durationNanoseconds: UInt64, failed: Bool) {
        calls &+= 1
        if failed { errors &+= 1 }
        histogram.record(durationNanoseconds)
        window.note(durationNanoseconds)
    }

    /// Moves the last-minute window to the interval of the monotonic time `interval` falls in.
    ///
    /// - Parameter interval: ``RecentWindow/interval(atMonotonic:)`` of now.
    package mutating func advanceWindow(to interval: UInt64) {
        window.advance(to: interval, cumulative: histogram)
    }
}
