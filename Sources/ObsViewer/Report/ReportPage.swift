import ObsCollector

/// The report's HTML document, assembled from its panels. Every recorded string is escaped; the
/// page carries a Content-Security-Policy that allows no script and no fetch at all.
struct ReportPage {
    let summary: RecordingSummary
    let options: Report.Options
    /// `nil` for a snapshot.
    let overTime: LatencyOverTime?
    /// `nil` for a snapshot.
    let slowest: [SlowTraces.Trace]?
    /// The slowest traces rooted in a Swift scope that `slowest` does not hold; `nil` for a snapshot.
    let slowestFromSwift: [SlowTraces.Trace]?

    var html: String {
        let title = "ObsBridge report" + (options.recordingName.isEmpty ? "" : ": " + options.recordingName)
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
            <meta name="generator" content="obsbridge report \(ObsBridgeVersion.current)">
            <title>\(HTMLText.name(title, limit: 200))</title>
            <style>
            \(ReportStyle.css)
            </style>
            </head>
            <body>
            <main>
            \(header)
            \(overview)
            \(distributions)
            \(latencyOverTime)
            \(errors)
            \(waterfalls)
            <footer>Made by <code>obsbridge report</code> \(ObsBridgeVersion.current). Quantiles come from one
            log-linear histogram per operation (within 1% of the exact value). Messages are sanitized.</footer>
            </main>
            </body>
            </html>

            """
    }

    // MARK: - Panels

    var header: String {
        var out = "<header><h1>ObsBridge report</h1>"
        var facts: [String] = []
        if !options.recordingName.isEmpty {
            facts.append("<code>\(HTMLText.name(options.recordingName, limit: 300))</code>")
        }
        facts.append(summary.source == .otlp ? "OTLP traces" : "ObsBridge snapshot")
        if !summary.services.isEmpty {
            facts.append("service " + summary.services.map { HTMLText.name($0) }.joined(separator: ", "))
        }
        if let range = summary.timeRange {
            let seconds = Double(range.upperBound - range.lowerBound) / 1e9
            facts.append("\(HTMLText.time(range.lowerBound)) for \(HeatmapChart.seconds(seconds))")
        }
        let calls = summary.operations.reduce(UInt64(0)) { $0 &+ $1.calls }
        let failures = summary.operations.reduce(UInt64(0)) { $0 &+ $1.errors }
        facts.append("\(HTMLText.count(calls)) calls, \(HTMLText.count(failures)) failed")
        if summary.source == .otlp {
            let diagnostics = summary.diagnostics
            facts.append(
                "\(HTMLText.count(UInt64(diagnostics.lines))) lines, \(HTMLText.count(diagnostics.bytes)) bytes")
        }
        out += "<p class=\"meta\">" + facts.joined(separator: " · ") + "</p>"
        for warning in summary.warnings {
            out += "<p class=\"warn\" data-warning>⚠ \(HTMLText.escape(warning))</p>"
        }
        if let drops = summary.drops {
            out +=
                "<p class=\"\(drops.anyLost ? "warn" : "note")\" data-drops data-spans-dropped=\"\(drops.spansDropped.map(String.init) ?? "")\">"
                + HTMLText.escape(SummaryText.dropLine(drops)) + "</p>"
        }
        return out + "</header>"
    }

    var overview: String {
        var out =
            "<section id=\"overview\"><h2>Operations</h2><table><thead><tr><th class=\"name\">operation</th>"
            + "<th>calls</th><th>errors</th><th>p50</th><th class=\"wide-only\">p90</th><th>p99</th>"
            + "<th class=\"wide-only\">max</th></tr></thead><tbody>"
        for row in summary.rows {
            out +=
                "<tr data-operation=\"\(HTMLText.escape(row.name))\" data-count=\"\(row.count)\" data-errors=\"\(row.errors)\" "
                + "data-p50-ns=\"\(row.p50Ns)\" data-p90-ns=\"\(row.p90Ns)\" data-p99-ns=\"\(row.p99Ns)\" "
                + "data-max-ns=\"\(row.maxNs)\"><td class=\"name\">\(HTMLText.name(row.name))</td>"
                + "<td>\(HTMLText.count(row.count))</td><td>\(HTMLText.count(row.errors))</td>"
                + "<td>\(DurationText.format(row.p50Ns))</td><td class=\"wide-only\">\(DurationText.format(row.p90Ns))</td>"
                + "<td>\(DurationText.format(row.p99Ns))</td><td class=\"wide-only\">\(DurationText.format(row.maxNs))</td></tr>"
        }
        out += "</tbody></table>"
        if summary.rows.isEmpty { out += "<p class=\"note\">No calls recorded.</p>" }
        return out + "</section>"
    }

    var distributions: String {
        var out =
            "<section id=\"distributions\"><h2>Latency distributions</h2><p class=\"note\">Calls by latency on a "
            + "logarithmic axis (ten bars a decade); dashed marks at p50, p90 and p99.</p><div class=\"grid\">"
        for operation in summary.operations.prefix(options.distributions) where operation.calls > 0 {
            let row = operation.row
            out +=
                "<figure data-operation=\"\(HTMLText.escape(row.name))\" data-count=\"\(row.count)\" "
                + "data-p50-ns=\"\(row.p50Ns)\" data-p90-ns=\"\(row.p90Ns)\" data-p99-ns=\"\(row.p99Ns)\">"
                + "<figcaption>\(HTMLText.name(row.name)) <span>\(HTMLText.count(row.count)) calls · "
                + "\(HTMLText.count(row.errors)) failed</span></figcaption>"
                + DistributionChart.svg(operation, row: row) + "</figure>"
        }
        out += "</div>"
        if summary.operations.count > options.distributions {
            out +=
                "<p class=\"note\">\(summary.operations.count - options.distributions) more operations are not drawn.</p>"
        }
        return out + "</section>"
    }

    var latencyOverTime: String {
        var out = "<section id=\"over-time\"><h2>Latency over time</h2>"
        guard let overTime else {
            return out
                + "<p class=\"note\" data-unavailable>A snapshot holds one moment, not a timeline: record spans "
                + "(<code>obsbridge demo --otlp PATH --otlp-spans all</code>) to see latency over time.</p></section>"
        }
        let busiest = summary.operations.sorted { ($0.calls, $1.name) > ($1.calls, $0.name) }
            .filter { overTime.counts[$0.name] != nil }.prefix(options.heatmaps)
        out +=
            "<p class=\"note\">Calls by start time (across) and latency (up, four rows a decade); darker is more "
            + "calls. The \(busiest.count) busiest operations"
            + (summary.timeRange.map { ", from \(HTMLText.time($0.lowerBound))" } ?? "") + ".</p><div class=\"grid\">"
        for operation in busiest {
            let chart = HeatmapChart.svg(name: operation.name, counts: overTime.counts[operation.name]!, grid: overTime)
            out +=
                "<figure data-operation=\"\(HTMLText.escape(operation.name))\" data-heatmap><figcaption>"
                + "\(HTMLText.name(operation.name))</figcaption>\(chart)</figure>"
        }
        return out + "</div></section>"
    }

    var errors: String {
        var out = "<section id=\"errors\"><h2>Errors by domain and code</h2>"
        guard !summary.errors.isEmpty else { return out + "<p class=\"note\">No failures recorded.</p></section>" }
        out +=
            "<table><thead><tr><th class=\"name\">operation</th><th class=\"name\">error</th><th>count</th>"
            + "<th class=\"message\">sample messages (sanitized)</th></tr></thead><tbody>"
        for error in summary.errors {
            let samples = error.samples.map { "<div>\(HTMLText.name($0, limit: 400))</div>" }.joined()
            out +=
                "<tr data-operation=\"\(HTMLText.escape(error.operation))\" data-domain=\"\(HTMLText.escape(error.errorClass.domain))\" "
                + "data-code=\"\(error.errorClass.code.map(String.init) ?? "")\" data-count=\"\(error.count)\">"
                + "<td class=\"name\">\(HTMLText.name(error.operation))</td><td class=\"name\">\(HTMLText.name(error.errorClass.text))</td>"
                + "<td>\(HTMLText.count(error.count))</td><td class=\"message\">\(samples)</td></tr>"
        }
        return out + "</tbody></table></section>"
    }

    var waterfalls: String {
        var out = "<section id=\"slowest\"><h2>Slowest traces across Swift and Rust</h2>"
        guard let slowest else {
            return out
                + "<p class=\"note\" data-unavailable>A snapshot holds no spans: record them (<code>obsbridge demo "
                + "--otlp PATH --otlp-spans all</code>) to see the slowest traces.</p></section>"
        }
        guard !slowest.isEmpty else { return out + "<p class=\"note\">No complete traces recorded.</p></section>" }
        out +=
            "<p class=\"legend note\"><span><i class=\"swatch swift\"></i>Swift caller scope</span>"
            + "<span><i class=\"swatch rust\"></i>Rust boundary call</span><span><i class=\"swatch child\"></i>Rust child "
            + "span</span><span class=\"bad\">✗ failed</span></p>"
        for trace in slowest { out += WaterfallView.html(trace) }
        if let fromSwift = slowestFromSwift, !fromSwift.isEmpty {
            out += "<h3>Slowest traces that start in a Swift scope</h3>"
            for trace in fromSwift { out += WaterfallView.html(trace) }
        }
        return out + "</section>"
    }
}
