public import ObsCollector
import Synchronization

/// A ``LogSink`` that keeps every record in memory, for tests.
public final class InMemoryLogSink: LogSink {
    private let state = Locked<(records: [LogRecord], flushes: Int, resource: ResourceInfo?)>(([], 0, nil))

    /// Creates an empty sink.
    public init() {}

    /// Appends the records to ``records`` and remembers the resource.
    public func write(_ records: [LogRecord], resource: ResourceInfo) {
        state.withLock { state in
            state.records.append(contentsOf: records)
            state.resource = resource
        }
    }

    /// Counts the flush; the records are already in memory.
    public func flush() {
        state.withLock { $0.flushes += 1 }
    }

    /// Always `nil`: memory does not fail.
    public var lastFailure: String? { nil }

    /// Every record written so far.
    public var records: [LogRecord] { state.withLock { $0.records } }

    /// The resource the last batch was written with, if any.
    public var resource: ResourceInfo? { state.withLock { $0.resource } }

    /// How often the collector flushed.
    public var flushes: Int { state.withLock { $0.flushes } }
}
