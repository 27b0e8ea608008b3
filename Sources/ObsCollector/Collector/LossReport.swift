/// Everything recorded that did not reach the collector or an output, by where it was lost: the one
/// place the final table, `summary`, `top` and the exports read losses from, so they agree.
public struct LossReport: Sendable, Hashable {
    /// Spans dropped because a thread's ring was full.
    public var spansDropped: UInt64
    /// Spans recorded and not collected yet.
    public var spansPending: UInt64
    /// Error records dropped because the error channel was full.
    public var errorRecordsDropped: UInt64
    /// Error records produced and not collected yet.
    public var errorRecordsPending: UInt64
    /// Spans selected for export that did not fit in the export buffer.
    public var exportSpansDropped: UInt64
    /// Records that an output file lost: writes that failed (full disk, unwritable path) and,
    /// for rotated files, records in backups deleted by rotation.
    public var outputRecordsLost: UInt64
    /// Records in backups that size-based rotation deleted, as configured (bounded disk).
    public var outputRecordsRotatedAway: UInt64
    /// A library whose calls are not recorded at all (built on another ABI version), or `nil`.
    public var unrecordedLibrary: String?

    /// The losses a snapshot records (its exporter's outputs included, when it has them).
    public init(_ snapshot: CollectorSnapshot) {
        spansDropped = snapshot.counters.dropped
        spansPending = snapshot.counters.pending
        errorRecordsDropped = snapshot.counters.errorsDropped
        errorRecordsPending = snapshot.counters.errorsPending
        exportSpansDropped = snapshot.spanExport?.dropped ?? 0
        outputRecordsLost = (snapshot.outputs ?? []).reduce(0) { $0 &+ $1.lostRecords }
        outputRecordsRotatedAway = (snapshot.outputs ?? []).reduce(0) { $0 &+ $1.rotatedAwayRecords }
        unrecordedLibrary = snapshot.incompatibleLibrary
    }

    /// Whether nothing was lost (pending records are not lost, only late).
    public var isEmpty: Bool {
        spansDropped == 0 && errorRecordsDropped == 0 && exportSpansDropped == 0 && outputRecordsLost == 0
            && unrecordedLibrary == nil
    }

    /// One line for people: `lost: nothing` or every non-zero loss with its reason.
    public var summary: String {
        var parts: [String] = []
        if spansDropped > 0 { parts.append("\(spansDropped) spans (ring full)") }
        if errorRecordsDropped > 0 { parts.append("\(errorRecordsDropped) error records (error channel full)") }
        if exportSpansDropped > 0 { parts.append("\(exportSpansDropped) spans not exported (export buffer full)") }
        if outputRecordsLost > 0 { parts.append("\(outputRecordsLost) records lost by output files") }
        if outputRecordsRotatedAway > 0 { parts.append("\(outputRecordsRotatedAway) records rotated away") }
        if let library = unrecordedLibrary { parts.append("every call of \(library)") }
        let lost = parts.isEmpty ? "lost: nothing" : "lost: " + parts.joined(separator: ", ")
        let pending = spansPending + errorRecordsPending
        return pending > 0 ? lost + "; pending: \(spansPending) spans, \(errorRecordsPending) error records" : lost
    }
}
