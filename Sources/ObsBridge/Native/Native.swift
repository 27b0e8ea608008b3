public import CObsBridge
import ObsCollector

/// The one place in Swift that calls the C functions of `obsbridge.h`.
///
/// Thin and allocation-free: each member forwards to one C function. The status-returning ones
/// return a ``BridgeStatus``; callers turn it into a Swift error.
@usableFromInline
enum Native {
    /// `OBSB_ABI_VERSION` of the header this module was compiled against.
    static let headerABIVersion: UInt32 = OBSB_ABI_VERSION

    @inline(__always)
    static func abiVersion() -> UInt32 { obsb_abi_version() }

    static func statusName(_ status: Int32) -> String { String(cString: obsb_status_name(status)) }

    static func open(abiVersion: UInt32, ringCapacity: UInt32, errorCapacity: UInt32)
        -> Result<obsb_bridge_handle, BridgeStatus>
    {
        var config = obsb_bridge_config(ring_capacity: ringCapacity, error_capacity: errorCapacity)
        var handle = obsb_bridge_handle(value: 0)
        let status = BridgeStatus(rawValue: obsb_bridge_open(abiVersion, &config, &handle))
        return status == .ok ? .success(handle) : .failure(status)
    }

    /// `obsb_bridge_open` with no configuration (the native defaults): the status and the handle
    /// as the call left it.
    static func openWithDefaults(abiVersion: UInt32) -> (BridgeStatus, obsb_bridge_handle) {
        var handle = obsb_bridge_handle(value: 0)
        let status = BridgeStatus(rawValue: obsb_bridge_open(abiVersion, nil, &handle))
        return (status, handle)
    }

    /// `obsb_conflict_get`: the first copy of the obsbridge crate in this process refused for its
    /// ABI version (its description, its version, the recorder's), or `nil` when there is none.
    static func conflict() -> (library: String, libraryVersion: UInt32, recorderVersion: UInt32)? {
        var conflict = obsb_conflict()
        guard BridgeStatus(rawValue: obsb_conflict_get(&conflict)) == .ok else { return nil }
        let length = min(Int(conflict.name_len), Int(OBSB_LIBRARY_NAME_CAPACITY))
        let name = withUnsafeBytes(of: conflict.name) {
            String(decoding: $0.prefix(length), as: UTF8.self)
        }
        return (name, conflict.library_abi_version, conflict.recorder_abi_version)
    }

    static func close(_ handle: obsb_bridge_handle) -> BridgeStatus {
        BridgeStatus(rawValue: obsb_bridge_close(handle))
    }

    static func drainSpans(
        _ handle: obsb_bridge_handle, into buffer: UnsafeMutableBufferPointer<obsb_span_record>
    ) -> Result<Int, BridgeStatus> {
        var count = 0
        let status = BridgeStatus(
            rawValue: obsb_bridge_drain_spans(handle, buffer.baseAddress, buffer.count, &count))
        return status == .ok ? .success(count) : .failure(status)
    }

    static func drainErrors(
        _ handle: obsb_bridge_handle, into buffer: UnsafeMutableBufferPointer<obsb_error_record>
    ) -> Result<Int, BridgeStatus> {
        var count = 0
        let status = BridgeStatus(
            rawValue: obsb_bridge_drain_errors(handle, buffer.baseAddress, buffer.count, &count))
        return status == .ok ? .success(count) : .failure(status)
    }

    static func counters(_ handle: obsb_bridge_handle) -> Result<obsb_counters, BridgeStatus> {
        var counters = obsb_counters()
        let status = BridgeStatus(rawValue: obsb_bridge_counters(handle, &counters))
        return status == .ok ? .success(counters) : .failure(status)
    }

    /// Blocks until a ring or the error queue passes its high-water mark, ``wake(_:)``, or the
    /// timeout.
    static func wait(_ handle: obsb_bridge_handle, timeoutNanoseconds: UInt64) -> BridgeStatus {
        BridgeStatus(rawValue: obsb_bridge_wait(handle, timeoutNanoseconds, nil))
    }

    static func wake(_ handle: obsb_bridge_handle) -> BridgeStatus {
        BridgeStatus(rawValue: obsb_bridge_wake(handle))
    }

    /// `OBSB_DEFAULT_RING_CAPACITY`, `OBSB_RING_HOT_CAPACITY` and `OBSB_DEFAULT_ERROR_CAPACITY`.
    static let defaultRingCapacity: UInt32 = OBSB_DEFAULT_RING_CAPACITY
    static let ringHotCapacity: UInt32 = OBSB_RING_HOT_CAPACITY
    static let defaultErrorCapacity: UInt32 = OBSB_DEFAULT_ERROR_CAPACITY

    /// Error records dropped so far, by callsite (`obsb_bridge_error_drops`).
    static func errorDrops(_ handle: obsb_bridge_handle) -> Result<[UInt32: UInt64], BridgeStatus> {
        var total = 0
        var status = BridgeStatus(rawValue: obsb_bridge_error_drops(handle, nil, 0, &total))
        guard status == .ok else { return .failure(status) }
        guard total > 0 else { return .success([:]) }
        var entries = [obsb_callsite_count](repeating: obsb_callsite_count(), count: total + 16)
        var written = 0
        status = entries.withUnsafeMutableBufferPointer {
            BridgeStatus(rawValue: obsb_bridge_error_drops(handle, $0.baseAddress, $0.count, &written))
        }
        guard status == .ok else { return .failure(status) }
        var drops: [UInt32: UInt64] = [:]
        for entry in entries.prefix(min(written, entries.count)) { drops[entry.callsite] = entry.count }
        return .success(drops)
    }

    static func clockInfo() -> obsb_clock_info {
        var info = obsb_clock_info()
        _ = obsb_clock_info_get(&info)
        return info
    }

    @inline(__always)
    static func clockNow() -> UInt64 { obsb_clock_now() }

    static func registerCallsite(_ name: String) -> Result<UInt32, BridgeStatus> {
        var id: UInt32 = 0
        var name = name
        let status = name.withUTF8 { bytes in
            BridgeStatus(rawValue: obsb_callsite_register(bytes.baseAddress, bytes.count, &id))
        }
        return status == .ok ? .success(id) : .failure(status)
    }

    static func callsiteName(_ id: UInt32) -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(OBSB_CALLSITE_NAME_CAPACITY))
        var length = 0
        let status = buffer.withUnsafeMutableBufferPointer {
            obsb_callsite_name(id, $0.baseAddress, $0.count, &length)
        }
        guard status == OBSB_STATUS_OK else { return nil }
        return String(decoding: buffer[..<min(length, buffer.count)], as: UTF8.self)
    }

    @inlinable @inline(__always)
    static func initChild(
        of parent: UnsafePointer<obsb_trace_context>?, callsite: UInt32,
        into out: UnsafeMutablePointer<obsb_trace_context>
    ) {
        obsb_context_init_child(parent, callsite, out)
    }

    @inline(__always)
    static func emit(_ record: UnsafePointer<obsb_span_record>) {
        _ = obsb_span_emit(record)
    }
}
