import Foundation
import ObsCollector
import ObsTestSupport
import ObsViewer
import Testing

@Suite("Summary reading")
struct SummaryLoaderTests {
    @Test("summary reads snapshots and OTLP traces files into the same rows")
    func summaryFromBothFormats() throws {
        let (snapshot, spans, _) = sampleSnapshot()
        let fromSnapshot = try SummaryLoader.rows(from: snapshot.jsonData(), name: "snapshot")
        let otlp =
            OTLPJSON.traces(Array(spans.prefix(300)), resource: snapshot.resource) + "\n"
            + OTLPJSON.traces(Array(spans.dropFirst(300)), resource: snapshot.resource) + "\n"
        let fromOTLP = try SummaryLoader.rows(from: Data(otlp.utf8), name: "otlp")
        #expect(fromSnapshot.count == 2 && fromOTLP.count == 2)
        for (a, b) in zip(fromSnapshot, fromOTLP) {
            #expect(a.name == b.name && a.count == b.count && a.errors == b.errors)
            #expect(a.p99Ns == b.p99Ns && a.maxNs == b.maxNs)
        }
        let json = LatencyTable.json(fromOTLP)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let first = try #require((parsed?["operations"] as? [[String: Any]])?.first)
        #expect(
            Set(first.keys) == ["name", "kind", "count", "errors", "p50_ns", "p90_ns", "p99_ns", "p999_ns", "max_ns"])
        #expect(throws: SummaryLoadError.self) {
            try SummaryLoader.rows(from: Data("{\"resourceSpans\": 3}\n".utf8), name: "bad")
        }
        #expect(throws: SummaryLoadError.self) { try SummaryLoader.rows(atPath: "/nonexistent/x.json") }
    }

    @Test("a megabyte span name in an OTLP file becomes one bounded, neutralized table row")
    func megabyteSpanName() throws {
        let name = String(repeating: "\u{1B}[31m", count: 200_000)
        let span: [String: Any] = [
            "name": name, "startTimeUnixNano": "1", "endTimeUnixNano": "2",
            "traceId": String(repeating: "1", count: 32), "spanId": String(repeating: "2", count: 16),
        ]
        let line = try JSONSerialization.data(withJSONObject: ["resourceSpans": [["scopeSpans": [["spans": [span]]]]]])
        let rows = try SummaryLoader.rows(from: line, name: "evil")
        #expect(rows.count == 1)
        let table = LatencyTable.render(rows, width: 100)
        for line in table.split(separator: "\n") {
            #expect(line.count <= 100)
            #expect(!line.unicodeScalars.contains(where: TerminalText.needsEscape))
        }
    }
}
