import Foundation

/// The families that show ObsBridge's own limits, and the bound they put on the exposition.
///
/// Families (written when the snapshot has them):
/// - `obsbridge_operations`, `obsbridge_operation_limit` gauges; `obsbridge_operations_overflowed_total`
///   (distinct operations recorded under `obsbridge.overflow`) and `obsbridge_overflow_calls_total`
/// - `obsbridge_error_series`, `obsbridge_error_series_limit` gauges;
///   `obsbridge_error_records_overflowed_total`
/// - `obsbridge_collector_memory_bytes` gauge
/// - by `output` and `path`: `obsbridge_output_written_{records,bytes}_total`,
///   `obsbridge_output_lost_{records,bytes}_total` (by `reason`: `write_failed`, `rotated_away`),
///   `obsbridge_output_rotations_total`, `obsbridge_output_reopens_total`, and the disk bound
///   `obsbridge_output_disk_limit_bytes` of a rotated output
extension PrometheusText {
    /// Appends the limit and output families of `snapshot` to `out`.
    static func renderLimits(_ snapshot: CollectorSnapshot, into out: inout String) {
        if let status = snapshot.cardinality {
            let rows: [(String, String, String, UInt64)] = [
                ("obsbridge_operations", "gauge", "Operations with series of their own.", UInt64(status.operations)),
                (
                    "obsbridge_operation_limit", "gauge",
                    "Operations with series of their own at most; later ones go to obsbridge.overflow.",
                    UInt64(status.operationLimit)
                ),
                (
                    "obsbridge_operations_overflowed_total", "counter",
                    "Distinct operations recorded under obsbridge.overflow because the limit was reached.",
                    status.overflowedOperations
                ),
                (
                    "obsbridge_overflow_calls_total", "counter",
                    "Calls recorded under obsbridge.overflow.", status.overflowCalls
                ),
                (
                    "obsbridge_error_series", "gauge", "Distinct error series by operation, domain and code.",
                    UInt64(status.errorSeries)
                ),
                (
                    "obsbridge_error_series_limit", "gauge", "Error series at most.",
                    UInt64(status.errorSeriesLimit)
                ),
                (
                    "obsbridge_error_records_overflowed_total", "counter",
                    "Error records counted under domain obsbridge.overflow because the limit was reached.",
                    status.overflowedErrorRecords
                ),
                (
                    "obsbridge_collector_memory_bytes", "gauge",
                    "Bytes held by the collector's tables and buffers.", status.memoryBytes
                ),
            ]
            for (name, type, help, value) in rows {
                header(&out, name, type, help)
                out += "\(name) \(value)\n"
            }
        }
        guard let outputs = snapshot.outputs, !outputs.isEmpty else { return }
        func perOutput(
            _ name: String, _ type: String, _ help: String,
            _ values: (OutputStatistics) -> [(reason: String?, value: UInt64)]
        ) {
            header(&out, name, type, help)
            for output in outputs {
                for (reason, value) in values(output) {
                    out += "\(name){output=\"\(label(output.output))\",path=\"\(label(output.path))\""
                    if let reason { out += ",reason=\"\(reason)\"" }
                    out += "} \(value)\n"
                }
            }
        }
        perOutput("obsbridge_output_written_records_total", "counter", "Records appended to an output file.") {
            [(nil, $0.writtenRecords)]
        }
        perOutput("obsbridge_output_written_bytes_total", "counter", "Bytes appended to an output file.") {
            [(nil, $0.writtenBytes)]
        }
        perOutput(
            "obsbridge_output_lost_records_total", "counter",
            "Records lost: not written (full disk, size limit, refused file) or deleted by rotation."
        ) { [("write_failed", $0.lostRecords), ("rotated_away", $0.rotatedAwayRecords)] }
        perOutput(
            "obsbridge_output_lost_bytes_total", "counter",
            "Bytes lost: not written (full disk, size limit, refused file) or deleted by rotation."
        ) { [("write_failed", $0.lostBytes), ("rotated_away", $0.rotatedAwayBytes)] }
        perOutput("obsbridge_output_rotations_total", "counter", "Size-based rotations of an output file.") {
            [(nil, $0.rotations)]
        }
        perOutput(
            "obsbridge_output_reopens_total", "counter",
            "Times an output file was opened again (moved away, replaced, or reopen())."
        ) { [(nil, $0.reopens)] }
        perOutput(
            "obsbridge_output_disk_limit_bytes", "gauge",
            "Bytes an output holds on disk at most (current file and backups), when it rotates."
        ) { output in output.rotation.map { [(nil, $0.maximumDiskBytes)] } ?? [] }
    }

