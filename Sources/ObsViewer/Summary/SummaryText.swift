import ObsCollector

/// `obsbridge summary`'s text: the latency table, the errors by domain and code, and the loss the
/// recording records. Every recorded string is neutralized; every line fits `width`, or, without one
/// (output that is not a terminal), nothing is cut.
public enum SummaryText {
    /// The summary as text for a terminal or a log.
    ///
    /// - Parameters:
    ///   - summary: What to show.
    ///   - width: The widest line, in columns (at least 40); `nil` cuts nothing.
    public static func render(_ summary: RecordingSummary, width: Int? = 100) -> String {
        let width = width.map { max(40, $0) }
        var out = LatencyTable.render(summary.rows, width: width)
        out += "\n" + fitted(summary.totals.line, width) + "\n"
        if !summary.errors.isEmpty {
            out += "\n" + errorTable(summary.errors, width: width)
        }
        if let drops = summary.drops {
            out += "\n" + fitted(dropLine(drops), width) + "\n"
        }
        return out
    }

    /// `text` cut to `width` (with `…`), or whole without a width.
    static func fitted(_ text: String, _ width: Int?) -> String {
        guard let width else { return text }
        return TerminalText.fit(text, width, alignLeft: true).trimmingTrailingSpaces()
    }

    /// The errors as a table: operation, error class, count, one sample message.
    static func errorTable(_ errors: [ErrorTally], width: Int?) -> String {
        let counts = errors.map { String($0.count) }
        let countWidth = max(5, counts.map(\.count).max() ?? 0)
        let classes = errors.map { TerminalText.neutralize($0.errorClass.text) }
        let classWidth = min(width == nil ? .max : 28, max(5, classes.map(\.count).max() ?? 0))
        let names = errors.map { TerminalText.neutralize($0.operation) }
        let nameWidth = min(width == nil ? .max : 24, max(9, names.map(\.count).max() ?? 0))
        let messageWidth = width.map { $0 - nameWidth - classWidth - countWidth - 6 }
        func row(_ name: String, _ errorClass: String, _ count: String, _ message: String) -> String {
            var line = TerminalText.fit(name, nameWidth, alignLeft: true) + "  "
            line += TerminalText.fit(errorClass, classWidth, alignLeft: true) + "  "
            line += TerminalText.fit(count, countWidth)
            if let messageWidth {
                if messageWidth >= 10 { line += "  " + TerminalText.fit(message, messageWidth, alignLeft: true) }
            } else {
                line += "  " + message
            }
            return line.trimmingTrailingSpaces()
        }
        var out = "errors by domain and code:\n"
        out += row("operation", "error", "count", "example message") + "\n"
        for (index, error) in errors.enumerated() {
            let sample = TerminalText.neutralize(error.samples.first ?? "")
            out += row(names[index], classes[index], counts[index], sample) + "\n"
        }
        return out
    }

    /// One sentence about the loss: spans dropped at the rings, error records dropped, output
    /// records lost, and where the numbers come from.
    static func dropLine(_ drops: DropReport) -> String {
        var parts: [String] = []
        if let dropped = drops.spansDropped {
            if let emitted = drops.spansEmitted, emitted > 0, dropped > 0 {
                let percent = Double(dropped) / Double(emitted) * 100
                let rounded = (percent * 10).rounded() / 10
                parts.append("\(dropped) of \(emitted) spans dropped at full rings (\(rounded)%)")
            } else if dropped > 0 {
                parts.append("\(dropped) spans dropped at full rings")
            } else {
                parts.append("no spans dropped" + (drops.spansEmitted.map { " (\($0) emitted)" } ?? ""))
            }
        }
        if let errors = drops.errorsDropped, errors > 0 { parts.append("\(errors) error records dropped") }
        if let lost = drops.outputRecordsLost, lost > 0 { parts.append("\(lost) records lost by output files") }
        if parts.isEmpty { parts.append("nothing dropped") }
        return "drops: " + parts.joined(separator: "; ") + " (from \(TerminalText.neutralize(drops.origin)))"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        guard let last = lastIndex(where: { $0 != " " }) else { return "" }
        return String(self[...last])
    }
}
