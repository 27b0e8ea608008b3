import Foundation
import ObsCollector
import ObsTestSupport
import Testing

@Suite("obsbridge report in a real browser", .serialized)
struct ReportBrowserTests {
    /// The report of the demo's recording, its `summary --json`, and a scratch directory.
    static let made: Result<(report: URL, summary: String, directory: URL), any Error> = Result {
        let (otlp, _) = try RecordingCommandsTests.recording()
        let directory = try CommandRunner.temporaryDirectory()
        let report = directory.appendingPathComponent("report.html")
        let result = try CLI.run(["report", otlp, "-o", report.path])
        guard result.status == 0 else { throw CommandFailure(result.standardError) }
        let summary = try CLI.run(["summary", otlp, "--json"])
        return (report, summary.standardOutput, directory)
    }

    struct CommandFailure: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// The values of `attributes` on each element of `tag` that carries the first of them (the one
    /// that tells the panel), in document order.
    static func elements(_ tag: String, _ attributes: [String], in html: String) -> [[String: String]] {
        let pattern = "<\(tag)\\b[^>]*\\b\(attributes[0])=\"[^\"]*\"[^>]*>"
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(html.startIndex..., in: html)
        return regex.matches(in: html, range: range).map { match in
            let element = String(html[Range(match.range, in: html)!])
            var values: [String: String] = [:]
            for attribute in attributes {
                let valuePattern = try! NSRegularExpression(pattern: "\\b\(attribute)=\"([^\"]*)\"")
                if let found = valuePattern.firstMatch(in: element, range: NSRange(element.startIndex..., in: element))
                {
                    values[attribute] = String(element[Range(found.range(at: 1), in: element)!])
                }
            }
            return values
        }
    }

