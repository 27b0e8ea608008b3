import ObsCollector

/// `obsbridge summary --json`: the rows under `operations` exactly as ``LatencyTable/json(_:)``
/// writes them, then `totals` (``SpanTotals``: calls apart from child and Swift spans), `errors`, `drops` (only when the recording records its loss),
/// `invalid_spans`, `warnings`, and what was read. Recorded strings are neutralized, as in the
/// table, so the output is safe to print.
///
/// ```json
/// {"operations":[{"name":"kv.get","kind":"call","count":10,"errors":1,"p50_ns":…,"max_ns":…}],
///  "totals":{"calls":10,"failed_calls":1,"child_spans":0,"failed_child_spans":0,"swift_spans":0,
///            "failed_swift_spans":0},
///  "errors":[{"operation":"kv.get","domain":"kv","code":404,"count":1,"samples":["…"]}],
///  "drops":{"spans_emitted":12,"spans_collected":10,"spans_dropped":2,"errors_dropped":null,
///           "output_records_lost":null,"origin":"…"},
///  "invalid_spans":[{"rule":"end_before_start","count":1,"first_line":3}],
///  "warnings":["…"],"source":"otlp","spans":10,"lines":3,"bytes":4096}
/// ```
public enum SummaryJSON {
    /// The summary as one JSON object, keys in the order above, ending in a newline.
    public static func render(_ summary: RecordingSummary) -> String {
        var out = LatencyTable.json(summary.rows)
        out.removeLast(2)  // "}\n": the object continues
        let totals = summary.totals
        out += ",\n\"totals\":{\"calls\":\(totals.calls),\"failed_calls\":\(totals.failedCalls)"
        out += ",\"child_spans\":\(totals.childSpans),\"failed_child_spans\":\(totals.failedChildSpans)"
        out += ",\"swift_spans\":\(totals.swiftSpans),\"failed_swift_spans\":\(totals.failedSwiftSpans)}"
        out += ",\n\"errors\":["
        for (index, error) in summary.errors.enumerated() {
            out += index == 0 ? "\n  " : ",\n  "
            out += "{\"operation\":" + JSONText.string(TerminalText.neutralize(error.operation))
            out += ",\"domain\":" + JSONText.string(TerminalText.neutralize(error.errorClass.domain))
            out += ",\"code\":" + (error.errorClass.code.map(String.init) ?? "null")
            out += ",\"count\":\(error.count),\"samples\":["
            out += error.samples.map { JSONText.string(TerminalText.neutralize($0)) }.joined(separator: ",") + "]}"
        }
        out += summary.errors.isEmpty ? "]" : "\n]"
        if let drops = summary.drops {
            func number(_ value: UInt64?) -> String { value.map(String.init) ?? "null" }
            out += ",\n\"drops\":{\"spans_emitted\":\(number(drops.spansEmitted))"
            out += ",\"spans_collected\":\(number(drops.spansCollected))"
            out += ",\"spans_dropped\":\(number(drops.spansDropped))"
            out += ",\"errors_dropped\":\(number(drops.errorsDropped))"
            out += ",\"output_records_lost\":\(number(drops.outputRecordsLost))"
            out += ",\"origin\":" + JSONText.string(TerminalText.neutralize(drops.origin)) + "}"
        }
        let diagnostics = summary.diagnostics
        out += ",\n\"invalid_spans\":["
        out += diagnostics.violations.counts.map {
            "{\"rule\":\"\($0.violation.rawValue)\",\"count\":\($0.count),\"first_line\":\($0.firstLine)}"
        }.joined(separator: ",")
        out += "],\n\"warnings\":[" + summary.warnings.map(JSONText.string).joined(separator: ",") + "]"
        out += ",\n\"source\":\"\(summary.source.rawValue)\",\"spans\":\(diagnostics.spans)"
        out += ",\"lines\":\(diagnostics.lines),\"bytes\":\(diagnostics.bytes)}\n"
        return out
    }
}
