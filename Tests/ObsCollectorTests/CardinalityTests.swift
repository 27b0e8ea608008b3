import Foundation
import ObsCollector
import ObsTestKit
import ObsTestSupport
import Testing

@Suite("Bounded cardinality")
struct CardinalityTests {
    /// The stated bound on the collector's own memory at the default limit (2,000 operations plus
    /// the overflow one; each holds a 36 KiB histogram): Docs/GUIDE.md and SECURITY.md state it.
    static let statedMemoryBound: UInt64 = 80 << 20
    /// The stated bounds on the Prometheus text at the default limits, whatever names, domains and
    /// codes are fed (PrometheusText.maximumSize; Docs/GUIDE.md states them).
    static let statedPrometheusLines = 105_000
    static let statedPrometheusBytes = 36_500_000

    /// One flood shared by the tests that read it (the collector is only read after it).
    static let flooded = flood()

    /// 100,000 distinct operation names, one call each, as `bridge.operation("GET /users/\(id)")`
    /// would make them, drained in batches.
    static func flood() -> Collector {
        let source = InMemorySpanSource(capacity: 1 << 14)
        let collector = Collector(source: source)
        var factory = SpanFactory()
        for start in stride(from: 0, to: 100_000, by: 8192) {
            for index in start..<min(100_000, start + 8192) {
                let operation = source.register("GET /users/\(index)")
                source.emit(factory.span(operation: operation, nanoseconds: 1_000 + UInt64(index % 997) * 100))
            }
            collector.drainNow()
        }
        return collector
    }

    @Test("100,000 names: 2,000 operations and one overflow operation; every call is still counted")
    func overflowKeepsEveryCall() throws {
        let collector = Self.flooded
        let status = collector.cardinality()
        #expect(status.operationLimit == 2_000)
        #expect(status.operations == 2_000)
        #expect(status.overflowedOperations == 98_000)
        #expect(status.overflowCalls == 98_000)
        let snapshot = collector.snapshot()
        #expect(snapshot.operations.count == 2_001)
        #expect(snapshot.operations.reduce(0) { $0 + $1.calls } == 100_000, "no call dropped")
        let overflow = try #require(snapshot.operations.first { $0.name == Collector.overflowOperationName })
        #expect(overflow.calls == 98_000 && overflow.histogram.count == 98_000)
        #expect(snapshot.cardinality == status)
    }

    @Test("100,000 names: the collector's memory stays within the stated bound")
    func memoryIsBounded() {
        let status = Self.flooded.cardinality()
        #expect(status.memoryBytes <= Self.statedMemoryBound, "\(status.memoryBytes) bytes")
        // The histograms dominate: one per operation, of a fixed size.
        #expect(status.memoryBytes >= UInt64(2_001 * LatencyHistogram.memoryFootprint))
    }

    @Test("100,000 names: the Prometheus text stays within the stated lines and bytes, and promtool accepts it")
    func prometheusIsBounded() throws {
        let snapshot = Self.flooded.snapshot()
        let text = PrometheusText.render(snapshot)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let bound = PrometheusText.maximumSize(of: snapshot)
        #expect(lines <= bound.lines && text.utf8.count <= bound.bytes, "\(lines) lines, \(text.utf8.count) bytes")
        #expect(bound.lines <= Self.statedPrometheusLines && bound.bytes <= Self.statedPrometheusBytes, "\(bound)")
        #expect(text.contains(#"obsbridge_calls_total{operation="obsbridge.overflow"} 98000"#))
        #expect(text.contains("obsbridge_operation_limit 2000\n"))
        #expect(text.contains("obsbridge_operations_overflowed_total 98000\n"))
        #expect(text.contains("obsbridge_collector_memory_bytes "))
        let check = try CommandRunner.run("promtool", ["check", "metrics"], input: text)
        #expect(check.status == 0, "\(check.standardOutput.prefix(500))\(check.standardError.prefix(500))")
    }

