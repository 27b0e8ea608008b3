import Dispatch
import Foundation
import Synchronization

/// Drains a ``SpanSource`` on a background thread into per-operation latency histograms, structured
/// logs and sanitized error records.
///
/// Threads: every method may be called from any thread. One background thread drains every
/// ``Configuration/drainIntervalNanoseconds``, and again at once while batches come back full;
/// ``drainNow()`` drains on the caller's thread. Drains are serialised by the collector's lock.
/// Error records have a thread of their own, which sanitizes them outside the collector's lock, so a
/// storm of long, distinct messages fills (at worst) the error queue and never the span rings. With
/// a log sink, a third thread flushes it (formats and writes the records) every
/// ``Configuration/logFlushIntervalNanoseconds``, or sooner when many records wait, so file writes
/// never stall the drain either.
///
/// Lifecycle: ``start()`` once; ``shutdown()`` stops the threads and drains until the source is
/// empty before it returns, so nothing recorded before the call is lost. A stopped collector can
/// still be read (``snapshot()``) and drained by hand.
public final class Collector: Sendable {
    struct State {
        /// The capacity of the span drain's intake (``Collector/spanIntake``), for the memory figure.
        var spanIntakeCapacity = 0
        /// Slot in `operations` for ids below `directSlots`; -1 when unseen.
        var slotByID: [Int32]
        var slotByLargeID: [UInt32: Int] = [:]
        var operations: [OperationStats] = []
        var recentErrors: [ErrorRecord] = []
        var exportSpans: [ExportedSpan] = []
        /// An emptied buffer the exporter gave back (``Collector/recycleExportSpans(_:)``): it
        /// becomes `exportSpans` at the next take, so the drain keeps appending into memory it
        /// has touched instead of a fresh allocation (tens of MiB, faulted in page by page) every
        /// export round.
        var spareExportSpans: [ExportedSpan] = []
        /// The most spans an export buffer held at a take: what the export buffers have touched
        /// (committed) of their reserved capacity, for the memory figure.
        var exportPeak = 0
        /// Whether ``Collector/exportDemand`` was signalled since the last take.
        var exportDemanded = false
        var exportDropped: UInt64 = 0
        /// Spans kept for export, and dropped because the export buffer was full, since start.
        var exportTotals = SpanExportCounts()
        /// Failed spans and their errors meeting in the export buffer (Collector+SpanErrors.swift).
        var spanErrors = SpanErrorJoin()
        var logs: [LogRecord] = []
        var slowLogsSuppressed: UInt64 = 0
        var counters = SourceCounters()
        var sourceFailure: String?
        /// A library whose calls cannot be recorded, once the source reported one.
        var incompatibleLibrary: String?
        /// Log records handed to the sink since its thread was last woken.
        var logsSinceWake = 0
        var cardinality = CardinalityState()
        /// The interval the operations' last-minute windows were last moved to.
        var windowInterval: UInt64?
    }

    static let directSlots = 1 << 16
    /// Batches of spans, and of errors, that one drain takes at most: a round holds the collector's
    /// lock for a bounded time, and a native source wakes the next round at once if more waits.
    static let batchesPerDrain = 64
    /// Log records handed to the sink after which its thread flushes at once instead of at the end
    /// of its interval.
    static let logWakeThreshold = 16_384
    /// How far the log thread gives way to the drain threads on a busy machine (its queue holds
    /// seconds of records, the rings milliseconds of spans): nice +5, a third of the CPU of a
    /// nice-0 thread when both want one.
    package static let logThreadNiceIncrement: Int32 = 5
    /// Spans an export buffer reserves at once, at most (see ``reserveExportBuffer(in:)``).
    static let exportReservationLimit = 1 << 18
    /// Spans the drain holds at most while the state lock is busy (64 B each); past it, the drain
    /// waits for the lock and the rings absorb the rest.
    static let spanIntakeLimit = 1 << 18

    /// The source this collector drains.
    public let source: any SpanSource
    /// Its configuration.
    public let configuration: Configuration
    /// Nanoseconds to add to a monotonic time to get Unix time.
    public let unixOffset: Int64
    /// When the collector was created, in Unix nanoseconds.
    public let startedAtUnixNano: UInt64

