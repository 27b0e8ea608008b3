import Foundation
import ObsCollector
import ObsTestSupport
import ObsViewer
import Testing

@Suite("Timeline (Chrome Trace Event Format)")
struct TimelineTests {
    static func timeline(_ lines: [String], maximumTraces: Int = 2000) throws -> (
        Timeline.Result, TraceEventRules.Report
    ) {
        guard case .otlp(let stream) = try Recording.open(data: Data(lines.joined(separator: "\n").utf8), name: "rec")
        else { throw RecordingError(input: "rec", reason: "not OTLP") }
        var options = Timeline.Options()
        options.maximumTraces = maximumTraces
        let result = try Timeline.build(from: stream, options: options)
        return (result, TraceEventRules.check(Data(result.json.utf8)))
    }

    /// Times from a base, so that values whose microseconds are not exact in binary appear.
    static let base: UInt64 = 1_796_035_704_934_001_001

    @Test("spans nest on their thread's track, async Swift scopes get async tracks, flows go Swift → Rust")
    func layout() throws {
        let t = Self.base
        let spans = [
            // Thread 1: a synchronous Swift scope, its two calls into Rust, a Rust child, a call ending with it.
            OTLPSpanSpec(trace: 1, id: 10, name: "request", kind: "caller", thread: 1, start: t, end: t + 100_001),
            OTLPSpanSpec(
                trace: 1, id: 11, parent: 10, name: "kv.get", kind: "boundary", thread: 1, start: t + 10_001,
                end: t + 20_003),
            OTLPSpanSpec(
                trace: 1, id: 12, parent: 10, name: "image.resize", kind: "boundary", thread: 1, start: t + 30_001,
                end: t + 100_001),
            OTLPSpanSpec(
                trace: 1, id: 13, parent: 12, name: "image.scale", kind: "child", thread: 1, start: t + 30_001,
                end: t + 100_001),
            // Thread 2: a Swift scope that suspended: another trace's call ran on its thread meanwhile,
            // and its own call ran on thread 3.
            OTLPSpanSpec(
                trace: 2, id: 20, name: "request", kind: "caller", thread: 2, start: t + 1_001, end: t + 200_001),
            OTLPSpanSpec(
                trace: 3, id: 30, name: "kv.get", kind: "boundary", thread: 2, start: t + 20_001, end: t + 30_001),
            OTLPSpanSpec(
                trace: 2, id: 21, parent: 20, name: "json.parse", kind: "boundary", thread: 3, start: t + 50_001,
                end: t + 60_001, failure: ("json", 1, "bad token for password=hunter2 user alice@example.com")),
            // Thread 4: broken data, two calls overlapping partly: one of them is moved off the track.
            OTLPSpanSpec(trace: 4, id: 40, name: "checksum", kind: "boundary", thread: 4, start: t, end: t + 50_000),
            OTLPSpanSpec(
                trace: 5, id: 50, name: "checksum", kind: "boundary", thread: 4, start: t + 40_000, end: t + 90_000),
        ]
        let (result, report) = try Self.timeline([
            OTLPSpanSpec.line(Array(spans.prefix(5))), OTLPSpanSpec.line(Array(spans.dropFirst(5))),
        ])
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(result.spans == spans.count && report.slices.count == spans.count)
        let placed = Dictionary(uniqueKeysWithValues: report.slices.map { ($0.args["span_id"] as! String, $0) })
        func slice(_ id: UInt64) -> TraceEventRules.Slice { placed[OTLPSpanSpec.hex(id, digits: 16)]! }
        #expect(!slice(10).isAsync && !slice(11).isAsync && !slice(12).isAsync && !slice(13).isAsync)
        #expect(slice(20).isAsync, "a scope with another trace's call inside it on its thread is async")
        #expect(!slice(30).isAsync && !slice(21).isAsync)
        #expect(slice(40).isAsync != slice(50).isAsync, "exactly one of two partly overlapping calls moves")
        #expect(slice(12).end == slice(10).end && slice(13).start == slice(12).start, "exact nanoseconds survive")
        // Flows: each Swift caller into each Rust boundary span it called; none from Rust children.
        let flows = Set(report.flows.map { "\($0.from)→\($0.to)" })
        let hex = { OTLPSpanSpec.hex($0, digits: 16) }
        #expect(flows == ["\(hex(10))→\(hex(11))", "\(hex(10))→\(hex(12))", "\(hex(20))→\(hex(21))"])
        #expect(result.flows == 3)
        // The failure is an instant on the thread it ended on, its message sanitized again.
        let instant = try #require(report.instants.first)
        #expect(report.instants.count == 1 && result.failures == 1)
        #expect(instant["name"] as? String == "✗ json 1")
        let args = try #require(instant["args"] as? [String: Any])
        let message = try #require(args["message"] as? String)
        #expect(
            !message.contains("hunter2") && !message.contains("alice@example.com") && message.hasPrefix("bad token"))
        #expect(args["domain"] as? String == "json" && args["code"] as? Int == 1)
        // Threads are named from what ran on them; the process from the service.
        #expect(report.processNames.values.contains("svc"))
        #expect(Set(report.threadNames.values).isSuperset(of: ["Swift thread 1: caller scopes and calls into Rust"]))
    }

    @Test("recordings of random shapes keep the format's rules")
    func randomShapes() throws {
        for seed in SplitMix64.seeds([11, 12, 13]) {
            var random = SplitMix64(seed: seed)
            var lines: [String] = []
            var id: UInt64 = 1
            for trace in 1...40 {
                var spans: [OTLPSpanSpec] = []
                let start = Self.base + random.next() % 1_000_000
                let root = id
                let kinds = ["caller", "boundary"]
                spans.append(
                    OTLPSpanSpec(
                        trace: UInt64(trace), id: root, name: "root", kind: kinds[Int(random.next() % 2)],
                        thread: Int(random.next() % 3), start: start, end: start + 1 + random.next() % 200_000))
                id += 1
                for _ in 0..<(random.next() % 6) {
                    let parent = spans[Int(random.next() % UInt64(spans.count))]
                    let from = parent.start + random.next() % max(1, parent.end - parent.start)
                    let to = min(parent.end, from + random.next() % 50_000)
                    spans.append(
                        OTLPSpanSpec(
                            trace: UInt64(trace), id: id, parent: parent.id, name: "op\(random.next() % 4)",
                            kind: ["caller", "boundary", "child"][Int(random.next() % 3)],
                            thread: Int(random.next() % 3), start: from, end: to,
                            failure: random.next() % 5 == 0 ? ("d", 7, "x") : nil))
                    id += 1
                }
                lines.append(OTLPSpanSpec.line(spans, service: trace % 7 == 0 ? "other" : "svc"))
            }
            let (result, report) = try Self.timeline(lines)
            #expect(report.problems.isEmpty, "seed \(seed): \(report.problems)")
            #expect(report.slices.count == result.spans)
        }
    }

    @Test("a limit on traces keeps the first ones and says how many spans it left out")
    func limit() throws {
        let lines = (1...10).map { trace in
            OTLPSpanSpec.line([
                OTLPSpanSpec(
                    trace: UInt64(trace), id: UInt64(trace), name: "op", kind: "boundary", thread: 1,
                    start: Self.base + UInt64(trace) * 1000, end: Self.base + UInt64(trace) * 1000 + 500)
            ])
        }
        let (result, report) = try Self.timeline(lines, maximumTraces: 3)
        #expect(report.problems.isEmpty)
        #expect(result.traces == 3 && result.spans == 3 && result.spansLeftOut == 7)
        #expect(report.otherData["spans_left_out"] as? Int == 7)
        #expect((report.otherData["limit"] as? String)?.contains("--max-traces") == true)
    }
}
