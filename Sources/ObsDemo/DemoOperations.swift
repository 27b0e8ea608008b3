public import ObsBridge
import ObsCollector

/// The operations of the demo workload, registered once.
public struct DemoOperations: Sendable {
    /// `image.resize`: cost grows with the image, child spans inside.
    public let resize: TracedOperation
    /// `json.parse`: fast, fails on malformed input.
    public let parse: TracedOperation
    /// `kv.get`: bimodal (hits and slow misses), fails for some keys with a secret in the message.
    public let kvGet: TracedOperation
    /// `checksum`: fast, panics on poisoned input.
    public let checksum: TracedOperation
    /// `request`: a Swift scope around several native calls.
    public let request: TracedOperation
    /// `noop`: a traced call that does nothing (the benchmark's subject).
    public let noop: TracedOperation

    /// Registers the demo's operation names.
    public init() throws(BridgeError) {
        resize = try Bridge.operation("image.resize")
        parse = try Bridge.operation("json.parse")
        kvGet = try Bridge.operation("kv.get")
        checksum = try Bridge.operation("checksum")
        request = try Bridge.operation("request")
        noop = try Bridge.operation("noop")
    }
}