    @Test("the worst case the bound describes is reached by hostile names, domains and codes, never passed")
    func worstCasePrometheus() throws {
        var configuration = Collector.Configuration()
        configuration.operationLimit = 20
        configuration.errorSeriesLimit = 30
        let source = InMemorySpanSource()
        let collector = Collector(source: source, configuration: configuration)
        var factory = SpanFactory()
        for index in 0..<50 {
            // Longer than the name limit, every byte needing an escape, and distinct only at the end.
            let operation = source.register(String(repeating: "\"\\", count: 100) + "\(index)")
            source.emit(factory.span(operation: operation, nanoseconds: 1 << 40, status: 10))
            for code in 0..<3 {
                source.emit(
                    error: factory.error(
                        operation: operation, domain: String(repeating: "\"", count: 100) + "\(index)",
                        code: Int32.min + Int32(code), message: "m"))
            }
        }
        collector.drainNow()
        let snapshot = collector.snapshot()
        let text = PrometheusText.render(snapshot)
        let bound = PrometheusText.maximumSize(of: snapshot)
        let lines = text.split(separator: "\n").count
        #expect(
            lines <= bound.lines && text.utf8.count <= bound.bytes,
            "\(lines)/\(bound.lines), \(text.utf8.count)/\(bound.bytes)")
        // Names longer than the limit are cut, so these collapse into one operation.
        #expect(snapshot.cardinality?.operations == 1)
        #expect(snapshot.operations.allSatisfy { $0.name.utf8.count <= Collector.maximumNameBytes })
        let check = try CommandRunner.run("promtool", ["check", "metrics"], input: text)
        #expect(check.status == 0, "\(check.standardOutput.prefix(500))\(check.standardError.prefix(500))")
    }

    @Test("names are cut to 128 bytes; ids with one name share its series")
    func namesAreBoundedAndMerged() {
        let source = InMemorySpanSource()
        let long = String(repeating: "a", count: 200)
        let first = source.register(long)
        let second = source.register(long + "b")
        let reserved = source.register(Collector.overflowOperationName)
        var factory = SpanFactory()
        for operation in [first, second, reserved] { source.emit(factory.span(operation: operation, nanoseconds: 5)) }
        let collector = Collector(source: source)
        collector.drainNow()
        let stats = collector.operationStats()
        #expect(stats.map(\.name) == [String(repeating: "a", count: 128), Collector.overflowOperationName])
        #expect(stats.map(\.calls) == [2, 1])
    }

    @Test("error series past their limit are counted under the operation's overflow series")
    func errorSeriesAreBounded() {
        var configuration = Collector.Configuration()
        configuration.errorSeriesLimit = 3
        let source = InMemorySpanSource()
        let operation = source.register("db.query")
        var factory = SpanFactory()
        for code in 0..<10 {
            source.emit(error: factory.error(operation: operation, domain: "db", code: Int32(code), message: "no"))
        }
        let collector = Collector(source: source, configuration: configuration)
        collector.drainNow()
        let counts = collector.operationStats().first?.errorCounts ?? [:]
        #expect(counts.count == 4)
        #expect(counts[ErrorKey(domain: Collector.overflowOperationName, code: 0)] == 7)
        let status = collector.cardinality()
        #expect(status.errorSeries == 3 && status.overflowedErrorRecords == 7)
    }

    @Test("the limits are in the OTLP metrics, which parse with the official definitions")
    func otlpCarriesLimits() throws {
        var configuration = Collector.Configuration()
        configuration.operationLimit = 3
        let source = InMemorySpanSource()
        var factory = SpanFactory()
        for index in 0..<10 {
            source.emit(factory.span(operation: source.register("op\(index)"), nanoseconds: 100))
        }
        let collector = Collector(source: source, configuration: configuration)
        collector.drainNow()
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/metrics.jsonl"
        try (OTLPJSON.metrics(collector.snapshot()) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let script = CommandRunner.packageRoot().appendingPathComponent("scripts/check_otlp.py").path
        let check = try CommandRunner.run("python3", [script, "metrics", path])
        #expect(check.status == 0, "\(check.standardError)")
        for name in ["obsbridge.operations.limit", "obsbridge.operations.overflowed", "obsbridge.collector.memory"] {
            #expect(check.standardOutput.contains(name), "missing \(name)")
        }
        #expect(OTLPJSON.metrics(collector.snapshot()).contains(#""name":"obsbridge.overflow.calls""#))
    }

    @Test("snapshots written before 0.2.0 (no cardinality, no outputs) still read")
    func oldSnapshotsRead() throws {
        let (snapshot, _, _) = sampleSnapshot()
        #expect(snapshot.cardinality != nil)
        var object = try #require(try JSONSerialization.jsonObject(with: snapshot.jsonData()) as? [String: Any])
        object.removeValue(forKey: "cardinality")
        object.removeValue(forKey: "outputs")
        let old = try CollectorSnapshot(jsonData: JSONSerialization.data(withJSONObject: object))
        #expect(old.cardinality == nil && old.outputs == nil)
        #expect(old.operations == snapshot.operations)
        let decoded = try CollectorSnapshot(jsonData: snapshot.jsonData())
        #expect(decoded == snapshot)
    }
}
