// Callers of native functions need the C types (obsb_trace_context, obsb_error, statuses), and the
// collector's types (TraceContext, Sanitizer, Collector): one import brings both.
@_exported import CObsBridge
@_exported import ObsCollector
