/// Encodes spans, metrics and logs as OpenTelemetry OTLP JSON: one `TracesData`, `MetricsData` or
/// `LogsData` object per line, as the OpenTelemetry Collector's `otlpjsonfile` receiver reads them.
///
/// Follows the OTLP/JSON rules: ids are lowercase hex, 64-bit integers are decimal strings, enums are
/// numbers, keys are lowerCamelCase. Durations in metrics are seconds (`unit: "s"`).
public enum OTLPJSON {
    /// The instrumentation scope every line names.
    static let scope = "{\"name\":\"obsbridge\",\"version\":\"\(ObsBridgeVersion.current)\"}"

    /// One `MetricsData` line (no newline) with the snapshot's cumulative metrics.
    public static func metrics(_ snapshot: CollectorSnapshot) -> String {
        let start = "\"startTimeUnixNano\":\"\(snapshot.startedAtUnixNano)\""
        let time = "\"timeUnixNano\":\"\(snapshot.generatedAtUnixNano)\""
        var metrics: [String] = []

        var points: [String] = []
        for operation in snapshot.operations {
            let histogram = operation.histogram
            let buckets = ExponentialBuckets.buckets(of: histogram)  // OTLPJSON+Exponential.swift
            var point = "{\"attributes\":[\(attribute("operation", .string(operation.name)))],"
            point += "\(start),\(time),\"count\":\"\(histogram.count)\""
            point += ",\"sum\":\(JSONText.number(Double(histogram.sum) / 1e9))"
            point += ",\"scale\":\(ExponentialBuckets.scale),\"zeroCount\":\"\(buckets.zero)\""
            point += ",\"positive\":{\"offset\":\(buckets.offset)"
            point += ",\"bucketCounts\":[\(buckets.counts.map { "\"\($0)\"" }.joined(separator: ","))]}"
            if histogram.count > 0 {
                point += ",\"min\":\(JSONText.number(Double(histogram.min) / 1e9))"
                point += ",\"max\":\(JSONText.number(Double(histogram.max) / 1e9))"
            }
            points.append(point + "}")
        }
        metrics.append(
            "{\"name\":\"obsbridge.call.duration\",\"description\":\"Duration of native calls through ObsBridge.\",\"unit\":\"s\",\"exponentialHistogram\":{\"aggregationTemporality\":2,\"dataPoints\":[\(points.joined(separator: ","))]}}"
        )

        func sum(_ name: String, _ description: String, _ points: [(attributes: String, value: UInt64)]) {
            let body = points.map { "{\"attributes\":[\($0.attributes)],\(start),\(time),\"asInt\":\"\($0.value)\"}" }
            metrics.append(
                "{\"name\":\"\(name)\",\"description\":\"\(description)\",\"unit\":\"1\",\"sum\":{\"aggregationTemporality\":2,\"isMonotonic\":true,\"dataPoints\":[\(body.joined(separator: ","))]}}"
            )
        }
        sum(
            "obsbridge.calls", "Native calls finished.",
            snapshot.operations.map {
                (attribute("operation", .string($0.name)), $0.calls)
            })
        sum(
            "obsbridge.call.failures", "Native calls that returned a failing status.",
            snapshot.operations.map { (attribute("operation", .string($0.name)), $0.errors) })
        sum(
            "obsbridge.errors", "Error records by domain and code.",
            snapshot.operations.flatMap { operation in
                operation.errorCounts.map {
                    (
                        [
                            attribute("operation", .string(operation.name)),
                            attribute("error.domain", .string($0.domain)),
                            attribute("error.code", .int(Int64($0.code))),
                        ].joined(separator: ","), $0.count
                    )
                }
            })
        let counters = snapshot.counters
        sum("obsbridge.spans.emitted", "Spans offered to the rings.", [("", counters.emitted)])
        sum("obsbridge.spans.collected", "Spans drained by the collector.", [("", counters.collected)])
        sum("obsbridge.spans.dropped", "Spans dropped because a ring was full.", [("", counters.dropped)])
        sum(
            "obsbridge.error_records.emitted", "Error records offered to the error channel.",
            [("", counters.errorsEmitted)])
        sum(
            "obsbridge.error_records.collected", "Error records drained by the collector.",
            [("", counters.errorsCollected)])
        sum(
            "obsbridge.error_records.dropped", "Error records dropped because the error channel was full.",
            snapshot.operations.map {
                (attribute("operation", .string($0.name)), $0.errorRecordsDropped ?? 0)
            })
        let export = snapshot.spanExport ?? SpanExportCounts()
        sum("obsbridge.export.spans.kept", "Spans kept for the span exporter.", [("", export.kept)])
        sum(
            "obsbridge.export.spans.dropped", "Spans selected for export that did not fit in the export buffer.",
            [("", export.dropped)])
        metrics += limitMetrics(snapshot, start: start, time: time)  // OTLPJSON+Limits.swift

        var out = "{\"resourceMetrics\":[{\"resource\":"
        out += resource(snapshot.resource)
        out += ",\"scopeMetrics\":[{\"scope\":\(scope),\"metrics\":[\(metrics.joined(separator: ","))]}]}]}"
        return out
    }

    static func resource(_ resource: ResourceInfo) -> String {
        var attributes = [
            attribute("service.name", .string(resource.serviceName)),
            attribute("telemetry.sdk.name", .string("obsbridge")),
            attribute("telemetry.sdk.version", .string(resource.buildVersion)),
        ]
        if let abi = resource.abiVersion {
            attributes.append(attribute("obsbridge.abi_version", .int(Int64(abi))))
        }
        return "{\"attributes\":[\(attributes.joined(separator: ","))]}"
    }

    static func attribute(_ key: String, _ value: AttributeValue) -> String {
        let out = JSONBuffer()
        appendAttribute(key, value, to: out)
        return out.text
    }

    /// Appends one OTLP `KeyValue` object to `out`.
    static func appendAttribute(_ key: String, _ value: AttributeValue, to out: JSONBuffer) {
        out.append("{\"key\":")
        out.appendString(key)
        out.append(",\"value\":{")
        switch value {
        case .string(let text):
            out.append("\"stringValue\":")
            out.appendString(text)
        case .int(let number):
            out.append("\"intValue\":\"")
            out.appendDecimal(number)
            out.append("\"")
        case .double(let number):
            out.append("\"doubleValue\":")
            out.appendRaw(JSONText.number(number))
        case .bool(let flag): out.append(flag ? "\"boolValue\":true" : "\"boolValue\":false")
        }
        out.append("}}")
    }

    static func kindName(_ kind: SpanKind) -> String {
        switch kind {
        case .boundary: "boundary"
        case .child: "child"
        case .caller: "caller"
        case .unknown: "unknown"
        }
    }
}
