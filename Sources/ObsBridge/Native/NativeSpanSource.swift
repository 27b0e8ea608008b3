import CObsBridge
import Foundation
public import ObsCollector
import Synchronization

/// The ``SpanSource`` over an open native bridge: drains the Rust rings in batches, one FFI call per
/// batch, and converts raw clock ticks to nanoseconds with the native clock's calibration.
///
/// Threads: span drains are serialised by one internal lock and error drains by another, so the
/// two channels drain in parallel; the other members may be called from any thread.
public final class NativeSpanSource: SpanSource {
    /// Room for one native batch of `Record`s, owned by one drain at a time.
    struct Buffer<Record>: ~Copyable {
        let records: UnsafeMutableBufferPointer<Record>

        init(capacity: Int) { records = .allocate(capacity: capacity) }

        deinit { records.deallocate() }
    }

    let handle: obsb_bridge_handle
    let clock: obsb_clock_info
    /// One lock per channel, so an error drain (which decodes messages) never holds up a span drain.
    private let spanBuffer: Locked<Buffer<obsb_span_record>>
    private let errorBuffer: Locked<Buffer<obsb_error_record>>
    private let names = Locked<[UInt32: String]>([:])

    init(handle: obsb_bridge_handle, batchCapacity: Int) {
        self.handle = handle
        self.clock = Native.clockInfo()
        self.spanBuffer = Locked(Buffer(capacity: max(1, batchCapacity)))
        self.errorBuffer = Locked(Buffer(capacity: min(max(1, batchCapacity), 1024)))
    }

    /// The native clock in use: `"tsc"` or `"monotonic"`.
    public var clockSource: String {
        clock.source == OBSB_CLOCK_SOURCE_TSC ? "tsc" : "monotonic"
    }

    /// Drains up to `limit` finished spans from every thread's ring, converting ticks to
    /// nanoseconds, and appends them to `buffer`.
    ///
    /// - Returns: How many spans were appended.
    /// - Throws: ``BridgeError`` when the native bridge is closed or the handle is invalid.
    public func drainSpans(into buffer: inout [SpanRecord], limit: Int) throws -> Int {
        try spanBuffer.withLock { native throws(BridgeError) -> Int in
            let room = UnsafeMutableBufferPointer(rebasing: native.records[..<min(limit, native.records.count)])
            let count = try Self.check(Native.drainSpans(handle, into: room), "drain spans")
            let clock = self.clock
            for raw in room[..<count] {
                buffer.append(
                    SpanRecord(
                        traceID: TraceID(high: raw.trace_id_hi, low: raw.trace_id_lo),
                        spanID: SpanID(raw.span_id), parentSpanID: SpanID(raw.parent_span_id),
                        startNanoseconds: Self.nanoseconds(atTicks: raw.start_ticks, clock),
                        durationNanoseconds: Self.nanoseconds(
                            between: raw.start_ticks, and: raw.end_ticks, clock),
                        operation: raw.callsite, status: raw.status, threadIndex: raw.thread_index,
                        flags: TraceFlags(rawValue: raw.flags),
                        kind: SpanKind(rawValue: raw.kind) ?? .unknown,
                        parentIsRemote: raw.span_flags & UInt16(OBSB_SPAN_FLAG_REMOTE_PARENT) != 0))
            }
            return count
        }
    }

    /// Drains up to `limit` error records (unsanitized: the collector sanitizes them) and
    /// appends them to `buffer`.
    ///
    /// - Returns: How many reports were appended.
    /// - Throws: ``BridgeError`` when the native bridge is closed or the handle is invalid.
    public func drainErrors(into buffer: inout [NativeErrorReport], limit: Int) throws -> Int {
        try errorBuffer.withLock { native throws(BridgeError) -> Int in
            let room = UnsafeMutableBufferPointer(
                rebasing: native.records[..<min(limit, native.records.count)])
            let count = try Self.check(Native.drainErrors(handle, into: room), "drain errors")
            for index in 0..<count {
                let raw = room.baseAddress! + index
                buffer.append(
                    NativeErrorReport(
                        decoding: raw.pointer(to: \.error)!,
                        traceID: TraceID(high: raw.pointee.trace_id_hi, low: raw.pointee.trace_id_lo),
                        spanID: SpanID(raw.pointee.span_id), operation: raw.pointee.callsite,
                        endNanoseconds: Self.nanoseconds(atTicks: raw.pointee.end_ticks, clock)))
            }
            return count
        }
    }

