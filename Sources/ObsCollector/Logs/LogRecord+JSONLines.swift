extension LogRecord {
    /// The record as one JSON line (no trailing newline), with the OpenTelemetry log data model's
    /// fields: `timestamp`, `observed_timestamp` (RFC 3339), `time_unix_nano`, `severity_number`,
    /// `severity_text`, `body`, `attributes`, `trace_id`, `span_id`, `trace_flags`.
    public var jsonLine: String {
        let out = JSONBuffer(capacity: 320 + body.utf8.count)
        appendJSONLine(to: out)
        return out.text
    }

    /// Appends ``jsonLine`` to `out` (no newline), without building it as a string of its own.
    public func appendJSONLine(to out: inout String) {
        out += jsonLine
    }

    /// Appends ``jsonLine``'s bytes to `out` (no newline): the form the log writer uses.
    package func appendJSONLine(to out: JSONBuffer) {
        out.append("{\"timestamp\":")
        out.appendQuotedRFC3339(timeUnixNano)
        out.append(",\"observed_timestamp\":")
        out.appendQuotedRFC3339(observedTimeUnixNano)
        out.append(",\"time_unix_nano\":")
        out.appendDecimal(timeUnixNano)
        out.append(",\"severity_number\":")
        out.appendDecimal(UInt64(severity.rawValue))
        out.append(",\"severity_text\":\"")
        out.appendRaw(severity.text)
        out.append("\",\"body\":")
        out.appendString(body)
        out.append(",\"attributes\":{")
        for (index, attribute) in attributes.enumerated() {
            if index > 0 { out.append(",") }
            out.appendString(attribute.key)
            out.append(":")
            switch attribute.value {
            case .string(let text): out.appendString(text)
            case .int(let number): out.appendDecimal(number)
            case .double(let number): out.appendRaw(JSONText.number(number))
            case .bool(let flag): out.append(flag ? "true" : "false")
            }
        }
        out.append("}")
        if let traceID, let spanID {
            out.append(",\"trace_id\":")
            out.appendQuoted(traceID)
            out.append(",\"span_id\":")
            out.appendQuoted(spanID)
            out.append(flags.contains(.sampled) ? ",\"trace_flags\":\"01\"" : ",\"trace_flags\":\"00\"")
        }
        out.append("}")
    }
}