    @Test("the report renders in headless Chromium: panels, summary's numbers, no console error, no request")
    func rendersInChromium() throws {
        try #require(HeadlessChromium.executable != nil, "chromium is not installed: run scripts/install-test-tools.sh")
        let (report, summaryText, directory) = try Self.made.get()
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(summaryText.utf8)) as? [String: Any])
        let html = try String(contentsOf: report, encoding: .utf8)
        // Self-contained: nothing refers to another resource, and the policy forbids fetching anything.
        for pattern in [
            "\\b(src|href|srcset|action|data)\\s*=", "url\\(", "@import", "<(script|link|img|iframe|object)\\b",
        ] {
            #expect(html.range(of: pattern, options: [.regularExpression, .caseInsensitive]) == nil, "\(pattern)")
        }
        #expect(html.contains("content=\"default-src 'none';"))

        // A screenshot at 1280 px.
        let screenshot = directory.appendingPathComponent("report-1280.png")
        let shot = try HeadlessChromium.load(report, width: 1280, height: 2000, ["--screenshot=" + screenshot.path])
        let png = try Data(contentsOf: screenshot)
        #expect(
            HeadlessChromium.pngSize(png)?.width == 1280 && png.count > 20_000,
            "screenshot: \(shot.standardError.suffix(500))")

        // The DOM after load: panels present, numbers equal to summary --json, no console message, no request.
        let run = try HeadlessChromium.load(report, width: 1280, height: 2000, ["--dump-dom"])
        #expect(run.consoleMessages.isEmpty, "\(run.consoleMessages)")
        #expect(run.pageRequests.isEmpty, "\(run.pageRequests)")
        let dom = run.output
        for panel in ["overview", "distributions", "over-time", "errors", "slowest"] {
            #expect(dom.contains("<section id=\"\(panel)\">"), "no \(panel) panel")
        }
        #expect(!dom.contains("<script"))
        let operations = try #require(summary["operations"] as? [[String: Any]])
        let rows = Self.elements(
            "tr",
            [
                "data-p50-ns", "data-operation", "data-count", "data-errors", "data-p90-ns", "data-p99-ns",
                "data-max-ns",
            ],
            in: dom)
        #expect(rows.count == operations.count)
        for (row, operation) in zip(rows, operations) {
            #expect(row["data-operation"] == operation["name"] as? String)
            for (attribute, key) in [
                ("data-count", "count"), ("data-errors", "errors"), ("data-p50-ns", "p50_ns"),
                ("data-p90-ns", "p90_ns"),
                ("data-p99-ns", "p99_ns"), ("data-max-ns", "max_ns"),
            ] {
                #expect(row[attribute].flatMap(Int.init) == operation[key] as? Int, "\(attribute) of \(row)")
            }
        }
        let figures = Self.elements("figure", ["data-operation", "data-p50-ns", "data-p90-ns", "data-p99-ns"], in: dom)
            .filter { $0["data-p50-ns"] != nil }
        #expect(figures.count == operations.count)
        for (figure, operation) in zip(figures, operations) {
            #expect(figure["data-p99-ns"].flatMap(Int.init) == operation["p99_ns"] as? Int)
        }
        #expect(dom.contains("data-heatmap") && dom.components(separatedBy: "<svg").count > operations.count)
        let errors = try #require(summary["errors"] as? [[String: Any]])
        let errorRows = Self.elements("tr", ["data-domain", "data-code", "data-count"], in: dom)
        #expect(errorRows.count == errors.count && !errors.isEmpty)
        for (row, error) in zip(errorRows, errors) {
            #expect(row["data-domain"] == error["domain"] as? String)
            #expect(row["data-count"].flatMap(Int.init) == error["count"] as? Int)
        }
        #expect(!dom.contains("alice@example.com") && !dom.contains("hunter2"))
        let waterfalls = Self.elements("div", ["data-trace-id", "data-kinds"], in: dom)
        #expect(!waterfalls.isEmpty)
        #expect(
            waterfalls.contains {
                ($0["data-kinds"] ?? "").contains("swift") && ($0["data-kinds"] ?? "").contains("rust")
            })
    }

    @Test("no horizontal overflow at 1280 px and at 375 px")
    func fitsTheWindow() throws {
        try #require(HeadlessChromium.executable != nil, "chromium is not installed: run scripts/install-test-tools.sh")
        let (report, _, directory) = try Self.made.get()
        let harness = directory.appendingPathComponent("widths.html")
        try HeadlessChromium.widthHarness(for: try String(contentsOf: report, encoding: .utf8), widths: [1280, 375])
            .write(to: harness, atomically: true, encoding: .utf8)
        let run = try HeadlessChromium.load(harness, width: 1400, height: 3000, ["--dump-dom"])
        let body = Self.elements(
            "body",
            [
                "data-scroll-width-1280", "data-client-width-1280", "data-wide-1280", "data-scroll-width-375",
                "data-client-width-375", "data-wide-375",
            ],
            in: run.output
        ).first
        let measured = try #require(body, "the harness did not measure: \(run.standardError.suffix(400))")
        for width in [1280, 375] {
            let scroll = try #require(measured["data-scroll-width-\(width)"].flatMap(Int.init))
            let client = try #require(measured["data-client-width-\(width)"].flatMap(Int.init))
            #expect(client > width - 40 && client <= width)
            #expect(scroll <= client, "at \(width) px the page is \(scroll) px wide")
            #expect(
                measured["data-wide-\(width)"] == "",
                "past the edge at \(width) px: \(measured["data-wide-\(width)"] ?? "")")
        }
        // The narrow view, for people to look at.
        let narrow = directory.appendingPathComponent("widths-375.html")
        try HeadlessChromium.widthHarness(for: try String(contentsOf: report, encoding: .utf8), widths: [375])
            .write(to: narrow, atomically: true, encoding: .utf8)
        let screenshot = directory.appendingPathComponent("report-375.png")
        _ = try HeadlessChromium.load(narrow, width: 500, height: 3000, ["--screenshot=" + screenshot.path])
        #expect(HeadlessChromium.pngSize(try Data(contentsOf: screenshot)) != nil)
    }

    @Test("the checks can fail: a console error, a request and a page too wide are caught")
    func checksCanFail() throws {
        try #require(HeadlessChromium.executable != nil, "chromium is not installed: run scripts/install-test-tools.sh")
        let page = try CommandRunner.temporaryDirectory().appendingPathComponent("bad.html")
        try """
        <!doctype html><html><body><p style="width:2000px">wide</p>
        <img src="http://192.0.2.1/x.png"><script>console.error("boom")</script></body></html>
        """.write(to: page, atomically: true, encoding: .utf8)
        let run = try HeadlessChromium.load(page, width: 1280, height: 800, ["--dump-dom"])
        #expect(run.consoleMessages.contains { $0.contains("boom") })
        #expect(run.pageRequests.contains("http://192.0.2.1/x.png"))
        let harness = page.deletingLastPathComponent().appendingPathComponent("bad-widths.html")
        try HeadlessChromium.widthHarness(for: "<p style=\"width:2000px\">wide</p>", widths: [375])
            .write(to: harness, atomically: true, encoding: .utf8)
        let measured = try HeadlessChromium.load(harness, width: 600, height: 800, ["--dump-dom"])
        let body = Self.elements("body", ["data-scroll-width-375", "data-client-width-375"], in: measured.output).first
        #expect(
            body?["data-scroll-width-375"].flatMap(Int.init) ?? 0 > body?["data-client-width-375"].flatMap(Int.init)
                ?? 0)
    }

    @Test("a snapshot's report has the panels a snapshot can fill, with summary's numbers")
    func snapshotReport() throws {
        let (_, snapshot) = try RecordingCommandsTests.recording()
        let output = try CommandRunner.temporaryDirectory().appendingPathComponent("snapshot.html")
        let result = try CLI.run(["report", snapshot, "-o", output.path])
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOf: output, encoding: .utf8)
        let summary =
            try JSONSerialization.jsonObject(
                with: Data(try CLI.run(["summary", snapshot, "--json"]).standardOutput.utf8)) as? [String: Any]
        let operations = try #require(summary?["operations"] as? [[String: Any]])
        let rows = Self.elements("tr", ["data-p99-ns", "data-operation", "data-count"], in: html)
        #expect(rows.map { $0["data-operation"] } == operations.map { $0["name"] as? String })
        #expect(rows.map { $0["data-p99-ns"].flatMap(Int.init) } == operations.map { $0["p99_ns"] as? Int })
        #expect(html.components(separatedBy: "data-unavailable").count == 3, "over time and slowest traces say why")
        #expect(html.contains("<section id=\"errors\">") && html.contains("data-domain=\"kv\""))
        #expect(html.contains("data-drops"))
    }
}
