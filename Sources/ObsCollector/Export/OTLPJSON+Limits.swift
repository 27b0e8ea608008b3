/// The OTLP metrics that show ObsBridge's own limits and outputs (the same facts as
/// `PrometheusText+Limits.swift`):
/// - gauges `obsbridge.operations`, `obsbridge.operations.limit`, `obsbridge.error_series`,
///   `obsbridge.error_series.limit`, `obsbridge.collector.memory` (bytes);
/// - sums `obsbridge.operations.overflowed`, `obsbridge.overflow.calls`,
///   `obsbridge.error_records.overflowed`;
/// - by `output` and `path`: sums `obsbridge.output.written.records`, `obsbridge.output.written.bytes`,
///   `obsbridge.output.lost.records`, `obsbridge.output.lost.bytes` (by `reason`),
///   `obsbridge.output.rotations`, `obsbridge.output.reopens`.
extension OTLPJSON {
    /// The limit and output metrics of `snapshot`, each a JSON `Metric` object.
    ///
    /// - Parameters:
    ///   - snapshot: The snapshot.
    ///   - start: The `"startTimeUnixNano":"…"` member of every cumulative point.
    ///   - time: The `"timeUnixNano":"…"` member of every point.
    static func limitMetrics(_ snapshot: CollectorSnapshot, start: String, time: String) -> [String] {
        var metrics: [String] = []
        func point(_ attributes: [String], _ value: UInt64, cumulative: Bool) -> String {
            "{\"attributes\":[\(attributes.joined(separator: ","))],"
                + (cumulative ? "\(start)," : "") + "\(time),\"asInt\":\"\(value)\"}"
        }
        func gauge(_ name: String, _ description: String, _ unit: String, _ value: UInt64) {
            metrics.append(
                "{\"name\":\"\(name)\",\"description\":\"\(description)\",\"unit\":\"\(unit)\","
                    + "\"gauge\":{\"dataPoints\":[\(point([], value, cumulative: false))]}}")
        }
        func sum(_ name: String, _ description: String, _ unit: String, _ points: [([String], UInt64)]) {
            let body = points.map { point($0.0, $0.1, cumulative: true) }.joined(separator: ",")
            metrics.append(
                "{\"name\":\"\(name)\",\"description\":\"\(description)\",\"unit\":\"\(unit)\","
                    + "\"sum\":{\"aggregationTemporality\":2,\"isMonotonic\":true,\"dataPoints\":[\(body)]}}")
        }
        if let status = snapshot.cardinality {
            gauge("obsbridge.operations", "Operations with series of their own.", "1", UInt64(status.operations))
            gauge(
                "obsbridge.operations.limit", "Operations with series of their own at most.", "1",
                UInt64(status.operationLimit))
            sum(
                "obsbridge.operations.overflowed", "Distinct operations recorded under obsbridge.overflow.", "1",
                [([], status.overflowedOperations)])
            sum(
                "obsbridge.overflow.calls", "Calls recorded under obsbridge.overflow.", "1",
                [([], status.overflowCalls)])
            gauge("obsbridge.error_series", "Distinct error series.", "1", UInt64(status.errorSeries))
            gauge("obsbridge.error_series.limit", "Error series at most.", "1", UInt64(status.errorSeriesLimit))
            sum(
                "obsbridge.error_records.overflowed", "Error records counted under domain obsbridge.overflow.", "1",
                [([], status.overflowedErrorRecords)])
            gauge(
                "obsbridge.collector.memory", "Bytes held by the collector's tables and buffers.", "By",
                status.memoryBytes)
        }
        guard let outputs = snapshot.outputs, !outputs.isEmpty else { return metrics }
        func names(_ output: OutputStatistics) -> [String] {
            [attribute("output", .string(output.output)), attribute("path", .string(output.path))]
        }
        func reason(_ text: String) -> String { attribute("reason", .string(text)) }
        sum(
            "obsbridge.output.written.records", "Records appended to an output file.", "1",
            outputs.map { (names($0), $0.writtenRecords) })
        sum(
            "obsbridge.output.written.bytes", "Bytes appended to an output file.", "By",
            outputs.map { (names($0), $0.writtenBytes) })
        sum(
            "obsbridge.output.lost.records", "Records not written or deleted by rotation.", "1",
            outputs.flatMap {
                [
                    (names($0) + [reason("write_failed")], $0.lostRecords),
                    (names($0) + [reason("rotated_away")], $0.rotatedAwayRecords),
                ]
            })
        sum(
            "obsbridge.output.lost.bytes", "Bytes not written or deleted by rotation.", "By",
            outputs.flatMap {
                [
                    (names($0) + [reason("write_failed")], $0.lostBytes),
                    (names($0) + [reason("rotated_away")], $0.rotatedAwayBytes),
                ]
            })
        sum("obsbridge.output.rotations", "Size-based rotations.", "1", outputs.map { (names($0), $0.rotations) })
        sum(
            "obsbridge.output.reopens", "Times an output file was opened again.", "1",
            outputs.map { (names($0), $0.reopens) })
        return metrics
    }
}
