public import ObsCollector

/// The bridge itself could not do what was asked: start, register an operation, drain.
public struct BridgeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The status the native side returned.
    public var status: BridgeStatus
    /// What was being done, and why it failed, for people.
    public var message: String

    /// Creates an error.
    public init(status: BridgeStatus, message: String) {
        self.status = status
        self.message = message
    }

    /// The message, then the status name in parentheses.
    public var description: String { "\(message) (\(status.name))" }
}
