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

    /// The native form, as a parent for a child context.
    var native: obsb_trace_context {
        obsb_trace_context(
            trace_id_hi: traceID.high, trace_id_lo: traceID.low, span_id: spanID.rawValue,
            parent_span_id: 0, callsite: 0, flags: flags.rawValue, reserved: (0, 0, 0))
    }
}
