extension OTLPJSON {
    /// One `TracesData` line (no newline) holding `spans`.
    public static func traces(_ spans: [ExportedSpan], resource: ResourceInfo) -> String {
        let out = JSONBuffer(capacity: 512 + spans.count * 480)
        appendTraces(spans[...], resource: resource, to: out)
        return out.text
    }

    /// Appends ``traces(_:resource:)``'s line for `spans` to `out` (no newline).
    package static func appendTraces(
        _ spans: ArraySlice<ExportedSpan>, resource: ResourceInfo, to out: JSONBuffer
    ) {
        out.append("{\"resourceSpans\":[{\"resource\":")
        out.appendRaw(self.resource(resource))
        out.append(",\"scopeSpans\":[{\"scope\":")
        out.appendRaw(scope)
        out.append(",\"spans\":[")
        var first = true
        for span in spans {
            if !first { out.append(",") }
            first = false
            appendSpan(span, to: out)
        }
        out.append("]}]}]}")
    }

    private static func appendSpan(_ span: ExportedSpan, to out: JSONBuffer) {
        let record = span.record
        out.append("{\"traceId\":")
        out.appendQuoted(record.traceID)
        out.append(",\"spanId\":")
        out.appendQuoted(record.spanID)
        if record.parentSpanID.isValid {
            out.append(",\"parentSpanId\":")
            out.appendQuoted(record.parentSpanID)
        }
        // Bits 8 and 9: "whether the parent is remote" is known, and its value.
        let remote: UInt64 = record.parentIsRemote ? 0x300 : 0x100
        out.append(",\"flags\":")
        out.appendDecimal(UInt64(record.flags.rawValue) | remote)
        out.append(",\"name\":")
        out.appendString(span.name)
        out.append(",\"kind\":1,\"startTimeUnixNano\":\"")
        out.appendDecimal(span.startUnixNano)
        out.append("\",\"endTimeUnixNano\":\"")
        out.appendDecimal(span.endUnixNano)
        out.append("\",\"attributes\":[")
        appendAttribute("obsbridge.span.kind", .string(kindName(record.kind)), to: out)
        out.append(",")
        appendAttribute("obsbridge.thread", .int(Int64(record.threadIndex)), to: out)
        guard record.isFailure else {
            out.append("],\"status\":{}}")
            return
        }
        let status = BridgeStatus(rawValue: record.status).name
        out.append(",")
        appendAttribute("obsbridge.status", .string(status), to: out)
        out.append(",")
        if let error = span.error {
            appendFailureAttributes(error, to: out)
        } else {
            appendAttribute("error.type", .string(status), to: out)
        }
        out.append("],\"status\":{\"code\":2,\"message\":")
        out.appendString(span.error?.message ?? status)
        out.append("}}")
    }

    /// Appends a failed span's error as attributes, following OpenTelemetry's semantic conventions:
    /// `error.type` is the error's class (`domain:code`, or `panic`), and the domain, code and the
    /// sanitizer rules that fired are ObsBridge's own attributes. The sanitized message is the span
    /// status's message.
    static func appendFailureAttributes(_ error: ErrorRecord, to out: JSONBuffer) {
        let type = error.domain == "panic" ? "panic" : "\(error.domain):\(error.code)"
        appendAttribute("error.type", .string(type), to: out)
        out.append(",")
        appendAttribute("obsbridge.error.domain", .string(error.domain), to: out)
        out.append(",")
        appendAttribute("obsbridge.error.code", .int(Int64(error.code)), to: out)
        if !error.redactions.isEmpty {
            out.append(",")
            appendAttribute("obsbridge.error.redactions", .string(error.redactions.joined(separator: ",")), to: out)
        }
    }

    /// One `LogsData` line (no newline) holding `records`.
    public static func logs(_ records: [LogRecord], resource: ResourceInfo) -> String {
        let out = JSONBuffer(capacity: 512 + records.count * 512)
        beginLogs(resource: resource, to: out)
        for (index, record) in records.enumerated() {
            if index > 0 { out.append(",") }
            appendLogRecord(record, to: out)
        }
        endLogs(to: out)
        return out.text
    }

    /// Opens a `LogsData` line: the resource and scope, up to the first record.
    package static func beginLogs(resource: ResourceInfo, to out: JSONBuffer) {
        out.append("{\"resourceLogs\":[{\"resource\":")
        out.appendRaw(self.resource(resource))
        out.append(",\"scopeLogs\":[{\"scope\":")
        out.appendRaw(scope)
        out.append(",\"logRecords\":[")
    }

    /// Closes the line ``beginLogs(resource:to:)`` opened.
    package static func endLogs(to out: JSONBuffer) {
        out.append("]}]}]}")
    }

    /// Appends one OTLP `LogRecord` object (records are separated by commas by the caller).
    package static func appendLogRecord(_ record: LogRecord, to out: JSONBuffer) {
        out.append("{\"timeUnixNano\":\"")
        out.appendDecimal(record.timeUnixNano)
        out.append("\",\"observedTimeUnixNano\":\"")
        out.appendDecimal(record.observedTimeUnixNano)
        out.append("\",\"severityNumber\":")
        out.appendDecimal(UInt64(record.severity.rawValue))
        out.append(",\"severityText\":\"")
        out.appendRaw(record.severity.text)
        out.append("\",\"body\":{\"stringValue\":")
        out.appendString(record.body)
        out.append("},\"attributes\":[")
        for (index, attribute) in record.attributes.enumerated() {
            if index > 0 { out.append(",") }
            appendAttribute(attribute.key, attribute.value, to: out)
        }
        out.append("]")
        if let traceID = record.traceID, let spanID = record.spanID {
            out.append(",\"traceId\":")
            out.appendQuoted(traceID)
            out.append(",\"spanId\":")
            out.appendQuoted(spanID)
            out.append(",\"flags\":")
            out.appendDecimal(UInt64(record.flags.rawValue))
        }
        out.append("}")
    }
}
