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

    /// The address of a buffer's first element.
    static func address(_ spans: [ExportedSpan]) -> UnsafeRawPointer? {
        spans.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    @Test("a buffer handed back is emptied by the exporter and becomes a later export buffer")
    func recycledBufferIsReused() {
        let (source, op, collector) = Self.collector(capacity: 10_000)
        var factory = SpanFactory()
        for _ in 0..<1_000 { source.emit(factory.span(operation: op, nanoseconds: 5, status: 11)) }
        collector.drainNow()
        var (firstSpans, dropped) = collector.takeExportSpans()
        #expect(firstSpans.count == 1_000 && dropped == 0)
        let firstAddress = Self.address(firstSpans)
        collector.recycleExportSpans(consume firstSpans)
        // The buffer filling meanwhile is handed out next; the recycled one fills after it.
        for _ in 0..<10 { source.emit(factory.span(operation: op, nanoseconds: 5)) }
        collector.drainNow()
        var second = collector.takeExportSpans().spans
        #expect(second.count == 10)
        #expect(Self.address(second) != firstAddress)
        collector.recycleExportSpans(consume second)
        for _ in 0..<10 { source.emit(factory.span(operation: op, nanoseconds: 5)) }
        collector.drainNow()
        let third = collector.takeExportSpans().spans
        #expect(third.count == 10 && third.allSatisfy { $0.name == "op" })
        #expect(Self.address(third) == firstAddress, "the recycled buffer's memory was not reused")
    }

    @Test("an export buffer reserves its room before its first span; the memory figure counts what spans filled")
    func bufferReservesItsRoom() {
        let (source, op, collector) = Self.collector(capacity: 100_000)
        var factory = SpanFactory()
        let idle = collector.cardinality().memoryBytes
        source.emit(factory.span(operation: op, nanoseconds: 5))
        collector.drainNow()
        let oneSpan = collector.cardinality().memoryBytes
        // One span's worth (plus the operation's own), not 100,000 reserved spans.
        #expect(oneSpan - idle < UInt64(1_000 * MemoryLayout<ExportedSpan>.stride))
        let taken = collector.takeExportSpans().spans
        #expect(taken.capacity >= 100_000, "grown by copying instead of reserved")
        for _ in 0..<5_000 { source.emit(factory.span(operation: op, nanoseconds: 5)) }
        collector.drainNow()
        let filled = collector.cardinality().memoryBytes
        #expect(filled - oneSpan >= UInt64(5_000 * MemoryLayout<ExportedSpan>.stride))
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

    @Test("two exporters of one collector share its signal, and each stops at once")
    func twoExportersStop() throws {
        let (_, _, collector) = Self.collector(capacity: 100)
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let exporters = (0..<2).map { index in
            var destinations = PeriodicExporter.Destinations()
            destinations.otlpTracesPath = directory.appendingPathComponent("traces-\(index).jsonl").path
            destinations.intervalNanoseconds = 60_000_000_000
            return PeriodicExporter(collector: collector, destinations: destinations)
        }
        for exporter in exporters { exporter.start() }
        Thread.sleep(forTimeInterval: 0.05)  // both wait on the collector's signal
        let start = Date()
        // The later one first: the earlier waiter would take its wake-up.
        for exporter in exporters.reversed() { _ = exporter.stopAndExportFinal() }
        #expect(Date().timeIntervalSince(start) < 30, "a stop waited for its minute-long interval")
    }
}
