/// Encodes spans, metrics and logs as OpenTelemetry OTLP JSON: one `TracesData`, `MetricsData` or
/// `LogsData` object per line, as the OpenTelemetry Collector's `otlpjsonfile` receiver reads them.
///
/// Follows the OTLP/JSON rules: ids are lowercase hex, 64-bit integers are decimal strings, enums are
/// numbers, keys are lowerCamelCase. Durations in metrics are seconds (`unit: "s"`).
public enum OTLPJSON {
    /// The instrumentation scope every line names.
    static let scope = "{\"name\":\"obsbridge\",\"version\":\"\(ObsBridgeVersion.current)\"}"

    /// One `TracesData` line (no newline) holding `spans`.
    public static func traces(_ spans: [ExportedSpan], resource: ResourceInfo) -> String {
        var out = "{\"resourceSpans\":[{\"resource\":"
        out.reserveCapacity(512 + spans.count * 420)
        out += self.resource(resource)
        out += ",\"scopeSpans\":[{\"scope\":\(scope),\"spans\":["
        for (index, span) in spans.enumerated() {
            if index > 0 { out += "," }
            let record = span.record
            out += "{\"traceId\":\"\(record.traceID.hex)\",\"spanId\":\"\(record.spanID.hex)\""
            if record.parentSpanID.isValid {
                out += ",\"parentSpanId\":\"\(record.parentSpanID.hex)\""
            }
            // Bits 8 and 9: "whether the parent is remote" is known, and its value.
            let remote: UInt32 = record.parentIsRemote ? 0x300 : 0x100
            out += ",\"flags\":\(UInt32(record.flags.rawValue) | remote),\"name\":"
            JSONText.appendString(span.name, to: &out)
            out += ",\"kind\":1,\"startTimeUnixNano\":\"\(span.startUnixNano)\""
            out += ",\"endTimeUnixNano\":\"\(span.endUnixNano)\",\"attributes\":["
            appendAttribute("obsbridge.span.kind", .string(kindName(record.kind)), to: &out)
            out += ","
            appendAttribute("obsbridge.thread", .int(Int64(record.threadIndex)), to: &out)
            if record.isFailure {
                let status = BridgeStatus(rawValue: record.status).name
                out += ","
                appendAttribute("obsbridge.status", .string(status), to: &out)
                if let error = span.error {
                    out += ","
                    appendFailureAttributes(error, to: &out)
                } else {
                    out += ","
                    appendAttribute("error.type", .string(status), to: &out)
                }
                out += "],\"status\":{\"code\":2,\"message\":"
                JSONText.appendString(span.error?.message ?? status, to: &out)
                out += "}}"
            } else {
                out += "],\"status\":{}}"
            }
        }
        out += "]}]}]}"
        return out
    }

    /// Appends a failed span's error as attributes, following OpenTelemetry's semantic conventions:
    /// `error.type` is the error's class (`domain:code`, or `panic`), and the domain, code and the
    /// sanitizer rules that fired are ObsBridge's own attributes. The sanitized message is the span
    /// status's message.
    static func appendFailureAttributes(_ error: ErrorRecord, to out: inout String) {
        let type = error.domain == "panic" ? "panic" : "\(error.domain):\(error.code)"
        appendAttribute("error.type", .string(type), to: &out)
        out += ","
        appendAttribute("obsbridge.error.domain", .string(error.domain), to: &out)
        out += ","
        appendAttribute("obsbridge.error.code", .int(Int64(error.code)), to: &out)
        if !error.redactions.isEmpty {
            out += ","
            appendAttribute("obsbridge.error.redactions", .string(error.redactions.joined(separator: ",")), to: &out)
        }
    }

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

    /// One `LogsData` line (no newline) holding `records`.
    public static func logs(_ records: [LogRecord], resource: ResourceInfo) -> String {
        var out = "{\"resourceLogs\":[{\"resource\":"
        out += self.resource(resource)
        out += ",\"scopeLogs\":[{\"scope\":\(scope),\"logRecords\":["
        for (index, record) in records.enumerated() {
            if index > 0 { out += "," }
            out += "{\"timeUnixNano\":\"\(record.timeUnixNano)\""
            out += ",\"observedTimeUnixNano\":\"\(record.observedTimeUnixNano)\""
            out += ",\"severityNumber\":\(record.severity.rawValue),\"severityText\":\"\(record.severity.text)\""
            out += ",\"body\":{\"stringValue\":"
            JSONText.appendString(record.body, to: &out)
            out += "},\"attributes\":["
            out += record.attributes.map { attribute($0.key, $0.value) }.joined(separator: ",")
            out += "]"
            if let traceID = record.traceID, let spanID = record.spanID {
                out += ",\"traceId\":\"\(traceID.hex)\",\"spanId\":\"\(spanID.hex)\""
                out += ",\"flags\":\(record.flags.rawValue)"
            }
            out += "}"
        }
        out += "]}]}]}"
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
        var out = ""
        appendAttribute(key, value, to: &out)
        return out
    }

    /// Appends one OTLP `KeyValue` object to `out`.
    static func appendAttribute(_ key: String, _ value: AttributeValue, to out: inout String) {
        out += "{\"key\":"
        JSONText.appendString(key, to: &out)
        out += ",\"value\":{"
        switch value {
        case .string(let text):
            out += "\"stringValue\":"
            JSONText.appendString(text, to: &out)
        case .int(let number): out += "\"intValue\":\"\(number)\""
        case .double(let number): out += "\"doubleValue\":\(JSONText.number(number))"
        case .bool(let flag): out += "\"boolValue\":\(flag)"
        }
        out += "}}"
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
