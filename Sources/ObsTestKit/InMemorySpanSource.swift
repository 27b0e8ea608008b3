public import ObsCollector
import Synchronization

/// A ``SpanSource`` held in memory, so collector and CLI tests run without native code.
///
/// Producers call ``emit(_:)`` and ``emit(error:)`` from any thread; a bounded buffer drops the
/// newest span when full and counts it, like a native ring, so `collected + dropped == emitted`
/// holds exactly. ``failNextDrains(with:)`` makes drains throw, to test a failing source.
public final class InMemorySpanSource: SpanSource {
    struct State {
        var spans: [SpanRecord] = []
        var spanHead = 0
        var errors: [NativeErrorReport] = []
        var counters = SourceCounters()
        var names: [UInt32: String] = [:]
        var ids: [String: UInt32] = [:]
        var failure: String?
        var incompatibleLibrary: String?
    }

    /// Spans held at most before new ones are dropped.
    public let capacity: Int
    /// Error reports held at most.
    public let errorCapacity: Int
    /// The clock name reported to the collector (tests choose it).
    public let clockSource: String
    private let state = Locked(State())

    /// Creates an empty source.
    public init(capacity: Int = 1 << 20, errorCapacity: Int = 1024, clockSource: String = "test") {
        self.capacity = capacity
        self.errorCapacity = errorCapacity
        self.clockSource = clockSource
    }

    /// Registers an operation name and returns its id (the same name, the same id).
    @discardableResult
    public func register(_ name: String) -> UInt32 {
        state.withLock { state in
            if let id = state.ids[name] { return id }
            let id = UInt32(state.ids.count + 1)
            state.ids[name] = id
            state.names[id] = name
            return id
        }
    }

    /// Offers a span. Returns `false` when it was dropped because the buffer was full.
    @discardableResult
    public func emit(_ span: SpanRecord) -> Bool {
        state.withLock { state in
            state.counters.emitted += 1
            guard state.spans.count - state.spanHead < capacity else {
                state.counters.dropped += 1
                return false
            }
            state.spans.append(span)
            return true
        }
    }

    /// Offers an error report. Returns `false` when it was dropped.
    @discardableResult
    public func emit(error: NativeErrorReport) -> Bool {
        state.withLock { state in
            state.counters.errorsEmitted += 1
            guard state.errors.count < errorCapacity else {
                state.counters.errorsDropped += 1
                return false
            }
            state.errors.append(error)
            return true
        }
    }

    /// Reports `description` as a library whose calls cannot be recorded (``incompatibleLibrary()``),
    /// or none with `nil`.
    public func refuseLibrary(_ description: String?) {
        state.withLock { $0.incompatibleLibrary = description }
    }

    /// The library set by ``refuseLibrary(_:)``, or `nil`.
    public func incompatibleLibrary() -> String? {
        state.withLock { $0.incompatibleLibrary }
    }

    /// Makes every drain throw `message` until called with `nil`.
    public func failNextDrains(with message: String?) {
        state.withLock { $0.failure = message }
    }

    /// Moves up to `limit` held spans into `buffer`, oldest first, counting them as collected.
    ///
    /// - Returns: How many spans were appended.
    /// - Throws: ``InMemorySourceError`` while ``failNextDrains(with:)`` is in effect.
    public func drainSpans(into buffer: inout [SpanRecord], limit: Int) throws -> Int {
        try state.withLock { state throws(InMemorySourceError) -> Int in
            if let failure = state.failure { throw InMemorySourceError(description: failure) }
            let count = min(limit, state.spans.count - state.spanHead)
            buffer.append(contentsOf: state.spans[state.spanHead..<(state.spanHead + count)])
            state.spanHead += count
            if state.spanHead == state.spans.count {
                state.spans.removeAll(keepingCapacity: true)
                state.spanHead = 0
            }
            state.counters.collected += UInt64(count)
            return count
        }
    }

    /// Moves up to `limit` held error reports into `buffer`, oldest first.
    ///
    /// - Returns: How many reports were appended.
    /// - Throws: ``InMemorySourceError`` while ``failNextDrains(with:)`` is in effect.
    public func drainErrors(into buffer: inout [NativeErrorReport], limit: Int) throws -> Int {
        try state.withLock { state throws(InMemorySourceError) -> Int in
            if let failure = state.failure { throw InMemorySourceError(description: failure) }
            let count = min(limit, state.errors.count)
            buffer.append(contentsOf: state.errors.prefix(count))
            state.errors.removeFirst(count)
            state.counters.errorsCollected += UInt64(count)
            return count
        }
    }

    /// The exact counters: every span emitted is held, collected or dropped.
    public func counters() throws -> SourceCounters {
        state.withLock { $0.counters }
    }

    /// The name registered for `id`, or `nil`.
    public func operationName(_ id: UInt32) -> String? {
        state.withLock { $0.names[id] }
    }
}

/// The failure an ``InMemorySpanSource`` was told to report.
public struct InMemorySourceError: Error, CustomStringConvertible {
    /// The failure's message.
    public var description: String
}
