public import ObsCollector

/// Replays an OTLP recording through the live view: spans are counted as the recording's clock,
/// run at ``speed`` times real time, passes their end, into the same per-operation statistics a
/// collector keeps, and ``snapshot(atRealElapsed:)`` hands the `top` screen a snapshot dated on
/// the recording's clock, so calls/s are those of the recording.
///
/// Memory: the statistics per operation, and one line's spans. Spans are taken line by line,
/// each line's in order of their end; a line that ends earlier than one before it is counted as
/// soon as it is read.
public final class RecordingReplay {
    /// Recording seconds per real second.
    public let speed: Double
    /// The recording's name, for the screen.
    public let name: String
    /// Whether every span has been counted.
    public private(set) var finished = false
    /// Spans counted so far.
    public private(set) var spansReplayed: UInt64 = 0

    private let stream: OTLPSpanStream
    private var waiting: [RecordedSpan] = []
    private var waitingIndex = 0
    private var operations: [String: OperationStats] = [:]
    private var recentErrors: [ErrorRecord] = []
    private var origin: UInt64?
    private var clock: UInt64 = 0
    private var service = "replay"

    /// Replays `stream` at `speed` (at least 0.001) times real time.
    public init(_ stream: OTLPSpanStream, speed: Double) {
        self.stream = stream
        self.name = stream.input
        self.speed = max(0.001, speed)
    }

    /// The recording's time now, in Unix nanoseconds (its first span's end until the replay starts).
    public var recordingTime: UInt64 { clock }

    /// What reading found besides the spans (broken rules, a cut last line).
    public var diagnostics: RecordingDiagnostics { stream.diagnostics }

    /// Moves the recording's clock to `nanoseconds` of real time after the replay began, times
    /// ``speed``, counts every span that has ended by then, and returns the state.
    ///
    /// - Throws: ``RecordingError`` from the recording.
    public func snapshot(atRealElapsed nanoseconds: UInt64) throws(RecordingError) -> CollectorSnapshot {
        if origin == nil {
            try fillWaiting()
            origin = waiting.first.map(\.endUnixNano) ?? 0
            clock = origin!
        }
        // The recording's clock saturates at the end of time rather than wrapping around.
        let advance = Double(nanoseconds) * speed
        let room = UInt64.max - origin!
        let target = advance >= Double(room) ? UInt64.max : origin! + min(room, UInt64(advance))
        clock = max(clock, target)
        while !finished {
            if waitingIndex == waiting.count { try fillWaiting() }
            guard waitingIndex < waiting.count, waiting[waitingIndex].endUnixNano <= clock else { break }
            count(waiting[waitingIndex])
            waitingIndex += 1
        }
        if finished, let last = waiting.last?.endUnixNano { clock = max(clock, last) }
        return makeSnapshot()
    }

    /// A line of spans, in order of their end; sets ``finished`` at the end of the recording.
    private func fillWaiting() throws(RecordingError) {
        waiting.removeAll(keepingCapacity: true)
        waitingIndex = 0
        guard let spans = try stream.next() else {
            finished = true
            return
        }
        waiting = spans.sorted { $0.endUnixNano < $1.endUnixNano }
    }

    private func count(_ span: RecordedSpan) {
        spansReplayed += 1
        if !span.service.isEmpty { service = span.service }
        var name = span.name
        if operations[name] == nil, operations.count >= SummaryAccumulator.operationLimit {
            name = Collector.overflowOperationName
        }
        var stats =
            operations[name] ?? OperationStats(id: UInt32(operations.count), name: TerminalText.neutralize(name))
        stats.record(durationNanoseconds: span.durationNanoseconds, failed: span.failed)
        if stats.kind == .unknown { stats.kind = span.kind }
        if let error = span.error {
            let key = ErrorKey(domain: error.errorClass.domain, code: Int32(clamping: error.errorClass.code ?? 0))
            if stats.errorCounts[key] != nil || stats.errorCounts.count < 64 { stats.errorCounts[key, default: 0] += 1 }
            recentErrors.append(
                ErrorRecord(
                    timeUnixNano: span.endUnixNano, traceID: span.traceID, spanID: span.spanID, operation: name,
                    status: error.status ?? "", domain: key.domain, code: key.code,
                    message: SummaryAccumulator.sample(error.message ?? ""), redactions: [], truncated: false))
            if recentErrors.count > 32 { recentErrors.removeFirst(recentErrors.count - 16) }
        }
        operations[name] = stats
    }

    private func makeSnapshot() -> CollectorSnapshot {
        CollectorSnapshot(
            generatedAtUnixNano: clock, startedAtUnixNano: origin ?? clock, clockSource: "replay",
            resource: ResourceInfo(serviceName: service),
            counters: SourceCounters(emitted: spansReplayed, collected: spansReplayed),
            operations: operations.values.map(OperationSnapshot.init).sorted { $0.name < $1.name },
            recentErrors: Array(recentErrors.suffix(16)))
    }
}
