/// Which finished spans the collector keeps for a span exporter (OTLP traces).
public enum SpanExportPolicy: Sendable, Hashable {
    /// Keep none: only metrics and logs are produced.
    case none
    /// Keep every span.
    case all
    /// Keep whole traces with the given probability, decided from the trace id, so that every span
    /// of a kept trace is kept; failed spans are always kept.
    case sampled(ratio: Double)
    /// Keep only failed spans and those at least this slow.
    case slowAndFailed(thresholdNanoseconds: UInt64)

    /// Whether `span` is kept.
    @inlinable
    public func keeps(_ span: SpanRecord) -> Bool {
        switch self {
        case .none: return false
        case .all: return true
        case .sampled(let ratio):
            if span.isFailure || ratio >= 1 { return true }
            guard ratio > 0 else { return false }
            return Double(span.traceID.low >> 11) < ratio * Double(UInt64(1) << 53)
        case .slowAndFailed(let threshold):
            return span.isFailure || span.durationNanoseconds >= threshold
        }
    }
}