    let state: Locked<State>
    /// Spans taken from the source and not recorded yet. Its lock serialises span drains; the drain
    /// keeps emptying the rings into it while a reader or the error thread holds `state`, and
    /// records them as soon as `state` is free.
    let spanIntake = Locked<[SpanRecord]>([])
    /// Serialises error drains: a batch taken from the source is counted before the next is taken.
    let errorIntake = Locked<ErrorIntake>(ErrorIntake())
    /// Sanitized messages, shared by the drain and ``errorRecord(sanitizing:operation:)``.
    private let sanitizedMessages = SanitizedMessageCache()
    private let loop: BackgroundLoop
    /// Drains and sanitizes error records off the span drain's thread.
    private let errorLoop: BackgroundLoop
    /// Flushes the log sink off the drain thread.
    private let logLoop: BackgroundLoop
    /// Signalled once the export buffer is half full (once per take), so the exporter's thread
    /// (``PeriodicExporter`` waits on it) writes it before it overflows, whatever its interval.
    package let exportDemand: any WorkSignal = SemaphoreSignal()

    /// Creates a collector over `source`; call ``start()`` to drain in the background.
    public init(source: any SpanSource, configuration: Configuration = Configuration()) {
        self.source = source
        self.configuration = configuration
        self.unixOffset = UnixTime.monotonicToUnixOffset()
        self.startedAtUnixNano = UnixTime.nowNanoseconds()
        self.state = Locked(State(slotByID: Array(repeating: -1, count: Self.directSlots)))
        self.loop = BackgroundLoop(
            name: "obsb-collector", intervalNanoseconds: configuration.drainIntervalNanoseconds,
            firstRound: .immediately, signal: source.workSignal)
        self.errorLoop = BackgroundLoop(
            name: "obsb-errors", intervalNanoseconds: configuration.drainIntervalNanoseconds,
            firstRound: .immediately)
        self.logLoop = BackgroundLoop(
            name: "obsb-logs", intervalNanoseconds: configuration.logFlushIntervalNanoseconds,
            firstRound: .afterInterval, niceIncrement: Self.logThreadNiceIncrement)
    }

    /// Starts the background threads: the span drain, the error drain, and the log flush (with a
    /// log sink). Calling it again, or after ``shutdown()``, does nothing.
    public func start() {
        if let sink = configuration.logSink {
            logLoop.start { sink.flush() }
        }
        errorLoop.start { [self] in drainErrors() }
        loop.start { [self] in
            drainSpans(waitingForLock: false)
            // The native error queue's high-water mark wakes this loop: pass it on.
            if state.withLockIfAvailable({ $0.counters.errorsPending > 0 }) == true { errorLoop.wake() }
        }
    }

    /// Stops the background threads, then drains until every span and error record recorded
    /// before the call is collected (or counted as dropped), and flushes the logs. Producers that
    /// keep recording meanwhile cannot hold it up: what they record after the call may stay
    /// pending, and the counters say so. Safe to call more than once and without ``start()``.
    public func shutdown() {
        loop.stop()
        errorLoop.stop()
        logLoop.stop()
        let target = (try? source.counters()) ?? state.withLock { $0.counters }
        while true {
            let drained = drain()
            let counters = state.withLock { $0.counters }
            let spansDone = counters.collected &+ counters.dropped >= target.emitted
            let errorsDone = counters.errorsCollected &+ counters.errorsDropped >= target.errorsEmitted
            if (spansDone && errorsDone) || drained.spans + drained.errors == 0 { break }
        }
        configuration.logSink?.flush()
    }

    /// Drains the source until it comes back empty (or a bounded number of full batches), records
    /// everything, and flushes the logs.
    ///
    /// - Returns: The number of spans collected by this call.
    @discardableResult
    public func drainNow() -> Int {
        let collected = drain().spans
        configuration.logSink?.flush()
        return collected
    }

    /// The per-operation statistics, in first-seen order.
    public func operationStats() -> [OperationStats] {
        state.withLock { $0.operations }
    }

    /// The source's counters as of the last drain.
    public func counters() -> SourceCounters {
        state.withLock { $0.counters }
    }

    /// The most recent sanitized error records, oldest first.
    public func recentErrors() -> [ErrorRecord] {
        state.withLock { $0.recentErrors }
    }

