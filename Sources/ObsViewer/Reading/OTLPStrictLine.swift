import Foundation
import ObsCollector

/// The strict reading of one OTLP JSON Lines line with Foundation's `JSONSerialization`: slower
/// than ``OTLPLineScanner``, it reads every line that scanner passes on and is the reference the
/// scanner agrees with. It reads `TracesData` (spans), `MetricsData` (ObsBridge's span
/// accounting) and `LogsData` (read past), and says precisely what is wrong with anything else.
enum OTLPStrictLine {
    /// What is wrong with a line that cannot be read at all.
    enum Problem: Error, Equatable {
        /// Not JSON (a line cut short by a crash is one).
        case notJSON
        /// JSON, but not an OTLP object; the text says how.
        case notOTLP(String)
    }

    /// Reads `bytes` into `contents` (spans appended).
    ///
    /// - Throws: ``Problem`` for a line that is not JSON or not OTLP.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, into contents: inout OTLPLineContents)
        throws(Problem)
    {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(buffer: bytes))
        } catch {
            throw .notJSON
        }
        guard let top = object as? [String: Any] else {
            throw .notOTLP("a JSON value that is not an object (each line holds one OTLP TracesData object)")
        }
        let traces = top["resourceSpans"]
        let metrics = top["resourceMetrics"]
        let logs = top["resourceLogs"]
        guard traces != nil || metrics != nil || logs != nil else {
            let keys = top.keys.sorted().prefix(3).map { "\"\(TerminalText.neutralize(String($0.prefix(40))))\"" }
            throw .notOTLP(
                "a JSON object without \"resourceSpans\" (keys: \(keys.isEmpty ? "none" : keys.joined(separator: ", "))): "
                    + "not an OTLP JSON Lines traces line")
        }
        if let traces { try resourceSpans(traces, line: line, into: &contents) }
        if let metrics { try resourceMetrics(metrics, into: &contents) }
        contents.isLogs = logs != nil && traces == nil && metrics == nil
    }

    // MARK: - Traces

    private static func resourceSpans(_ value: Any, line: Int, into contents: inout OTLPLineContents)
        throws(Problem)
    {
        for resource in try objects(value, "resourceSpans") {
            var service: String?
            if let description = resource["resource"] {
                guard let description = description as? [String: Any] else { throw malformed("resource") }
                if let attributes = description["attributes"] {
                    var fields = SpanFields()
                    for attribute in try objects(attributes, "resource.attributes") {
                        apply(attribute, to: &fields, service: &service)
                    }
                }
            }
            let first = contents.spans.count
            for scope in try objects(resource["scopeSpans"] ?? [Any](), "scopeSpans") {
                for span in try objects(scope["spans"] ?? [Any](), "spans") {
                    switch fields(of: span).span(service: "", line: line) {
                    case .success(let span): contents.spans.append(span)
                    case .failure(let violation): contents.violations.append(violation)
                    }
                }
            }
            if let service, first < contents.spans.count {
                for index in first..<contents.spans.count { contents.spans[index].service = service }
            }
        }
    }

    private static func fields(of span: [String: Any]) -> SpanFields {
        var fields = SpanFields()
        fields.name = span["name"] as? String
        fields.traceID = id(span["traceId"], digits: 32)
        fields.spanID = id(span["spanId"], digits: 16)
        fields.parentSpanID = id(span["parentSpanId"], digits: 16)
        fields.start = span["startTimeUnixNano"].flatMap(unsigned)
        fields.end = span["endTimeUnixNano"].flatMap(unsigned)
        fields.flags = span["flags"].flatMap(unsigned) ?? 0
        if let status = span["status"] as? [String: Any] {
            switch status["code"] {
            case let text as String: fields.failed = text == "STATUS_CODE_ERROR"
            case let number as NSNumber: fields.failed = !isBoolean(number) && number.doubleValue == 2
            default: break
            }
            fields.statusMessage = status["message"] as? String
        }
        if let attributes = span["attributes"] as? [Any] {
            var ignored: String?
            for case let attribute as [String: Any] in attributes {
                apply(attribute, to: &fields, service: &ignored)
            }
        }
        return fields
    }

    private static func apply(_ attribute: [String: Any], to fields: inout SpanFields, service: inout String?) {
        guard let name = attribute["key"] as? String, let key = SpanFields.AttributeKey(rawValue: name) else { return }
        let value = attribute["value"] as? [String: Any]
        if key.isInteger {
            let integer: Int64?
            switch value?["intValue"] {
            case let text as String: integer = Int64(text)
            case let number as NSNumber: integer = isBoolean(number) ? nil : signed(number)
            default: integer = nil
            }
            fields.setAttribute(key, string: nil, integer: integer)
        } else if key == .serviceName {
            service = value?["stringValue"] as? String
        } else {
            fields.setAttribute(key, string: value?["stringValue"] as? String, integer: nil)
        }
    }

    private static func id(_ value: Any?, digits: Int) -> SpanFields.IDField {
        switch value {
        case nil: return .absent
        case let text as String: return HexText.idField(text, digits: digits)
        default: return .parsed(nil, nil)
        }
    }

    // MARK: - Metrics

    private static func resourceMetrics(_ value: Any, into contents: inout OTLPLineContents) throws(Problem) {
        var counters = contents.spanCounters ?? OTLPSpanCounters()
        for resource in try objects(value, "resourceMetrics") {
            for scope in try objects(resource["scopeMetrics"] ?? [Any](), "scopeMetrics") {
                for metric in try objects(scope["metrics"] ?? [Any](), "metrics") {
                    guard let name = metric["name"] as? String, name.hasPrefix("obsbridge.spans."),
                        let sum = metric["sum"] as? [String: Any],
                        let point = (sum["dataPoints"] as? [Any])?.first as? [String: Any]
                    else { continue }
                    let value = point["asInt"].flatMap(unsigned)
                    switch name {
                    case "obsbridge.spans.emitted": counters.emitted = value
                    case "obsbridge.spans.collected": counters.collected = value
                    case "obsbridge.spans.dropped": counters.dropped = value
                    default: break
                    }
                }
            }
        }
        contents.spanCounters = counters
    }

    // MARK: - Values

    /// An array of objects, or the problem naming `what`.
    private static func objects(_ value: Any, _ what: String) throws(Problem) -> [[String: Any]] {
        guard let array = value as? [Any] else { throw malformed(what) }
        var objects: [[String: Any]] = []
        objects.reserveCapacity(array.count)
        for element in array {
            guard let object = element as? [String: Any] else { throw malformed(what) }
            objects.append(object)
        }
        return objects
    }

    private static func malformed(_ what: String) -> Problem {
        .notOTLP("malformed OTLP: \"\(what)\" is not the array of objects (or the object) the format requires")
    }

    /// A whole number of nanoseconds, from a decimal string or a JSON number.
    static func unsigned(_ value: Any) -> UInt64? {
        switch value {
        case let text as String: return UInt64(text)
        case let number as NSNumber:
            guard !isBoolean(number) else { return nil }
            switch String(cString: number.objCType) {
            case "d", "f": return UInt64(exactly: number.doubleValue)
            case "Q": return number.uint64Value
            default: return UInt64(exactly: number.int64Value)
            }
        default: return nil
        }
    }

    private static func signed(_ number: NSNumber) -> Int64? {
        switch String(cString: number.objCType) {
        case "d", "f": return Int64(exactly: number.doubleValue)
        case "Q": return Int64(exactly: number.uint64Value)
        default: return number.int64Value
        }
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
