import Foundation
import ObsCollector
import ObsTestKit
import ObsTestSupport
import Testing

@Suite("Span export buffer")
struct ExportBufferTests {
    /// A collector over an in-memory source that keeps every span for export.
    static func collector(capacity: Int) -> (InMemorySpanSource, UInt32, Collector) {
        let source = InMemorySpanSource()
        let op = source.register("op")
        var configuration = Collector.Configuration()
        configuration.spanExport = .all
        configuration.spanExportCapacity = capacity
        return (source, op, Collector(source: source, configuration: configuration))
    }

    @Test("a buffer handed back is emptied by the exporter and reused by a later export buffer")
    func recycledBufferIsReused() {
        let (source, op, collector) = Self.collector(capacity: 10_000)
        var factory = SpanFactory()
        for _ in 0..<1_000 { source.emit(factory.span(operation: op, nanoseconds: 5, status: 11)) }
        collector.drainNow()
        let first = collector.takeExportSpans()
        #expect(first.spans.count == 1_000 && first.dropped == 0)
        let firstCapacity = first.spans.capacity
        collector.recycleExportSpans(first.spans)
        // The buffer filling meanwhile is handed out next; the recycled one fills after it.
        for _ in 0..<10 { source.emit(factory.span(operation: op, nanoseconds: 5)) }
        collector.drainNow()
        let second = collector.takeExportSpans()
        #expect(second.spans.count == 10)
        collector.recycleExportSpans(second.spans)
        for _ in 0..<10 { source.emit(factory.span(operation: op, nanoseconds: 5)) }
        collector.drainNow()
        let third = collector.takeExportSpans()
        #expect(third.spans.count == 10)
        #expect(third.spans.capacity >= firstCapacity, "the recycled buffer's memory was not reused")
        #expect(third.spans.allSatisfy { $0.name == "op" })
    }

    @Test("the exporter writes before its interval is over once the export buffer is half full")
    func halfFullBufferWakesTheExporter() throws {
        let (source, op, collector) = Self.collector(capacity: 100)
        var factory = SpanFactory()
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var destinations = PeriodicExporter.Destinations()
        destinations.otlpTracesPath = directory.appendingPathComponent("traces.jsonl").path
        destinations.intervalNanoseconds = 3_600_000_000_000  // an hour: only the early round can write
        let exporter = PeriodicExporter(collector: collector, destinations: destinations)
        exporter.start()
        defer { _ = exporter.stopAndExportFinal() }
        for _ in 0..<49 { source.emit(factory.span(operation: op, nanoseconds: 5)) }
        collector.drainNow()
        Thread.sleep(forTimeInterval: 0.2)
        #expect(exporter.exportedSpans.written == 0, "below half full, the exporter waits for its interval")
        for _ in 0..<11 { source.emit(factory.span(operation: op, nanoseconds: 5)) }
        collector.drainNow()
        let deadline = Date().addingTimeInterval(30)
        while exporter.exportedSpans.written < 60, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(exporter.exportedSpans == (written: 60, dropped: 0))
        // Once taken, the next half-full buffer wakes it again.
        for _ in 0..<50 { source.emit(factory.span(operation: op, nanoseconds: 5)) }
        collector.drainNow()
        while exporter.exportedSpans.written < 110, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(exporter.exportedSpans == (written: 110, dropped: 0))
    }
}
