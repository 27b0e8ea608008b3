import ObsCollector

/// Keeps the spans of the first `maximumTraces` traces of a recording (in the order their first
/// span appears) and counts the spans of the others, so that memory is bounded by the limit.
struct TraceSelection {
    /// Traces kept at most.
    let maximumTraces: Int
    /// The spans kept, in reading order.
    private(set) var spans: [RecordedSpan] = []
    /// Spans of traces past the limit.
    private(set) var spansLeftOut: UInt64 = 0
    private var kept: Set<TraceID> = []

    init(maximumTraces: Int) {
        self.maximumTraces = max(1, maximumTraces)
    }

    /// Traces kept.
    var traces: Int { kept.count }

    mutating func add(_ span: RecordedSpan) {
        if kept.contains(span.traceID) || kept.count < maximumTraces && kept.insert(span.traceID).inserted {
            spans.append(span)
        } else {
            spansLeftOut += 1
        }
    }
}
