import CObsBridge
import ObsCollector

/// Hooks for this package's own benchmark and tests, `package` access only: nothing here is part of
/// the shipped API.
extension Bridge {
    /// Nanoseconds per child-context creation (the id generation every traced call does), over
    /// `iterations` calls; `withParent` false measures new roots. For `obsbridge bench`.
    package static func benchmarkContextInit(iterations: Int, withParent: Bool) -> Double {
        var parent = obsb_trace_context()
        Native.initChild(of: nil, callsite: 1, into: &parent)
        var context = obsb_trace_context()
        var sink: UInt64 = 0
        let start = UnixTime.monotonicNanoseconds()
        for _ in 0..<iterations {
            if withParent {
                Native.initChild(of: &parent, callsite: 1, into: &context)
            } else {
                Native.initChild(of: nil, callsite: 1, into: &context)
            }
            sink &+= context.span_id
        }
        let elapsed = UnixTime.monotonicNanoseconds() - start
        return sink == 0 ? 0 : Double(elapsed) / Double(max(1, iterations))
    }

    /// The ABI version in the header this Swift code was compiled against (`OBSB_ABI_VERSION`).
    package static var headerABIVersion: UInt32 { Native.headerABIVersion }

    /// The name the native library gives `status` (`obsb_status_name`), to check ``BridgeStatus``'s
    /// table against it.
    package static func nativeStatusName(_ status: BridgeStatus) -> String {
        Native.statusName(status.rawValue)
    }

    /// Asks the native side directly to open a bridge for `abiVersion` with its default sizes, and
    /// closes it again if it opened.
    ///
    /// - Returns: The status, and whether the output handle was written.
    package static func probeNativeOpen(abiVersion: UInt32) -> (status: BridgeStatus, wroteHandle: Bool) {
        let (status, handle) = Native.openWithDefaults(abiVersion: abiVersion)
        if status == .ok { _ = Native.close(handle) }
        return (status, handle.value != 0)
    }

    /// Nanoseconds between two native clock readings (`obsb_clock_now`), converted with the
    /// calibration the collector uses: for the bench's clock agreement figure.
    package static func clockNanoseconds(between start: UInt64, and end: UInt64) -> UInt64 {
        NativeSpanSource.nanoseconds(between: start, and: end, Native.clockInfo())
    }
}