    /// The native side's exact cumulative counters.
    ///
    /// - Throws: ``BridgeError`` when the native bridge is closed or the handle is invalid.
    public func counters() throws -> SourceCounters {
        let raw = try Self.check(Native.counters(handle), "read counters")
        return SourceCounters(
            emitted: raw.emitted, collected: raw.collected, dropped: raw.dropped,
            ringsLive: raw.rings_live, ringsRetired: raw.rings_retired,
            errorsEmitted: raw.errors_emitted, errorsCollected: raw.errors_collected,
            errorsDropped: raw.errors_dropped, wakeups: raw.wakeups)
    }

    /// Error records dropped so far (error queue full), by operation id; they add up to
    /// ``SourceCounters/errorsDropped``.
    ///
    /// - Throws: ``BridgeError`` when the native bridge is closed or the handle is invalid.
    public func errorRecordsDroppedByOperation() throws -> [UInt32: UInt64] {
        try Self.check(Native.errorDrops(handle), "read error drops")
    }

    /// Wakes the collector when a ring or the error queue passes its high-water mark.
    public var workSignal: (any WorkSignal)? { NativeWorkSignal(handle: handle) }

    /// A copy of the obsbridge crate refused for its ABI version (`obsb_conflict_get`): another
    /// instrumented library, loaded after the start, whose calls run unrecorded.
    public func incompatibleLibrary() -> String? {
        Native.conflict().map {
            "the native library \($0.library) (ObsBridge ABI version \($0.libraryVersion); this "
                + "process records with version \($0.recorderVersion))"
        }
    }

    /// The registered name of callsite `id` (cached after the first look-up), or `nil` if unknown.
    public func operationName(_ id: UInt32) -> String? {
        if let name = names.withLock({ $0[id] }) { return name }
        guard let name = Native.callsiteName(id) else { return nil }
        names.withLock { $0[id] = name }
        return name
    }

    // MARK: - Clock conversion

    /// `CLOCK_MONOTONIC` nanoseconds at a raw tick reading.
    @inline(__always)
    static func nanoseconds(atTicks ticks: UInt64, _ clock: obsb_clock_info) -> UInt64 {
        if ticks >= clock.base_ticks {
            return clock.base_ns &+ scale(ticks &- clock.base_ticks, clock.ns_per_tick_q32)
        }
        return clock.base_ns &- min(clock.base_ns, scale(clock.base_ticks &- ticks, clock.ns_per_tick_q32))
    }

    /// Nanoseconds between two tick readings (0 if they are out of order).
    @inline(__always)
    static func nanoseconds(between start: UInt64, and end: UInt64, _ clock: obsb_clock_info) -> UInt64 {
        end > start ? scale(end &- start, clock.ns_per_tick_q32) : 0
    }

    @inline(__always)
    static func scale(_ ticks: UInt64, _ q32: UInt64) -> UInt64 {
        let product = ticks.multipliedFullWidth(by: q32)
        return (product.high << 32) | (product.low >> 32)
    }

    private static func check<T>(_ result: Result<T, BridgeStatus>, _ what: String)
        throws(BridgeError) -> T
    {
        switch result {
        case .success(let value): return value
        case .failure(let status):
            throw BridgeError(status: status, message: "cannot \(what) from the native bridge")
        }
    }
}

/// The native ``WorkSignal``: `obsb_bridge_wait` and `obsb_bridge_wake`. A closed bridge's wait
/// fails at once; the loop then sleeps out the interval so a closed source never spins.
struct NativeWorkSignal: WorkSignal {
    let handle: obsb_bridge_handle

    func wait(timeoutNanoseconds: UInt64) {
        if Native.wait(handle, timeoutNanoseconds: timeoutNanoseconds) != .ok {
            usleep(UInt32(clamping: timeoutNanoseconds / 1_000))
        }
    }

    func interrupt() {
        _ = Native.wake(handle)
    }
}
