public import CObsBridge
public import ObsCollector

extension Bridge {
    /// Calls a native function in a new span, and turns a failing status into a ``NativeError``.
    ///
    /// The span is a child of `parent`, else of ``CurrentContext/value``, else a new root. The native
    /// boundary records it (start, end, status) into the calling thread's ring; nothing here
    /// allocates or locks on success. `body` must return the native function's status.
    ///
    /// - Parameters:
    ///   - operation: The registered operation the span is named after.
    ///   - parent: An explicit parent; pass one in hot loops to skip the task-local look-up.
    ///   - body: Calls the native function with `call.context` and `call.error`.
    /// - Throws: ``NativeError`` when the status is not OK; whatever `body` throws.
    @inlinable
    public func trace(
        _ operation: TracedOperation, parent: TraceContext? = nil, _ body: (NativeCall) throws -> Int32
    ) throws {
        var context = obsb_trace_context()
        Self.makeContext(&context, operation: operation, parent: parent)
        try withUnsafeTemporaryAllocation(of: obsb_error.self, capacity: 1) { slot in
            let error = slot.baseAddress!
            error.pointer(to: \.status)!.initialize(to: OBSB_STATUS_OK)
            let status = try withUnsafePointer(to: &context) { context in
                try body(NativeCall(context: context, error: error))
            }
            if status != OBSB_STATUS_OK {
                throw failure(status, error: error, context: context, operation: operation)
            }
        }
    }

    /// The `async` form of ``trace(_:parent:_:)``, for a body that awaits before or after the call.
    /// Its context and error slot must outlive suspensions, so they come from a per-thread cache
    /// (``CallSlots``): no heap allocation on success once a thread has made a few calls.
    public func trace(
        _ operation: TracedOperation, parent: TraceContext? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (NativeCall) async throws -> Int32
    ) async throws {
        let slot = CallSlots.acquire()
        defer { CallSlots.release(slot) }
        let context = slot.pointer(to: \.context)!
        let error = slot.pointer(to: \.error)!
        context.initialize(to: obsb_trace_context())
        Self.makeContext(&context.pointee, operation: operation, parent: parent)
        error.pointer(to: \.status)!.initialize(to: OBSB_STATUS_OK)
        let status = try await body(NativeCall(context: context, error: error))
        if status != OBSB_STATUS_OK {
            throw failure(status, error: error, context: context.pointee, operation: operation)
        }
    }

    /// Runs Swift code in a span of its own that nested ``trace(_:parent:_:)`` and `span` calls, and
    /// child tasks, become children of. The span is timed here and emitted to the native ring.
    ///
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws; the span is then recorded as failed.
    public func span<R>(
        _ operation: TracedOperation, parent: TraceContext? = nil, _ body: (TraceContext) throws -> R
    ) rethrows -> R {
        var context = obsb_trace_context()
        Self.makeContext(&context, operation: operation, parent: parent)
        let current = TraceContext(native: context)
        let start = Native.clockNow()
        do {
            let result = try CurrentContext.bind(current) { try body(current) }
            Self.emit(context, start: start, status: OBSB_STATUS_OK)
            return result
        } catch {
            Self.emit(context, start: start, status: Self.status(of: error))
            throw error
        }
    }

    /// The `async` form of ``span(_:parent:_:)``.
    public func span<R>(
        _ operation: TracedOperation, parent: TraceContext? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (TraceContext) async throws -> R
    ) async rethrows -> R {
        var context = obsb_trace_context()
        Self.makeContext(&context, operation: operation, parent: parent)
        let current = TraceContext(native: context)
        let start = Native.clockNow()
        do {
            let result = try await CurrentContext.bind(current, isolation: isolation) {
                try await body(current)
            }
            Self.emit(context, start: start, status: OBSB_STATUS_OK)
            return result
        } catch {
            Self.emit(context, start: start, status: Self.status(of: error))
            throw error
        }
    }