    /// Operations, counters and recent errors read under one lock, so they agree with each other.
    func consistentView() -> (
        operations: [OperationStats], counters: SourceCounters,
        errors: [ErrorRecord]
    ) {
        state.withLock { ($0.operations, $0.counters, $0.recentErrors) }
    }

    /// The record of a failed call, sanitized exactly as the drain sanitizes the same failure's
    /// queued report (and through the same memo): what a caller throws. Any thread.
    package func errorRecord(sanitizing report: NativeErrorReport, operation: String) -> ErrorRecord {
        ErrorRecord(
            report: report, operation: operation, unixOffset: unixOffset,
            sanitized: { sanitizedMessages.sanitize($0, with: configuration.sanitizer) })
    }

    /// A library in the process whose calls are not recorded because it was built on another ABI
    /// version (its name and both versions), once the source reported one; `nil` otherwise.
    public var incompatibleLibrary: String? {
        state.withLock { $0.incompatibleLibrary }
    }

    /// The last failure of the source, if draining it failed.
    public var sourceFailure: String? {
        state.withLock { $0.sourceFailure }
    }

    /// Takes the spans kept for export (see ``Configuration/spanExport``), oldest first. The
    /// buffer is the caller's from then on; an exporter hands it back emptied through
    /// ``recycleExportSpans(_:)``, so the next buffer reuses its memory.
    ///
    /// - Returns: The spans and how many were dropped since the last call because the export
    ///   buffer was full.
    public func takeExportSpans() -> (spans: [ExportedSpan], dropped: UInt64) {
        state.withLock { state in
            var taken = state.spareExportSpans
            state.spareExportSpans = []
            swap(&taken, &state.exportSpans)
            state.exportPeak = max(state.exportPeak, taken.count)
            defer {
                state.exportDropped = 0
                state.exportDemanded = false
                state.spanErrors.exportBufferTaken()
            }
            return (taken, state.exportDropped)
        }
    }

    /// Takes back a buffer that ``takeExportSpans()`` returned, once written: its spans are
    /// released on the caller's thread, outside the collector's lock (a round's worth of error
    /// messages would otherwise be freed while the drain waits), and its memory is reused by the
    /// next export buffer. Any thread.
    package func recycleExportSpans(_ spans: consuming [ExportedSpan]) {
        var spans = spans
        spans.removeAll(keepingCapacity: true)
        state.withLock { state in
            if spans.capacity > state.spareExportSpans.capacity { swap(&spans, &state.spareExportSpans) }
        }
    }

    // MARK: - Draining

    /// One drain on the caller's thread: spans, then error records, each until a batch comes back
    /// empty or ``batchesPerDrain`` batches; then the counters and the log hand-off. The
    /// collector's lock is taken per batch, so readers (``snapshot()``, the exporter, `top`) never
    /// wait for a whole drain.
    ///
    /// - Returns: How many spans and error records it took.
    @discardableResult
    private func drain() -> (spans: Int, errors: Int) {
        let (spans, spansWork) = drainSpans(waitingForLock: true)
        let (errors, _) = spansWork ? drainErrors() : (0, false)
        return (spans, errors)
    }

    /// Spans, batch by batch, until a batch comes back empty or ``batchesPerDrain`` batches (so a
    /// producer faster than the drain cannot pin this thread forever); then the span counters.
    ///
    /// The source is drained into ``spanIntake`` without the state lock. Each batch is recorded
    /// if the lock is free; while a reader or the error thread holds it, the drain goes on
    /// emptying the rings (up to ``spanIntakeLimit`` spans held), so a lock held for a while
    /// costs memory for a moment, never a span.
    ///
    /// - Parameter waitingForLock: Whether to wait for the lock at the end, so that everything
    ///   taken is recorded when this returns (``drainNow()``, ``shutdown()``). The background
    ///   loop does not wait: what is left is recorded by its next round, and until then the
    ///   counters show it as pending.
    /// - Returns: How many spans it took, and whether the source works.
    @discardableResult
    private func drainSpans(waitingForLock: Bool) -> (total: Int, working: Bool) {
        let capacity = max(1, configuration.batchCapacity)
        return spanIntake.withLock { intake in
            var total = 0
            var failure: (any Error)?
            for _ in 0..<Self.batchesPerDrain {
                let count: Int
                do {
                    count = try source.drainSpans(into: &intake, limit: capacity)
                } catch {
                    failure = error
                    break
                }
                total += count
                if count == 0 { break }
                if intake.count < Self.spanIntakeLimit {
                    _ = state.withLockIfAvailable { state in record(&intake, into: &state) }
                } else {
                    state.withLock { state in record(&intake, into: &state) }
                }
            }
            if let failure {
                state.withLock { state in
                    record(&intake, into: &state)
                    _ = reportingFailure(in: &state) { _ in throw failure }
                }
                return (total, false)
            }
            if waitingForLock {
                state.withLock { state in finishSpanDrain(with: &intake, &state) }
            } else {
                _ = state.withLockIfAvailable { state in finishSpanDrain(with: &intake, &state) }
            }
            return (total, true)
        }
    }

