extension LogRecord {
    /// The record as one JSON line (no trailing newline), with the OpenTelemetry log data model's
    /// fields: `timestamp`, `observed_timestamp` (RFC 3339), `time_unix_nano`, `severity_number`,
    /// `severity_text`, `body`, `attributes`, `trace_id`, `span_id`, `trace_flags`.
    public var jsonLine: String {
        var out = ""
        out.reserveCapacity(320 + body.utf8.count)
        appendJSONLine(to: &out)
        return out
    }

    /// Appends ``jsonLine`` to `out` (no newline), without building it as a string of its own.
    public func appendJSONLine(to out: inout String) {
        out += "{\"timestamp\":\""
        out += UnixTime.rfc3339(timeUnixNano)
        out += "\",\"observed_timestamp\":\""
        out += UnixTime.rfc3339(observedTimeUnixNano)
        out += "\",\"time_unix_nano\":\(timeUnixNano),\"severity_number\":\(severity.rawValue)"
        out += ",\"severity_text\":\"\(severity.text)\",\"body\":"
        JSONText.appendString(body, to: &out)
        out += ",\"attributes\":{"
        for (index, attribute) in attributes.enumerated() {
            if index > 0 { out += "," }
            JSONText.appendString(attribute.key, to: &out)
            out += ":"
            switch attribute.value {
            case .string(let text): JSONText.appendString(text, to: &out)
            case .int(let number): out += String(number)
            case .double(let number): out += JSONText.number(number)
            case .bool(let flag): out += flag ? "true" : "false"
            }
        }
        out += "}"
        if let traceID, let spanID {
            out += ",\"trace_id\":\"\(traceID.hex)\",\"span_id\":\"\(spanID.hex)\""
            out += ",\"trace_flags\":\"0\(flags.contains(.sampled) ? 1 : 0)\""
        }
        out += "}"
    }
}
