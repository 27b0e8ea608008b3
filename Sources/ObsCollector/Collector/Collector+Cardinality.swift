/// Bounded cardinality: the collector holds at most ``Configuration/operationLimit`` operations and
/// ``Configuration/errorSeriesLimit`` error series, whatever names and codes it is fed.
///
/// An operation first seen after the limit is reached is recorded under one operation named
/// ``overflowOperationName`` and counted (``CardinalityStatus/overflowedOperations``); every call
/// is still in a histogram, none is dropped. Names are neutralized and cut to
/// ``maximumNameBytes``; ids with the same resulting name share one operation, so every export
/// has one series per name. Error series past their limit are counted under the domain
/// ``overflowOperationName``, code 0, of their operation.
extension Collector {
    /// The name of the operation that collects every operation past the limit (a source operation
    /// with exactly this name is recorded there too).
    public static let overflowOperationName = "obsbridge.overflow"
    /// UTF-8 bytes of an operation name at most (the native callsite limit); longer names are cut.
    public static let maximumNameBytes = 128
    /// UTF-8 bytes of an error domain at most in the error counts (the native limit is 32).
    public static let maximumDomainBytes = 64

    /// The cardinality bookkeeping in the collector's state.
    struct CardinalityState {
        /// The slot of each operation name, so that ids with one name share it.
        var slotByName: [String: Int] = [:]
        /// The overflow operation's slot, once something overflowed.
        var overflowSlot: Int?
        var overflowedOperations: UInt64 = 0
        var errorSeries = 0
        var overflowedErrorRecords: UInt64 = 0
    }

    /// The collector's limits, what went past them, and the memory it holds now.
    public func cardinality() -> CardinalityStatus {
        state.withLock { cardinalityStatus($0) }
    }

    /// Finds or makes the slot of an id the collector has not seen, and remembers it.
    func assignSlot(for id: UInt32, in state: inout State) -> Int {
        let remembers = Int(id) < Self.directSlots || state.slotByLargeID.count < Self.directSlots
        let slot: Int
        if !remembers, named(state) >= configuration.operationLimit {
            // Past the limit with the memo of large ids full: no name lookup per span.
            slot = overflowSlot(in: &state)
        } else {
            let name = Self.boundedName(source.operationName(id) ?? "operation-\(id)")
            if let existing = state.cardinality.slotByName[name] {
                slot = existing
            } else if name == Self.overflowOperationName || named(state) >= configuration.operationLimit {
                slot = overflowSlot(in: &state)
                state.cardinality.overflowedOperations &+= 1
            } else {
                slot = state.operations.count
                state.operations.append(OperationStats(id: id, name: name))
                state.cardinality.slotByName[name] = slot
            }
        }
        if Int(id) < Self.directSlots {
            state.slotByID[Int(id)] = Int32(slot)
        } else if remembers {
            state.slotByLargeID[id] = slot
        }
        return slot
    }

    /// Counts one error record of operation `slot` under `key`, or under the overflow key when the
    /// key is new and the error series limit is reached.
    func countError(_ key: ErrorKey, slot: Int, in state: inout State) {
        var key = key
        key.domain = Self.truncated(key.domain, toBytes: Self.maximumDomainBytes)
        if state.operations[slot].errorCounts[key] == nil {
            if state.cardinality.errorSeries < configuration.errorSeriesLimit {
                state.cardinality.errorSeries += 1
            } else {
                key = ErrorKey(domain: Self.overflowOperationName, code: 0)
                state.cardinality.overflowedErrorRecords &+= 1
            }
        }
        state.operations[slot].errorCounts[key, default: 0] &+= 1
    }

    /// The status of `state`'s limits and memory.
    func cardinalityStatus(_ state: State) -> CardinalityStatus {
        CardinalityStatus(
            operationLimit: configuration.operationLimit, operations: named(state),
            overflowedOperations: state.cardinality.overflowedOperations,
            overflowCalls: state.cardinality.overflowSlot.map { state.operations[$0].calls } ?? 0,
            errorSeriesLimit: configuration.errorSeriesLimit, errorSeries: state.cardinality.errorSeries,
            overflowedErrorRecords: state.cardinality.overflowedErrorRecords,
            memoryBytes: UInt64(Self.memoryBytes(state)))
    }

