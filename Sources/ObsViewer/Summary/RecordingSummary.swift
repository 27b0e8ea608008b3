public import ObsCollector

/// What `obsbridge summary` shows about a recording: per-operation latency, errors by domain and
/// code, the loss the recording records, and what could not be read.
public struct RecordingSummary: Sendable {
    /// What the recording was.
    public enum Source: String, Sendable {
        /// OTLP JSON Lines traces.
        case otlp
        /// An ObsBridge snapshot.
        case snapshot
    }

    /// What the recording was.
    public var source: Source
    /// One entry per operation, sorted by name.
    public var operations: [OperationSummary]
    /// Failures by operation and error class, most frequent first.
    public var errors: [ErrorTally]
    /// The loss the recording (or, for OTLP, its metrics) records; `nil` when it records none.
    public var drops: DropReport?
    /// For OTLP: lines, spans, broken rules and a cut last line. Empty for a snapshot.
    public var diagnostics: RecordingDiagnostics
    /// The earliest start and the latest end, in Unix nanoseconds (a snapshot: the collector's
    /// start and the snapshot's time); `nil` when nothing was recorded.
    public var timeRange: ClosedRange<UInt64>?
    /// The services named by the recording's resources (at most ten).
    public var services: [String]

    /// Creates a summary; every field is stated.
    public init(
        source: Source, operations: [OperationSummary], errors: [ErrorTally], drops: DropReport?,
        diagnostics: RecordingDiagnostics, timeRange: ClosedRange<UInt64>?, services: [String]
    ) {
        self.source = source
        self.operations = operations
        self.errors = errors
        self.drops = drops
        self.diagnostics = diagnostics
        self.timeRange = timeRange
        self.services = services
    }

    /// The latency table's rows, sorted by name.
    public var rows: [LatencyRow] { operations.map(\.row) }

    /// Calls, child spans and Swift spans, counted apart.
    public var totals: SpanTotals {
        var totals = SpanTotals()
        for operation in operations {
            totals.add(kind: operation.kind, count: operation.calls, failed: operation.errors)
        }
        return totals
    }

    /// Sentences for people about what was not read or not counted.
    public var warnings: [String] { diagnostics.warnings }
}

/// One operation's calls, failures and latency histogram.
public struct OperationSummary: Sendable, Equatable {
    /// The operation's name as recorded.
    public var name: String
    /// Failed calls.
    public var errors: UInt64
    /// The latency of every call (≤ 1% relative error; its count is the calls).
    public var histogram: LatencyHistogram
    /// What produced the operation's spans (see ``SpanTotals``): calls are the boundary spans.
    public var kind: SpanKind

    /// Creates an operation's summary.
    public init(name: String, errors: UInt64, histogram: LatencyHistogram, kind: SpanKind = .boundary) {
        self.name = name
        self.errors = errors
        self.histogram = histogram
        self.kind = kind
    }

    /// Calls recorded.
    public var calls: UInt64 { histogram.count }

    /// The latency table's row.
    public var row: LatencyRow { LatencyRow(name: name, errors: errors, histogram: histogram, kind: kind) }
}

/// How often one operation failed with one error class, with a few of its (sanitized) messages.
public struct ErrorTally: Sendable, Hashable {
    /// The operation's name.
    public var operation: String
    /// The domain and code.
    public var errorClass: ErrorClass
    /// Failures.
    public var count: UInt64
    /// Up to three distinct messages, sanitized again with the standard rules.
    public var samples: [String]

    /// Creates a tally.
    public init(operation: String, errorClass: ErrorClass, count: UInt64, samples: [String]) {
        self.operation = operation
        self.errorClass = errorClass
        self.count = count
        self.samples = samples
    }
}

/// The loss a recording records: spans dropped at the rings, error records dropped, records its
/// output files lost.
public struct DropReport: Sendable, Hashable {
    /// Spans offered to the rings.
    public var spansEmitted: UInt64?
    /// Spans the collector drained.
    public var spansCollected: UInt64?
    /// Spans dropped at full rings.
    public var spansDropped: UInt64?
    /// Error records dropped at the full error channel.
    public var errorsDropped: UInt64?
    /// Records the output files could not write or rotated away.
    public var outputRecordsLost: UInt64?
    /// Where the numbers come from (`the snapshot's counters`, a metrics file's name).
    public var origin: String

    /// Creates a report.
    public init(
        spansEmitted: UInt64? = nil, spansCollected: UInt64? = nil, spansDropped: UInt64? = nil,
        errorsDropped: UInt64? = nil, outputRecordsLost: UInt64? = nil, origin: String
    ) {
        self.spansEmitted = spansEmitted
        self.spansCollected = spansCollected
        self.spansDropped = spansDropped
        self.errorsDropped = errorsDropped
        self.outputRecordsLost = outputRecordsLost
        self.origin = origin
    }

    /// Whether anything was lost.
    public var anyLost: Bool {
        (spansDropped ?? 0) > 0 || (errorsDropped ?? 0) > 0 || (outputRecordsLost ?? 0) > 0
    }
}