    /// The largest exposition a collector can write, whatever operation names, error domains and
    /// codes it is fed: with the limits, resource, clock and outputs of `snapshot`, every counter at
    /// its widest, `operationLimit` operations plus the overflow operation, each with the longest
    /// name that needs the most escaping, and every error series (plus one overflow series per
    /// operation) with the longest domain and code.
    ///
    /// Computed by rendering that worst case, so it follows the format.
    ///
    /// - Returns: Lines and bytes at most.
    public static func maximumSize(of snapshot: CollectorSnapshot) -> (lines: Int, bytes: Int) {
        let widest: UInt64 = 10_000_000_000_000_000_000  // 20 digits, as wide as UInt64 gets
        var base = snapshot
        base.operations = []
        base.counters = SourceCounters(
            emitted: .max, collected: widest, dropped: widest, ringsLive: widest, ringsRetired: widest,
            errorsEmitted: widest, errorsCollected: widest, errorsDropped: widest)
        if var status = base.cardinality {
            status.operations = status.operationLimit
            status.errorSeries = status.errorSeriesLimit
            for keyPath in [
                \CardinalityStatus.overflowedOperations, \.overflowCalls, \.overflowedErrorRecords, \.memoryBytes,
            ] {
                status[keyPath: keyPath] = widest
            }
            base.cardinality = status
        }
        base.outputs = base.outputs?.map { output in
            var output = output
            for keyPath in [
                \OutputStatistics.writtenRecords, \.writtenBytes, \.lostRecords, \.lostBytes, \.rotatedAwayRecords,
                \.rotatedAwayBytes, \.rotations, \.reopens,
            ] {
                output[keyPath: keyPath] = widest
            }
            return output
        }
        let histogramJSON =
            #"{"count":\#(widest),"sum":\#(UInt64.max),"min":1,"max":1,"overflow":0,"buckets":[[1,\#(widest)]]}"#
        var stats = OperationStats(
            id: 1, name: String(repeating: "\"", count: Collector.maximumNameBytes))
        stats.calls = widest
        stats.errors = widest
        stats.histogram =
            (try? JSONDecoder().decode(LatencyHistogram.self, from: Data(histogramJSON.utf8))) ?? stats.histogram
        var withOperation = base
        withOperation.operations = [OperationSnapshot(stats)]
        var recent = RecentQuantiles(LatencyHistogram())  // the widest quantiles
        (recent.count, recent.p50Ns, recent.p90Ns, recent.p99Ns, recent.p999Ns, recent.maxNs) =
            (widest, .max, .max, .max, .max, .max)
        withOperation.operations[0].recent = recent
        var withError = withOperation
        withError.operations[0].errorCounts = [
            ErrorCount(
                domain: String(repeating: "\"", count: Collector.maximumDomainBytes), code: .min, count: widest)
        ]
        func size(_ snapshot: CollectorSnapshot) -> (lines: Int, bytes: Int) {
            let text = render(snapshot)
            return (text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }, text.utf8.count)
        }
        let empty = size(base)
        let one = size(withOperation)
        let error = size(withError)
        let limit = snapshot.cardinality?.operationLimit ?? Collector.Configuration().operationLimit
        let errorLimit = snapshot.cardinality?.errorSeriesLimit ?? Collector.Configuration().errorSeriesLimit
        let operations = limit + 1
        let errorSeries = errorLimit + operations
        return (
            empty.lines + operations * (one.lines - empty.lines) + errorSeries * (error.lines - one.lines),
            empty.bytes + operations * (one.bytes - empty.bytes) + errorSeries * (error.bytes - one.bytes)
        )
    }

    private static func header(_ out: inout String, _ name: String, _ type: String, _ help: String) {
        out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }
}