    /// Operations (their windows moved to now's interval), counters, recent errors and the
    /// cardinality status read under one lock, and the interval of now.
    func snapshotView() -> (
        operations: [OperationStats], counters: SourceCounters, errors: [ErrorRecord],
        cardinality: CardinalityStatus, interval: UInt64
    ) {
        state.withLock { state in
            let interval = advanceWindows(in: &state)
            return (state.operations, state.counters, state.recentErrors, cardinalityStatus(state), interval)
        }
    }

    /// Moves every operation's last-minute window to now's interval when a new one began.
    ///
    /// - Returns: The interval of now.
    @discardableResult
    func advanceWindows(in state: inout State) -> UInt64 {
        let interval = RecentWindow.interval(atMonotonic: UnixTime.monotonicNanoseconds())
        if state.windowInterval != interval {
            for slot in state.operations.indices { state.operations[slot].advanceWindow(to: interval) }
            state.windowInterval = interval
        }
        return interval
    }

    // MARK: - Helpers

    /// Operations with their own name (the overflow operation not counted).
    private func named(_ state: State) -> Int {
        state.operations.count - (state.cardinality.overflowSlot == nil ? 0 : 1)
    }

    private func overflowSlot(in state: inout State) -> Int {
        if let slot = state.cardinality.overflowSlot { return slot }
        let slot = state.operations.count
        state.operations.append(OperationStats(id: .max, name: Self.overflowOperationName))
        state.cardinality.overflowSlot = slot
        return slot
    }

    /// `name` neutralized for terminals and cut to ``maximumNameBytes``.
    static func boundedName(_ name: String) -> String {
        truncated(TerminalText.neutralize(name), toBytes: maximumNameBytes)
    }

    /// The longest prefix of whole characters of `text` within `limit` UTF-8 bytes.
    static func truncated(_ text: String, toBytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var bytes = 0
        var end = text.startIndex
        for index in text.indices {
            let next = text.index(after: index)
            bytes += text.utf8.distance(from: index, to: next)
            if bytes > limit { break }
            end = next
        }
        return String(text[..<end])
    }

    /// The bytes of the collector's tables and buffers: per operation its stats, histogram, name
    /// (and its last-minute window) and error counts; the id maps; the span, error, export and log buffers.
    static func memoryBytes(_ state: State) -> Int {
        func heap(_ text: String) -> Int { text.utf8.count > 15 ? text.utf8.count + 32 : 0 }
        let errorEntry = MemoryLayout<ErrorKey>.stride + MemoryLayout<UInt64>.stride
        var bytes = state.operations.capacity * MemoryLayout<OperationStats>.stride
        for operation in state.operations {
            bytes += LatencyHistogram.memoryFootprint + operation.window.memoryBytes + heap(operation.name)
            bytes += operation.errorCounts.capacity * (errorEntry + 1)
            for key in operation.errorCounts.keys { bytes += heap(key.domain) }
        }
        bytes += state.slotByID.capacity * MemoryLayout<Int32>.stride
        bytes += state.slotByLargeID.capacity * (MemoryLayout<UInt32>.stride + MemoryLayout<Int>.stride + 1)
        bytes += state.cardinality.slotByName.capacity * (MemoryLayout<String>.stride + MemoryLayout<Int>.stride + 1)
        bytes += state.spanIntakeCapacity * MemoryLayout<SpanRecord>.stride
        // Reserved export buffers hold only the pages their spans were written to.
        let touched = max(state.exportPeak, state.exportSpans.count)
        bytes +=
            (min(state.exportSpans.capacity, touched) + min(state.spareExportSpans.capacity, touched))
            * MemoryLayout<ExportedSpan>.stride
        bytes += state.logs.capacity * MemoryLayout<LogRecord>.stride
        for error in state.recentErrors {
            bytes += MemoryLayout<ErrorRecord>.stride + heap(error.message) + heap(error.operation)
        }
        return bytes
    }
}
