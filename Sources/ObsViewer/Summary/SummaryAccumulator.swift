import ObsCollector

/// Builds a ``RecordingSummary`` from spans as they stream past, in memory bounded by the number
/// of operations and error classes, never by the number of spans: one fixed-size
/// ``LatencyHistogram`` (36 KiB, ≤ 1% relative error) per operation.
///
/// Operations past ``operationLimit`` are counted under `obsbridge.overflow`, as the collector
/// does; error series past ``errorSeriesLimit`` under the domain `obsbridge.overflow`.
struct SummaryAccumulator {
    /// Operations with a histogram of their own at most (the collector's default limit).
    static let operationLimit = 2000
    /// (operation, error class) pairs counted separately at most.
    static let errorSeriesLimit = 2000
    /// Distinct messages kept per error series.
    static let samplesPerSeries = 3
    /// The longest sample kept, in characters.
    static let sampleLength = 300

    private struct Operation {
        var histogram = LatencyHistogram()
        var errors: UInt64 = 0
        var kind = SpanKind.unknown
    }

    private struct ErrorSeries: Hashable {
        var operation: String
        var errorClass: ErrorClass
    }

    private var operations: [String: Operation] = [:]
    private var errors: [ErrorSeries: (count: UInt64, samples: [String])] = [:]
    private var earliest = UInt64.max
    private var latest: UInt64 = 0
    private var services: [String] = []

    /// Adds one span.
    mutating func add(_ span: RecordedSpan) {
        var name = span.name
        if operations[name] == nil, operations.count >= Self.operationLimit {
            name = Collector.overflowOperationName
        }
        operations[name, default: Operation()].histogram.record(span.durationNanoseconds)
        if operations[name]!.kind == .unknown { operations[name]!.kind = span.kind }
        earliest = min(earliest, span.startUnixNano)
        latest = max(latest, span.endUnixNano)
        if services.count < 10, !services.contains(span.service) { services.append(span.service) }
        guard let error = span.error else { return }
        operations[name]!.errors += 1
        var series = ErrorSeries(operation: name, errorClass: error.errorClass)
        if errors[series] == nil, errors.count >= Self.errorSeriesLimit {
            series.errorClass = ErrorClass(domain: Collector.overflowOperationName, code: nil)
        }
        var entry = errors[series] ?? (0, [])
        entry.count += 1
        // A message that only repeats the status name (a failure without an error record) is no example.
        // Messages are kept as recorded (cut) and sanitized once, when the summary is made: a
        // series may fail a million times with the same message.
        if entry.samples.count < Self.samplesPerSeries, let message = error.message, message != error.status,
            message != error.type
        {
            let raw = message.count > Self.sampleLength * 2 ? String(message.prefix(Self.sampleLength * 2)) : message
            if !entry.samples.contains(raw) { entry.samples.append(raw) }
        }
        errors[series] = entry
    }

    /// A message as an example: sanitized again with the standard rules (ObsBridge writes messages
    /// sanitized, but a recording may come from elsewhere), then cut to ``sampleLength``.
    static func sample(_ message: String) -> String {
        let clean = Sanitizer.standard.sanitize(message).text
        return clean.count > sampleLength ? String(clean.prefix(sampleLength)) + "…" : clean
    }

    /// The summary of every span added.
    func summary(diagnostics: RecordingDiagnostics, drops: DropReport?) -> RecordingSummary {
        RecordingSummary(
            source: .otlp,
            operations: operations.sorted { $0.key < $1.key }.map {
                OperationSummary(
                    name: $0.key, errors: $0.value.errors, histogram: $0.value.histogram, kind: $0.value.kind)
            },
            errors: errors.map {
                var samples: [String] = []
                for sample in $0.value.samples.map(Self.sample) where !samples.contains(sample) {
                    samples.append(sample)
                }
                return ErrorTally(
                    operation: $0.key.operation, errorClass: $0.key.errorClass, count: $0.value.count, samples: samples)
            }.sorted(by: ErrorTally.byCount),
            drops: drops, diagnostics: diagnostics, timeRange: earliest <= latest ? earliest...latest : nil,
            services: services.filter { !$0.isEmpty })
    }

    /// The summary of a snapshot: its operations, error counts and recent messages, and its
    /// counters.
    static func summary(of snapshot: CollectorSnapshot) -> RecordingSummary {
        var samples: [ErrorSeries: [String]] = [:]
        for record in snapshot.recentErrors {
            let series = ErrorSeries(
                operation: record.operation, errorClass: ErrorClass(domain: record.domain, code: Int64(record.code)))
            let sample = Self.sample(record.message)
            if samples[series, default: []].count < samplesPerSeries, !samples[series, default: []].contains(sample) {
                samples[series, default: []].append(sample)
            }
        }
        let errors = snapshot.operations.flatMap { operation in
            operation.errorCounts.map { count in
                let errorClass = ErrorClass(domain: count.domain, code: Int64(count.code))
                return ErrorTally(
                    operation: operation.name, errorClass: errorClass, count: count.count,
                    samples: samples[ErrorSeries(operation: operation.name, errorClass: errorClass)] ?? [])
            }
        }
        let counters = snapshot.counters
        let lost = snapshot.outputs.map { $0.reduce(UInt64(0)) { $0 &+ $1.lostRecords &+ $1.rotatedAwayRecords } }
        return RecordingSummary(
            source: .snapshot,
            operations: snapshot.operations.map {
                OperationSummary(name: $0.name, errors: $0.errors, histogram: $0.histogram, kind: $0.kind ?? .boundary)
            },
            errors: errors.sorted(by: ErrorTally.byCount),
            drops: DropReport(
                spansEmitted: counters.emitted, spansCollected: counters.collected, spansDropped: counters.dropped,
                errorsDropped: counters.errorsDropped, outputRecordsLost: lost, origin: "the snapshot's counters"),
            diagnostics: RecordingDiagnostics(),
            timeRange: snapshot.startedAtUnixNano <= snapshot.generatedAtUnixNano
                ? snapshot.startedAtUnixNano...snapshot.generatedAtUnixNano : nil,
            services: [snapshot.resource.serviceName])
    }
}

extension ErrorTally {
    /// Most frequent first, then by operation and class.
    static func byCount(_ a: ErrorTally, _ b: ErrorTally) -> Bool {
        if a.count != b.count { return a.count > b.count }
        if a.operation != b.operation { return a.operation < b.operation }
        return a.errorClass < b.errorClass
    }
}
