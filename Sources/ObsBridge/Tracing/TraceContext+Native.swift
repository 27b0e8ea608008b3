import CObsBridge
import ObsCollector

extension TraceContext {
    /// The Swift view of a native context (the tracestate is not carried natively).
    init(native: obsb_trace_context) {
        self.init(
            traceID: TraceID(high: native.trace_id_hi, low: native.trace_id_lo),
            spanID: SpanID(native.span_id), flags: TraceFlags(rawValue: native.flags),
            traceState: .empty)
    }
}
