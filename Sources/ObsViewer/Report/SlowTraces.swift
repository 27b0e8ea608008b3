import ObsCollector

/// Keeps the slowest traces of a recording, with their spans, for the waterfalls, in bounded
/// memory.
///
/// A trace's length is its local root span's (a span without a parent in this process): ObsBridge
/// exports a span when it ends, so a root comes after its children. Spans wait in a buffer of
/// traces whose root has not come yet (at most ``pendingSpanLimit`` spans, the oldest traces
/// forgotten first); when a root comes, its trace is kept if it is among the ``limit`` slowest so
/// far, and spans of a kept trace that come later still join it.
struct SlowTraces {
    /// A kept trace.
    struct Trace {
        var root: RecordedSpan
        var spans: [RecordedSpan]
        /// Spans left out because the trace passed ``spansPerTraceLimit``.
        var spansLeftOut = 0
    }

    /// Spans waiting for their root, at most.
    static let pendingSpanLimit = 50_000
    /// Spans kept per trace, at most.
    static let spansPerTraceLimit = 300

    let limit: Int
    /// Whether only traces whose root is a Swift caller scope count (the traces that cross from
    /// Swift into Rust).
    let swiftRootsOnly: Bool
    private(set) var kept: [TraceID: Trace] = [:]
    private var pending: [TraceID: [RecordedSpan]] = [:]
    private var pendingOrder: [TraceID] = []
    private var pendingOrderStart = 0
    private var pendingSpans = 0

    init(limit: Int, swiftRootsOnly: Bool = false) {
        self.limit = max(0, limit)
        self.swiftRootsOnly = swiftRootsOnly
    }

    /// The kept traces, slowest first.
    var slowest: [Trace] {
        kept.values.sorted {
            ($0.root.durationNanoseconds, $1.root.traceID.hex) > ($1.root.durationNanoseconds, $0.root.traceID.hex)
        }
    }

    mutating func add(_ span: RecordedSpan) {
        guard limit > 0 else { return }
        if kept[span.traceID] != nil {
            append(span, toKept: span.traceID)
            return
        }
        guard span.isLocalRoot else {
            if pending[span.traceID] == nil { pendingOrder.append(span.traceID) }
            pending[span.traceID, default: []].append(span)
            pendingSpans += 1
            while pendingSpans > Self.pendingSpanLimit { forgetOldest() }
            if pendingOrder.count - pendingOrderStart > 4 * pending.count + 4096 {
                // Most of the queue names traces whose root came: keep only those still waiting.
                pendingOrder = pendingOrder[pendingOrderStart...].filter { pending[$0] != nil }
                pendingOrderStart = 0
            }
            return
        }
        let waiting = pending.removeValue(forKey: span.traceID) ?? []
        pendingSpans -= waiting.count
        if swiftRootsOnly, span.kind != .caller { return }
        if kept.count >= limit {
            guard let fastest = kept.values.min(by: { $0.root.durationNanoseconds < $1.root.durationNanoseconds }),
                fastest.root.durationNanoseconds < span.durationNanoseconds
            else { return }
            kept[fastest.root.traceID] = nil
        }
        kept[span.traceID] = Trace(root: span, spans: [])
        for waitingSpan in waiting { append(waitingSpan, toKept: span.traceID) }
        append(span, toKept: span.traceID)
    }

    private mutating func append(_ span: RecordedSpan, toKept trace: TraceID) {
        if kept[trace]!.spans.count < Self.spansPerTraceLimit {
            kept[trace]!.spans.append(span)
        } else {
            kept[trace]!.spansLeftOut += 1
        }
    }

    private mutating func forgetOldest() {
        while pendingOrderStart < pendingOrder.count {
            let oldest = pendingOrder[pendingOrderStart]
            pendingOrderStart += 1
            if let spans = pending.removeValue(forKey: oldest) {
                pendingSpans -= spans.count
                break
            }
        }
        if pendingOrderStart > 4096, pendingOrderStart * 2 > pendingOrder.count {
            pendingOrder.removeFirst(pendingOrderStart)
            pendingOrderStart = 0
        }
    }
}