    /// Records the spans in `intake` and empties it (keeping its capacity).
    private func record(_ intake: inout [SpanRecord], into state: inout State) {
        guard !intake.isEmpty else { return }
        record(spans: intake, into: &state)
        intake.removeAll(keepingCapacity: true)
        state.spanIntakeCapacity = intake.capacity
    }

    /// `body`'s result, or `nil` after logging the source's failure once.
    func reportingFailure(in state: inout State, _ body: (inout State) throws -> Int) -> Int? {
        do {
            return try body(&state)
        } catch {
            let message = TerminalText.neutralize(String(describing: error))
            if state.sourceFailure != message {
                state.sourceFailure = message
                log(.error, "span source failed: \(message)", into: &state)
            }
            return nil
        }
    }

    /// The end of a span drain: the spans left in `intake` recorded, then the source's span
    /// counters (which then count exactly the recorded spans as collected), a refused library,
    /// the slow-log notice, and the log records handed to the sink.
    private func finishSpanDrain(with intake: inout [SpanRecord], _ state: inout State) {
        record(&intake, into: &state)
        let read = reportingFailure(in: &state) { state in
            state.counters.takeSpans(from: try source.counters())
            return 0
        }
        if read != nil { state.sourceFailure = nil }
        if state.incompatibleLibrary == nil, let library = source.incompatibleLibrary() {
            // Never silent: logged once, and kept for the snapshot's losses.
            state.incompatibleLibrary = library
            log(.error, "calls not recorded: \(TerminalText.neutralize(library))", into: &state)
        }
        if state.slowLogsSuppressed > 0 {
            // Counted, never silent: one record says how many slow calls were not logged.
            log(
                .warn,
                "\(state.slowLogsSuppressed) more slow calls in this drain were not logged (limit "
                    + "\(configuration.slowLogLimitPerDrain) per drain); every call is in its histogram",
                into: &state)
            state.slowLogsSuppressed = 0
        }
        handOffLogs(&state)
    }

    /// Hands the log records gathered under the lock to the sink, and wakes the log thread when
    /// many wait.
    func handOffLogs(_ state: inout State) {
        if let sink = configuration.logSink, !state.logs.isEmpty {
            sink.write(state.logs, resource: configuration.resource)
            state.logsSinceWake += state.logs.count
            if state.logsSinceWake >= Self.logWakeThreshold {
                state.logsSinceWake = 0
                logLoop.wake()
            }
        }
        state.logs.removeAll(keepingCapacity: true)
    }

