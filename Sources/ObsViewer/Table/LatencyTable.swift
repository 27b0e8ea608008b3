import ObsCollector

/// Renders latency rows as a fixed-width text table for terminals and logs.
public enum LatencyTable {
    /// The table, one line per row plus a header, fitted to `width` columns by shortening names.
    ///
    /// Names are neutralized (no control characters reach the terminal).
    public static func render(_ rows: [LatencyRow], width: Int = 100) -> String {
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
        let nameWidth = max(9, min(longest, max(9, width - numericWidth)))
        func pad(_ text: String, _ width: Int, left: Bool) -> String {
            TerminalText.fit(text, width, alignLeft: left)
        }
        var out = pad("operation", nameWidth, left: true)
        for (column, title) in numeric.enumerated() { out += "  " + pad(title, widths[column], left: false) }
        out += "\n"
        for (row, line) in zip(rows, cells) {
            out += pad(TerminalText.neutralize(row.name), nameWidth, left: true)
            for (column, cell) in line.enumerated() { out += "  " + pad(cell, widths[column], left: false) }
            out += "\n"
        }
        return out
    }

    /// Rows as the `--json` form of `obsbridge summary`: `{"operations":[{name, count, errors,
    /// p50_ns, p90_ns, p99_ns, p999_ns, max_ns}, …]}` with keys in that order.
    public static func json(_ rows: [LatencyRow]) -> String {
        var out = "{\"operations\":["
        for (index, row) in rows.enumerated() {
            if index > 0 { out += "," }
            out += "\n  {\"name\":"
            JSONText.appendString(row.name, to: &out)
            out += ",\"count\":\(row.count),\"errors\":\(row.errors),\"p50_ns\":\(row.p50Ns)"
            out += ",\"p90_ns\":\(row.p90Ns),\"p99_ns\":\(row.p99Ns),\"p999_ns\":\(row.p999Ns)"
            out += ",\"max_ns\":\(row.maxNs)}"
        }
        out += rows.isEmpty ? "]}\n" : "\n]}\n"
        return out
    }
}
