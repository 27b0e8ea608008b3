public import CObsBridge
public import ObsCollector

/// What a traced closure hands to the native function: the call's context and an error slot.
///
/// Both pointers are valid only inside the closure. The native function reads `context` and writes
/// `error` only when it fails; pass both straight through:
/// ```swift
/// try bridge.trace(resize) { call in image_resize(call.context, width, height, call.error) }
/// ```
public struct NativeCall {
    /// The new span's context: trace id, span id, parent span id, operation id, flags.
    public let context: UnsafePointer<obsb_trace_context>
    /// Where the native side writes error details (domain, code, message) on failure.
    public let error: UnsafeMutablePointer<obsb_error>

    @usableFromInline
    init(context: UnsafePointer<obsb_trace_context>, error: UnsafeMutablePointer<obsb_error>) {
        self.context = context
        self.error = error
    }

    /// The context as a Swift value, for logging or passing on.
    public var traceContext: TraceContext { TraceContext(native: context.pointee) }
}
