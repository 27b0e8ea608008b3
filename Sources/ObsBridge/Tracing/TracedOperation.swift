import ObsCollector

/// A registered operation name: register once, trace many times.
///
/// Registering resolves the name to a small id in the native callsite table; traced calls carry only
/// the id, and the collector turns it back into the name. Obtain one with ``Bridge/operation(_:)``.
public struct TracedOperation: Sendable, Hashable {
    /// The native callsite id (never 0).
    public let id: UInt32
    /// The name as registered.
    public let name: String
}
