public import ObsCollector

extension TopScreen {
    /// The line about the collector's limits: operations against the limit, what overflowed, the
    /// memory held, and records lost by the output files; `nil` for a snapshot without them
    /// (written before 0.2.0).
    ///
    /// For example: `operations 2000/2000, 98000 more in obsbridge.overflow (98000 calls);
    /// memory 72.4 MiB; outputs lost 12 records`.
    public static func limitsLine(_ snapshot: CollectorSnapshot) -> String? {
        guard let status = snapshot.cardinality else { return nil }
        var line = "operations \(status.operations)/\(status.operationLimit)"
        if status.overflowedOperations > 0 || status.overflowCalls > 0 {
            line +=
                ", \(status.overflowedOperations) more in \(Collector.overflowOperationName) "
                + "(\(status.overflowCalls) calls)"
        }
        if status.overflowedErrorRecords > 0 {
            line += "; \(status.overflowedErrorRecords) error records past the series limit"
        }
        line += "; memory \(mebibytes(status.memoryBytes))"
        let outputs = snapshot.outputs ?? []
        let lost = outputs.reduce(UInt64(0)) { $0 &+ $1.lostRecords }
        let rotatedAway = outputs.reduce(UInt64(0)) { $0 &+ $1.rotatedAwayRecords }
        if lost > 0 { line += "; outputs lost \(lost) records" }
        if rotatedAway > 0 { line += "; \(rotatedAway) records rotated away" }
        return line
    }

    static func mebibytes(_ bytes: UInt64) -> String {
        let tenths = (bytes / 1024 * 10 + 512) / 1024
        return "\(tenths / 10).\(tenths % 10) MiB"
    }
}
