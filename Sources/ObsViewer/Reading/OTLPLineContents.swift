/// What one line of an OTLP JSON Lines file held, as the readers use it.
struct OTLPLineContents {
    /// The spans that keep the rules, in the order they appear.
    var spans: [RecordedSpan] = []
    /// The rules broken by the other spans, one entry per span.
    var violations: [SpanRuleViolation] = []
    /// For a `MetricsData` line, ObsBridge's span accounting in it.
    var spanCounters: OTLPSpanCounters?
    /// Whether the line is a `LogsData` line (read past; it holds no spans).
    var isLogs = false

    /// Empties the contents, keeping the spans' storage.
    mutating func reset() {
        spans.removeAll(keepingCapacity: true)
        violations.removeAll(keepingCapacity: true)
        spanCounters = nil
        isLogs = false
    }
}

/// ObsBridge's cumulative span accounting from an OTLP metrics line (`obsbridge.spans.emitted`,
/// `.collected`, `.dropped`).
public struct OTLPSpanCounters: Sendable, Hashable {
    /// Spans offered to the rings.
    public var emitted: UInt64?
    /// Spans drained by the collector.
    public var collected: UInt64?
    /// Spans dropped because a ring was full.
    public var dropped: UInt64?

    /// Creates counters.
    public init(emitted: UInt64? = nil, collected: UInt64? = nil, dropped: UInt64? = nil) {
        self.emitted = emitted
        self.collected = collected
        self.dropped = dropped
    }
}
