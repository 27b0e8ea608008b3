import ObsCollector
import Synchronization

/// A ``LogSink`` that keeps every record in memory, for tests.
public final class InMemoryLogSink: LogSink {
    private let state = Mutex<(records: [LogRecord], flushes: Int)>(([], 0))

    /// Creates an empty sink.
    public init() {}

    /// Appends the records to ``records``.
    public func write(_ records: [LogRecord]) {
        state.withLock { $0.records.append(contentsOf: records) }
    }

    /// Counts the flush; the records are already in memory.
    public func flush() {
        state.withLock { $0.flushes += 1 }
    }

    /// Always `nil`: memory does not fail.
    public var lastFailure: String? { nil }

    /// Every record written so far.
    public var records: [LogRecord] { state.withLock { $0.records } }

    /// How often the collector flushed.
    public var flushes: Int { state.withLock { $0.flushes } }
}
