import Foundation
import ObsCollector
import ObsTestKit
import ObsTestSupport
import Testing

@Suite("Log writing off the drain thread")
struct LogWriterTests {
    private static func record(_ index: Int) -> LogRecord {
        LogRecord(timeUnixNano: 1, observedTimeUnixNano: 1, severity: .info, body: "record \(index)")
    }

    private static func bodies(in path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["body"] as? String ?? ""
        }
    }

    @Test("a started collector's log thread writes the records without drainNow or shutdown")
    func logThreadFlushes() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/logs.jsonl"
        let source = InMemorySpanSource()
        let op = source.register("kv.get")
        var configuration = Collector.Configuration()
        configuration.logSink = LogWriter(destination: .file(path))
        configuration.logFlushIntervalNanoseconds = 1_000_000
        let collector = Collector(source: source, configuration: configuration)
        collector.start()
        defer { collector.shutdown() }
        var factory = SpanFactory()
        for index in 0..<3 { source.emit(error: factory.error(operation: op, message: "failure \(index)")) }
        let written = waitUntil {
            ((try? Self.bodies(in: path)) ?? []).count == 3
        }
        #expect(written, "the log thread never wrote the three records")
        #expect(try Self.bodies(in: path) == (0..<3).map { "kv.get failed: failure \($0)" })
    }

    @Test("a writer that falls behind drops past its queue limit and counts every dropped record")
    func queueLimitCounts() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/logs.jsonl"
        let writer = LogWriter(destination: .file(path), queueLimit: 10)
        writer.write((0..<4).map(Self.record), resource: ResourceInfo())
        writer.write((4..<15).map(Self.record), resource: ResourceInfo())
        #expect(writer.failedRecords == 5)
        #expect(writer.lastFailure?.contains("fell behind: 5 records dropped") == true)
        writer.flush()
        #expect(try Self.bodies(in: path) == (0..<10).map { "record \($0)" })
        #expect(writer.writtenRecords == 10)
        writer.write([Self.record(99)], resource: ResourceInfo())  // room again after a flush
        writer.flush()
        #expect(writer.writtenRecords == 11 && writer.failedRecords == 5)
        let statistics = try #require(writer.outputStatistics.first)
        #expect(statistics.writtenRecords + statistics.lostRecords == 16)
    }

    @Test("flushes from several threads at once keep the records in the order they were queued")
    func concurrentFlushesKeepOrder() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/logs.jsonl"
        let writer = LogWriter(destination: .file(path))
        let total = 20_000
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            if worker == 0 {
                for start in stride(from: 0, to: total, by: 100) {
                    writer.write((start..<start + 100).map(Self.record), resource: ResourceInfo())
                }
            } else {
                for _ in 0..<200 { writer.flush() }
            }
        }
        writer.flush()
        #expect(try Self.bodies(in: path) == (0..<total).map { "record \($0)" })
    }
}

@Suite("Sanitizing off the span drain")
struct SanitizingOffTheDrainTests {
    @Test("a message whose sanitizing never ends stalls neither the span drain nor the counts")
    func slowSanitizingDoesNotStallSpans() throws {
        let release = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)
        // A rule that blocks on one message until the test releases it: the slowest sanitizing.
        let blocking = SanitizerRule(name: "blocking") { text in
            if text.contains("block here") {
                entered.signal()
                release.wait()
            }
            return (text, false)
        }
        let source = InMemorySpanSource()
        let op = source.register("kv.get")
        var configuration = Collector.Configuration()
        configuration.sanitizer = Sanitizer.standard.adding(blocking)
        configuration.drainIntervalNanoseconds = 1_000_000
        let collector = Collector(source: source, configuration: configuration)
        collector.start()
        var factory = SpanFactory()
        source.emit(error: factory.error(operation: op, code: 7, message: "block here"))
        #expect(entered.wait(timeout: .now() + 30) == .success, "the error was never sanitized")
        for _ in 0..<1_000 { source.emit(factory.span(operation: op, nanoseconds: 10)) }
        let drained = waitUntil { collector.operationStats().first?.calls == 1_000 }
        // Counted by domain and code before sanitizing, so the counts agree with the source.
        let counted = collector.operationStats().first?.errorCounts[ErrorKey(domain: "kv", code: 7)]
        release.signal()
        collector.shutdown()
        #expect(drained, "the span drain waited for the sanitizer")
        #expect(counted == 1)
        #expect(collector.recentErrors().map(\.message) == ["block here"])
        #expect(collector.counters().errorsCollected == 1 && collector.counters().collected == 1_000)
    }
}

@Suite("The span drain never waits for the collector's lock")
struct SpanDrainWithoutTheLockTests {
    /// An in-memory source whose per-operation error drops block until released: the error thread
    /// asks for them while it holds the collector's lock, so the lock stays held as long as the
    /// test wants.
    final class LockHoldingSource: SpanSource {
        let inner = InMemorySpanSource(errorCapacity: 1)
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)

        func drainSpans(into buffer: inout [SpanRecord], limit: Int) throws -> Int {
            try inner.drainSpans(into: &buffer, limit: limit)
        }
        func drainErrors(into buffer: inout [NativeErrorReport], limit: Int) throws -> Int {
            try inner.drainErrors(into: &buffer, limit: limit)
        }
        func counters() throws -> SourceCounters { try inner.counters() }
        func operationName(_ id: UInt32) -> String? { inner.operationName(id) }
        var clockSource: String { inner.clockSource }
        func errorRecordsDroppedByOperation() throws -> [UInt32: UInt64] {
            entered.signal()
            release.wait()
            return [:]
        }
    }

    @Test("while the error thread holds the collector's lock, the drain still empties the source")
    func drainEmptiesTheSourceWhileTheLockIsHeld() throws {
        let source = LockHoldingSource()
        let op = source.inner.register("kv.get")
        var configuration = Collector.Configuration()
        configuration.drainIntervalNanoseconds = 1_000_000
        configuration.batchCapacity = 1_000
        let collector = Collector(source: source, configuration: configuration)
        collector.start()
        var factory = SpanFactory()
        // Two errors into a queue of one: one is dropped, and the error thread, counting the other
        // under the lock, asks for the drops by operation and stays there.
        source.inner.emit(error: factory.error(operation: op, code: 7, message: "first"))
        source.inner.emit(error: factory.error(operation: op, code: 7, message: "dropped"))
        #expect(source.entered.wait(timeout: .now() + 30) == .success, "the error thread never took the lock")
        let spans = 50_000
        for _ in 0..<spans { source.inner.emit(factory.span(operation: op, nanoseconds: 10)) }
        // (Reading the collector now would wait for the lock: only the source is asked.)
        let emptied = waitUntil { (try? source.inner.counters().pending) == 0 }
        source.release.signal()
        collector.shutdown()
        #expect(emptied, "the span drain stopped while the lock was held")
        #expect(collector.operationStats().first?.calls == UInt64(spans))
        let counters = collector.counters()
        #expect(counters.collected == UInt64(spans) && counters.pending == 0)
        #expect(counters.errorsCollected == 1 && counters.errorsDropped == 1 && counters.errorsPending == 0)
    }
}
