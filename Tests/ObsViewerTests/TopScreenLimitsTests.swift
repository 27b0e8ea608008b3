import ObsCollector
import ObsTestKit
import ObsViewer
import Testing

@Suite("top: the limits line")
struct TopScreenLimitsTests {
    @Test("top shows operations against the limit, the overflow, the memory held and output losses")
    func limitsLine() throws {
        var configuration = Collector.Configuration()
        configuration.operationLimit = 3
        let source = InMemorySpanSource()
        var factory = SpanFactory()
        for index in 0..<10 {
            source.emit(factory.span(operation: source.register("GET /users/\(index)"), nanoseconds: 1_000))
        }
        let collector = Collector(source: source, configuration: configuration)
        collector.drainNow()
        var snapshot = collector.snapshot()
        var output = OutputStatistics(output: "logs", path: "/var/log/app.jsonl")
        output.lostRecords = 12
        snapshot.outputs = [output]
        let lines = TopScreen(title: "t").lines(current: snapshot, previous: nil, width: 200, height: 40)
        let line = try #require(lines.first { $0.hasPrefix("operations ") }, "\(lines)")
        #expect(line.contains("operations 3/3, 7 more in obsbridge.overflow (7 calls)"))
        #expect(line.contains("MiB") && line.contains("outputs lost 12 records"))
        // A snapshot from before 0.2.0 has no such line.
        snapshot.cardinality = nil
        #expect(TopScreen.limitsLine(snapshot) == nil)
    }
}
