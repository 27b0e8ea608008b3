import Foundation
import ObsCollector
import ObsTestSupport
import ObsViewer
import Testing

@Suite("Report (HTML)")
struct ReportTests {
    static func report(_ lines: [String]) throws -> Report.Result {
        try Report.build(from: Recording.open(data: Data(lines.joined(separator: "\n").utf8), name: "rec"))
    }

    @Test("recorded text is escaped and sanitized: no markup or secret from the recording reaches the page")
    func hostileText() throws {
        let base: UInt64 = 1_796_035_704_934_000_000
        let spans = [
            OTLPSpanSpec(
                trace: 1, id: 1, name: "<script>alert(1)</script>\u{1B}[2J", kind: "caller", thread: 1, start: base,
                end: base + 5_000),
            OTLPSpanSpec(
                trace: 1, id: 2, parent: 1, name: "x\" onload=\"alert(2)", kind: "boundary", thread: 1,
                start: base + 100,
                end: base + 4_000,
                failure: (
                    "<b>domain</b>", 3, "token=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 <img src=x onerror=alert(3)>"
                )),
        ]
        let html = try Self.report([OTLPSpanSpec.line(spans, service: "<svc>")]).html
        #expect(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>domain"))
        #expect(!html.contains("\" onload=\"") && !html.contains("\u{1B}"))
        #expect(!html.contains("ghp_aBcDeF"), "the sample message is sanitized again")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("a long recording's heatmap covers it, and every panel is there")
    func longRecording() throws {
        let base: UInt64 = 1_796_035_704_934_000_000
        // Spans an hour apart, both sides of the first one, so that the time grid widens many times.
        let offsets: [Int64] = [0, 1_000_000, -5_000_000_000, 3_600_000_000_000, 1_800_000_000_000]
        let lines = offsets.enumerated().map { index, offset in
            let start = UInt64(Int64(base) + offset)
            return OTLPSpanSpec.line([
                OTLPSpanSpec(
                    trace: UInt64(index + 1), id: UInt64(index + 1), name: "op", kind: "boundary", thread: 1,
                    start: start, end: start + 1000 * UInt64(index + 1))
            ])
        }
        let result = try Self.report(lines)
        #expect(result.summary.rows.first?.count == 5)
        for panel in ["overview", "distributions", "over-time", "errors", "slowest"] {
            #expect(result.html.contains("<section id=\"\(panel)\">"))
        }
        // The grid spans at least the hour and five seconds between the first and last start.
        let label = try #require(result.html.range(of: #"\+[0-9]+ s<"#, options: .regularExpression))
        let seconds = Int(result.html[label].dropFirst().dropLast(3)) ?? 0
        #expect(seconds >= 3605 && seconds <= 2 * 3605 + 60)
        #expect(result.waterfalls == 5)
    }

    @Test("forged times at the ends of the 64-bit range neither hang nor trap")
    func extremeTimes() throws {
        let spans = [
            OTLPSpanSpec(trace: 1, id: 1, name: "op", kind: "boundary", thread: 1, start: 1, end: 2),
            OTLPSpanSpec(trace: 2, id: 2, name: "op", kind: "boundary", thread: 1, start: .max - 10, end: .max),
            OTLPSpanSpec(trace: 3, id: 3, name: "op", kind: "caller", thread: 2, start: 5, end: .max - 1),
        ]
        let result = try Self.report([OTLPSpanSpec.line(spans)])
        #expect(result.summary.rows.first?.count == 3)
        let timeline = try Timeline.build(
            from: {
                guard case .otlp(let stream) = try Recording.open(data: Data(OTLPSpanSpec.line(spans).utf8), name: "r")
                else { throw RecordingError(input: "r", reason: "not OTLP") }
                return stream
            }())
        #expect(timeline.spans == 3 && (try? JSONSerialization.jsonObject(with: Data(timeline.json.utf8))) != nil)
        let replay = RecordingReplay(
            try {
                guard case .otlp(let stream) = try Recording.open(data: Data(OTLPSpanSpec.line(spans).utf8), name: "r")
                else { throw RecordingError(input: "r", reason: "not OTLP") }
                return stream
            }(), speed: 1e9)
        #expect(try replay.snapshot(atRealElapsed: .max).operations.first?.calls == 3)
    }
}