    private func record(spans: [SpanRecord], into state: inout State) {
        advanceWindows(in: &state)  // Collector+Cardinality.swift: before the batch's calls
        let slow = configuration.slowSpanThresholdNanoseconds ?? .max
        let logSlow = configuration.logSink != nil && configuration.minimumLogSeverity <= .warn
        let export = configuration.spanExport
        var slowLogged = 0
        for span in spans {
            let slot = slotFor(span.operation, in: &state)
            state.operations[slot].record(
                durationNanoseconds: span.durationNanoseconds, failed: span.isFailure)
            if state.operations[slot].kind == .unknown { state.operations[slot].kind = span.kind }
            if span.durationNanoseconds >= slow, logSlow {
                if slowLogged < configuration.slowLogLimitPerDrain {
                    slowLogged += 1
                    logSlowSpan(span, name: state.operations[slot].name, into: &state)
                } else {
                    state.slowLogsSuppressed &+= 1
                }
            }
            if export != .none, export.keeps(span) {
                if state.exportSpans.count < configuration.spanExportCapacity {
                    if state.exportSpans.capacity == 0 { reserveExportBuffer(in: &state) }
                    let start = unixTime(span.startNanoseconds)
                    var exported = ExportedSpan(
                        record: span, name: state.operations[slot].name, startUnixNano: start,
                        endUnixNano: start &+ span.durationNanoseconds)
                    if span.isFailure {
                        exported.error = state.spanErrors.spanKept(span.spanID, at: state.exportSpans.count)
                    }
                    state.exportSpans.append(exported)
                    state.exportTotals.kept &+= 1
                    if !state.exportDemanded, state.exportSpans.count >= configuration.spanExportCapacity / 2 {
                        state.exportDemanded = true
                        exportDemand.interrupt()
                    }
                } else {
                    state.exportDropped &+= 1
                    state.exportTotals.dropped &+= 1
                }
            }
        }
    }

    /// Reserves an empty export buffer's full room (``Configuration/spanExportCapacity``, up to
    /// ``exportReservationLimit`` spans) before its first span. An allocation whose pages the
    /// system commits as spans are written, never a copy: grown by doubling instead, the buffer
    /// was copied under the collector's lock at each step, 15 ms of the drain's CPU from 131,072
    /// to 262,144 spans.
    private func reserveExportBuffer(in state: inout State) {
        state.exportSpans.reserveCapacity(min(configuration.spanExportCapacity, Self.exportReservationLimit))
    }

    func slotFor(_ id: UInt32, in state: inout State) -> Int {
        if Int(id) < Self.directSlots {
            let slot = state.slotByID[Int(id)]
            if slot >= 0 { return Int(slot) }
        } else if let slot = state.slotByLargeID[id] {
            return slot
        }
        return assignSlot(for: id, in: &state)  // Collector+Cardinality.swift: the limit
    }

    // MARK: - Logs

    private func unixTime(_ monotonic: UInt64) -> UInt64 {
        UInt64(clamping: Int64(clamping: monotonic) &+ unixOffset)
    }

    private func log(_ severity: LogSeverity, _ body: String, into state: inout State) {
        guard configuration.logSink != nil,
            severity >= configuration.minimumLogSeverity
                || severity >= .error
        else { return }
        let now = UnixTime.nowNanoseconds()
        state.logs.append(
            LogRecord(timeUnixNano: now, observedTimeUnixNano: now, severity: severity, body: body))
    }

    private func logSlowSpan(_ span: SpanRecord, name: String, into state: inout State) {
        let end = unixTime(span.startNanoseconds &+ span.durationNanoseconds)
        state.logs.append(
            LogRecord(
                timeUnixNano: end, observedTimeUnixNano: UnixTime.nowNanoseconds(),
                severity: .warn,
                body: "slow call: \(name) took \(DurationText.format(span.durationNanoseconds))",
                attributes: [
                    ("obsbridge.operation", .string(name)),
                    ("obsbridge.duration_ns", .int(Int64(clamping: span.durationNanoseconds))),
                    (
                        "obsbridge.threshold_ns",
                        .int(Int64(clamping: configuration.slowSpanThresholdNanoseconds ?? 0))
                    ),
                ],
                traceID: span.traceID, spanID: span.spanID, flags: span.flags))
    }

    /// The log record for a sanitized error: severity `error`, the sanitized message as body.
    public static func logRecord(for error: ErrorRecord, observed: UInt64) -> LogRecord {
        LogRecord(
            timeUnixNano: error.timeUnixNano, observedTimeUnixNano: observed, severity: .error,
            body: "\(error.operation) failed: \(error.message)",
            attributes: [
                ("obsbridge.operation", .string(error.operation)),
                ("obsbridge.status", .string(error.status)),
                ("error.domain", .string(error.domain)),
                ("error.code", .int(Int64(error.code))),
                ("obsbridge.redactions", .string(error.redactions.joined(separator: ","))),
                ("obsbridge.truncated", .bool(error.truncated)),
            ],
            traceID: error.traceID, spanID: error.spanID, flags: .sampled)
    }
}
