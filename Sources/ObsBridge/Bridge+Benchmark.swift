import CObsBridge
import ObsCollector

extension Bridge {
    /// Nanoseconds per child-context creation (the id generation every traced call does), over
    /// `iterations` calls; `withParent` false measures new roots. For `obsbridge bench` only.
    public static func _benchmarkContextInit(iterations: Int, withParent: Bool) -> Double {
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
}