    /// Runs `body` with `context` (for example, parsed from an incoming `traceparent` header) as the
    /// current context, so spans inside join that trace.
    public static func withCurrentContext<R>(_ context: TraceContext, _ body: () throws -> R) rethrows
        -> R
    {
        try CurrentContext.bind(context, body)
    }

    /// The `async` form of ``withCurrentContext(_:_:)``.
    public static func withCurrentContext<R>(
        _ context: TraceContext, isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> R
    ) async rethrows -> R {
        try await CurrentContext.bind(context, isolation: isolation, body)
    }

    // MARK: - Internals

    @inlinable @inline(__always)
    static func makeContext(
        _ context: inout obsb_trace_context, operation: TracedOperation, parent: borrowing TraceContext?
    ) {
        // Branches instead of `parent ?? CurrentContext.value`, which would copy a TraceContext
        // (and retain its tracestate) on every call.
        switch parent {
        case .some(let explicit):
            childOf(explicit, operation: operation, into: &context)
        case .none:
            if let current = CurrentContext.value {
                childOf(current, operation: operation, into: &context)
            } else {
                Native.initChild(of: nil, callsite: operation.id, into: &context)
            }
        }
    }

    @inlinable @inline(__always)
    static func childOf(
        _ parent: borrowing TraceContext, operation: TracedOperation,
        into context: inout obsb_trace_context
    ) {
        var native = obsb_trace_context(
            trace_id_hi: parent.traceID.high, trace_id_lo: parent.traceID.low,
            span_id: parent.spanID.rawValue, parent_span_id: 0, callsite: 0,
            flags: parent.flags.rawValue, context_flags: parent.isRemote ? UInt8(OBSB_CONTEXT_FLAG_REMOTE) : 0,
            reserved: (0, 0))
        Native.initChild(of: &native, callsite: operation.id, into: &context)
    }

    static func emit(_ context: obsb_trace_context, start: UInt64, status: Int32) {
        var record = obsb_span_record(
            trace_id_hi: context.trace_id_hi, trace_id_lo: context.trace_id_lo,
            span_id: context.span_id, parent_span_id: context.parent_span_id, start_ticks: start,
            end_ticks: Native.clockNow(), callsite: context.callsite, status: status,
            thread_index: 0, flags: context.flags, kind: UInt8(OBSB_SPAN_KIND_CALLER),
            span_flags: context.context_flags & UInt8(OBSB_CONTEXT_FLAG_PARENT_REMOTE) != 0
                ? UInt16(OBSB_SPAN_FLAG_REMOTE_PARENT) : 0)
        Native.emit(&record)
    }

    static func status(of error: any Error) -> Int32 {
        (error as? NativeError)?.status.rawValue ?? OBSB_STATUS_LIBRARY_ERROR
    }

    /// Builds the error for a failing status; only error paths come here.
    ///
    /// Decodes and sanitizes exactly as the collector does for the same failure's error record
    /// (``NativeErrorReport/init(decoding:traceID:spanID:operation:endNanoseconds:)`` and the
    /// collector's `errorRecord(sanitizing:operation:)`, with its memo of sanitized messages), so
    /// both say the same.
    @usableFromInline
    func failure(
        _ status: Int32, error: UnsafePointer<obsb_error>, context: obsb_trace_context,
        operation: TracedOperation
    ) -> NativeError {
        let traceID = TraceID(high: context.trace_id_hi, low: context.trace_id_lo)
        let spanID = SpanID(context.span_id)
        let now = UnixTime.monotonicNanoseconds()
        let report: NativeErrorReport
        if error.pointee.status == status {
            report = NativeErrorReport(
                decoding: error, traceID: traceID, spanID: spanID, operation: operation.id,
                endNanoseconds: now)
        } else {
            // The function failed before (or without) a boundary filling the error slot.
            report = NativeErrorReport(
                traceID: traceID, spanID: spanID, operation: operation.id, status: status,
                domain: "obsbridge", code: status, message: BridgeStatus(rawValue: status).name,
                endNanoseconds: now)
        }
        let record = collector.errorRecord(sanitizing: report, operation: operation.name)
        return NativeError(record, status: BridgeStatus(rawValue: status))
    }
}
