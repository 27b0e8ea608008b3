/// Brings a failed span kept for export together with its error record, so the OTLP span carries
/// the sanitized message, domain and code.
///
/// Both arrive through the same drain but on separate channels (ring and error queue). A boundary
/// records the span first, so the error usually finds its span in the export buffer; when a drain
/// read the rings just before the span landed, the error comes first and waits here (bounded) for
/// its span. Owned by the collector's state; used under its lock.
package struct SpanErrorJoin {
    /// Failed spans in the export buffer not matched yet: span id → index in the buffer.
    private var waitingSpans: [SpanID: Int] = [:]
    /// Errors whose span has not been drained yet, at most ``errorsWaitingLimit``.
    private var waitingErrors: [SpanID: ErrorRecord] = [:]
    /// The waiting errors' span ids in arrival order from `arrivalHead` on, with the ids of errors
    /// matched since (skipped when met): a queue, so neither arrival nor eviction shifts it.
    private var arrivals: [SpanID] = []
    private var arrivalHead = 0

    /// Errors held for a span at most; older ones are forgotten (their spans export without detail).
    package static let errorsWaitingLimit = 4_096

    package init() {}

    /// A failed span was kept at `index` of the export buffer.
    ///
    /// - Returns: Its error, if that arrived first.
    package mutating func spanKept(_ spanID: SpanID, at index: Int) -> ErrorRecord? {
        if let error = waitingErrors.removeValue(forKey: spanID) { return error }
        waitingSpans[spanID] = index
        return nil
    }

    /// An error record arrived.
    ///
    /// - Returns: The export-buffer index of its span, if that was kept already.
    package mutating func errorArrived(_ error: ErrorRecord) -> Int? {
        if let index = waitingSpans.removeValue(forKey: error.spanID) { return index }
        while waitingErrors.count >= Self.errorsWaitingLimit, arrivalHead < arrivals.count {
            waitingErrors[arrivals[arrivalHead]] = nil  // the oldest still waiting, or a matched one
            arrivalHead += 1
        }
        waitingErrors[error.spanID] = error
        arrivals.append(error.spanID)
        compactArrivals()
        return nil
    }

    /// The exporter took the buffer: indices are void; errors still waiting keep waiting.
    package mutating func exportBufferTaken() {
        waitingSpans.removeAll(keepingCapacity: true)
        compactArrivals()
    }

    /// Drops the queue's consumed and matched ids once they outnumber the waiting ones, so it stays
    /// within a small multiple of ``errorsWaitingLimit`` at a constant cost per arrival.
    private mutating func compactArrivals() {
        guard arrivals.count - arrivalHead > 2 * max(waitingErrors.count, Self.errorsWaitingLimit / 2) else {
            if arrivalHead > Self.errorsWaitingLimit, arrivalHead * 2 > arrivals.count {
                arrivals.removeFirst(arrivalHead)
                arrivalHead = 0
            }
            return
        }
        arrivals = arrivals[arrivalHead...].filter { waitingErrors[$0] != nil }
        arrivalHead = 0
    }
}
