import ObsCollector

/// Renders latency rows as a fixed-width text table for terminals and logs.
public enum LatencyTable {
    /// The table: a header and one line per call operation (boundary spans), then, apart, a
    /// section for the child spans inside native calls and one for Swift spans, each with its own
    /// header (`child span … spans`, `Swift span … spans`) and only when it has rows.
    ///
    /// - Parameters:
    ///   - rows: The rows, in the order shown within each section.
    ///   - width: Fit lines to this many columns by shortening names; `nil` (output that is not a
    ///     terminal) never cuts a name.
    ///
    /// Names are neutralized (no control characters reach the terminal).
    public static func render(_ rows: [LatencyRow], width: Int? = 100) -> String {
        let numeric = ["calls", "errors", "p50", "p90", "p99", "max"]
        let cells = rows.map { row in
            [
                String(row.count), String(row.errors), DurationText.format(row.p50Ns),
                DurationText.format(row.p90Ns), DurationText.format(row.p99Ns),
                DurationText.format(row.maxNs),
            ]
        }
        var widths = numeric.map(\.count)
        for line in cells {
            for (column, cell) in line.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        let numericWidth = widths.reduce(0) { $0 + $1 + 2 }
        let longest = rows.map { TerminalText.neutralize($0.name).count }.max() ?? 0
        let minimum = 10  // the longest section title
        let nameWidth = width.map { max(minimum, min(longest, $0 - numericWidth)) } ?? max(minimum, longest)
        func pad(_ text: String, _ width: Int, left: Bool) -> String {
            TerminalText.fit(text, width, alignLeft: left)
        }
        let sections: [(title: String, count: String, kinds: (SpanKind) -> Bool)] = [
            ("operation", "calls", \.isCall), ("child span", "spans", { $0 == .child }),
            ("Swift span", "spans", { $0 == .caller }),
        ]
        var out = ""
        for (index, section) in sections.enumerated() {
            let members = zip(rows, cells).filter { section.kinds($0.0.kind) }
            guard index == 0 || !members.isEmpty else { continue }
            if index > 0 { out += "\n" }
            out += pad(section.title, nameWidth, left: true)
            for (column, title) in numeric.enumerated() {
                out += "  " + pad(column == 0 ? section.count : title, widths[column], left: false)
            }
            out += "\n"
            for (row, line) in members {
                out += pad(TerminalText.neutralize(row.name), nameWidth, left: true)
                for (column, cell) in line.enumerated() { out += "  " + pad(cell, widths[column], left: false) }
                out += "\n"
            }
        }
        return out
    }

    /// Rows as the `--json` form of `obsbridge summary`: `{"operations":[{name, kind, count, errors,
    /// p50_ns, p90_ns, p99_ns, p999_ns, max_ns}, …]}` with keys in that order; `kind` is `call`,
    /// `child` or `swift`.
    public static func json(_ rows: [LatencyRow]) -> String {
        var out = "{\"operations\":["
        for (index, row) in rows.enumerated() {
            if index > 0 { out += "," }
            out += "\n  {\"name\":"
            JSONText.appendString(row.name, to: &out)
            out += ",\"kind\":\"\(row.kind == .child ? "child" : row.kind == .caller ? "swift" : "call")\""
            out += ",\"count\":\(row.count),\"errors\":\(row.errors),\"p50_ns\":\(row.p50Ns)"
            out += ",\"p90_ns\":\(row.p90Ns),\"p99_ns\":\(row.p99Ns),\"p999_ns\":\(row.p999Ns)"
            out += ",\"max_ns\":\(row.maxNs)}"
        }
        out += rows.isEmpty ? "]}\n" : "\n]}\n"
        return out
    }
}
