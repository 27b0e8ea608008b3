/// Brings a failed span kept for export together with its error record, so the OTLP span carries
/// the sanitized message, domain and code.
///
/// Both arrive through the same drain but on separate channels (ring and error queue). A boundary
/// records the span first, so the error usually finds its span in the export buffer; when a drain
/// read the rings just before the span landed, the error comes first and waits here (bounded) for
/// its span. Owned by the collector's state; used under its lock.
struct SpanErrorJoin {
    /// Failed spans in the export buffer not matched yet: span id → index in the buffer.
    private var waitingSpans: [SpanID: Int] = [:]
    /// Errors whose span has not been drained yet, oldest first, at most ``errorsWaitingLimit``.
    private var waitingErrors: [SpanID: ErrorRecord] = [:]
    private var waitingErrorOrder: [SpanID] = []

    /// Errors held for a span at most; older ones are forgotten (their spans export without detail).
    static let errorsWaitingLimit = 4_096

    /// A failed span was kept at `index` of the export buffer.
    ///
    /// - Returns: Its error, if that arrived first.
    mutating func spanKept(_ spanID: SpanID, at index: Int) -> ErrorRecord? {
        if let error = waitingErrors.removeValue(forKey: spanID) { return error }
        waitingSpans[spanID] = index
        return nil
    }

    /// An error record arrived.
    ///
    /// - Returns: The export-buffer index of its span, if that was kept already.
    mutating func errorArrived(_ error: ErrorRecord) -> Int? {
        if let index = waitingSpans.removeValue(forKey: error.spanID) { return index }
        if waitingErrorOrder.count >= Self.errorsWaitingLimit {
            let oldest = waitingErrorOrder.removeFirst()
            waitingErrors[oldest] = nil
        }
        waitingErrors[error.spanID] = error
        waitingErrorOrder.append(error.spanID)
        return nil
    }

    /// The exporter took the buffer: indices are void; errors still waiting keep waiting.
    mutating func exportBufferTaken() {
        waitingSpans.removeAll(keepingCapacity: true)
        if waitingErrors.count < waitingErrorOrder.count {
            waitingErrorOrder.removeAll { waitingErrors[$0] == nil }
        }
    }
}
