import CAllocationCounter
import Foundation
import ObsBridge
import ObsDemo
import Synchronization

/// The bench figures of the pipeline a user runs (issue "trust under load"): every figure opens
/// its own bridge with the configuration it names, so it runs after the micro-benchmarks closed
/// theirs.
struct PipelineBenchmark {
    let quick: Bool
    let rounds: Int
    /// Seconds of each soak (`--soak`); 0 runs none.
    var soakSeconds = 0.0

    /// What one run of the pipeline figures measured.
    struct Figures {
        /// Spans per second the collector takes through histograms, logs, sanitizing and span
        /// export (2% failures), on its own core.
        var pipelineSpansPerSecond = 0.0
        /// Spans and error records lost by the default configuration in the burst.
        var lossDefaultBurst: UInt64 = 0
        /// What the burst sent and what reached the OTLP file.
        var burstSpans: UInt64 = 0
        var burstErrors: UInt64 = 0
        var burstSpansExported: UInt64 = 0
        /// Resident ring memory a thread holds after recording one span.
        var rssPerProducingThreadBytes = 0.0
        /// A traced call through the `async` form of `trace`.
        var tracedCallAsyncNs = 0.0
        /// malloc calls per traced call, sync and async (-1 where this build cannot count).
        var mallocsPerTracedCall = -1.0
        var mallocsPerAsyncTracedCall = -1.0
        /// Soaks at 50% and 90% of ``pipelineSpansPerSecond``: offered spans per second and loss.
        var soaks: [Soak] = []
        var soakSeconds = 0.0
    }

    /// One soak: the share of the pipeline rate offered, the rate achieved, and what was lost where.
    struct Soak {
        var fraction = 0.0
        var offeredPerSecond = 0.0
        var spansDropped: UInt64 = 0
        var errorsDropped: UInt64 = 0
        var exportDropped: UInt64 = 0
        var lost: UInt64 { spansDropped + errorsDropped + exportDropped }
    }

    func run() async throws -> Figures {
        var figures = Figures()
        figures.rssPerProducingThreadBytes = try rssPerProducingThread()
        try burstWithDefaults(into: &figures)
        figures.pipelineSpansPerSecond = try median { try pipelineRate() }
        try await asyncCalls(into: &figures)
        if soakSeconds > 0 {
            figures.soakSeconds = soakSeconds
            for fraction in [0.5, 0.9] {
                var result = try soak(spansPerSecond: fraction * figures.pipelineSpansPerSecond)
                result.fraction = fraction
                figures.soaks.append(result)
            }
        }
        return figures
    }

    // MARK: - The burst

    /// One thread, ~10,000 calls of a ~150 ns function in a loop, 20% failures, logs on, every span
    /// exported through the periodic exporter, with the default configuration otherwise: the loss.
    func burstWithDefaults(into figures: inout Figures) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = Bridge.Configuration()
        configuration.collector.logSink = LogWriter(destination: .file(directory + "/logs.jsonl"))
        configuration.collector.spanExport = .all
        let bridge = try Bridge.start(configuration)
        let demo = try DemoNative(bridge: bridge)
        var destinations = PeriodicExporter.Destinations()
        destinations.otlpTracesPath = directory + "/otlp.jsonl"
        let exporter = PeriodicExporter(collector: bridge.collector, destinations: destinations)
        exporter.start()
        let before = try bridge.collector.source.counters()
        let failing = try bridge.operation("bench.burst.fail")
        let message = Array(#"invalid version "1.2.3.4": unexpected character '.' after patch version"#.utf8)
        for index in 0..<(quick ? 1_000 : 10_000) {
            if index % 5 == 0 {
                _ = try? demo.fail(with: message, as: failing)
            } else {
                _ = try? demo.get(key: UInt64(index % 10 == 0 ? index + 1 : index))
            }
        }
        try bridge.shutdown()
        _ = exporter.stopAndExportFinal()
        let after = bridge.collector.counters()
        let exported = exporter.exportedSpans
        figures.burstSpans = after.emitted - before.emitted
        figures.burstErrors = after.errorsEmitted - before.errorsEmitted
        figures.burstSpansExported = exported.written
        figures.lossDefaultBurst =
            (after.dropped - before.dropped) + (after.errorsDropped - before.errorsDropped) + exported.dropped
            + after.pending + after.errorsPending
    }

    // MARK: - Pipeline throughput

    /// Spans per second through the whole pipeline on the collector's thread: producer threads
    /// fill their rings (2% failures, each with an error record to sanitize and log), then one
    /// timed drain takes everything and the exporter writes the kept (failed) spans as OTLP.
    func pipelineRate() throws -> Double {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = Bridge.Configuration()
        configuration.startsCollectorThread = false
        configuration.collector.logSink = LogWriter(destination: .file(directory + "/logs.jsonl"))
        configuration.collector.slowSpanThresholdNanoseconds = 1_000_000
        configuration.collector.spanExport = .slowAndFailed(thresholdNanoseconds: 1_000_000)
        let bridge = try Bridge.start(configuration)
        defer { try? bridge.shutdown() }
        let demo = try DemoNative(bridge: bridge)
        let failing = try bridge.operation("bench.pipeline.fail")
        var destinations = PeriodicExporter.Destinations()
        destinations.otlpTracesPath = directory + "/otlp.jsonl"
        let exporter = PeriodicExporter(collector: bridge.collector, destinations: destinations)
        let threads = 8
        let perThread = quick ? 2_000 : 20_000
        let filled = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let message = Array("lookup failed: password=hunter2 for bob@example.org at 10.1.2.3".utf8)
        for thread in 0..<threads {
            Thread {
                for index in 0..<perThread {
                    if index % 50 == 0 {
                        _ = try? demo.fail(with: message, as: failing)
                    } else {
                        _ = try? demo.get(key: UInt64(thread * perThread + index) | 1)
                    }
                }
                filled.signal()
                release.wait()
            }.start()
        }
        for _ in 0..<threads { filled.wait() }
        let start = UnixTime.monotonicNanoseconds()
        var spans = 0
        while true {
            let drained = bridge.collector.drainNow()
            spans += drained
            if drained == 0 { break }
        }
        exporter.exportOnce()
        let elapsed = UnixTime.monotonicNanoseconds() - start
        for _ in 0..<threads { release.signal() }
        return Double(spans) / (Double(max(1, elapsed)) / 1e9)
    }

    // MARK: - Soak

    /// One new producer thread offering `spansPerSecond` (2% failures) for ``soakSeconds`` through the
    /// default configuration with logs, the sanitizer and OTLP export of failed spans on, paced in
    /// millisecond steps: the rate it achieved and everything lost.
    func soak(spansPerSecond: Double) throws -> Soak {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = Bridge.Configuration()
        configuration.collector.logSink = LogWriter(destination: .file(directory + "/logs.jsonl"))
        configuration.collector.spanExport = .slowAndFailed(thresholdNanoseconds: 1_000_000)
        let bridge = try Bridge.start(configuration)
        let demo = try DemoNative(bridge: bridge)
        let failing = try bridge.operation("bench.soak.fail")
        var destinations = PeriodicExporter.Destinations()
        destinations.otlpTracesPath = directory + "/otlp.jsonl"
        let exporter = PeriodicExporter(collector: bridge.collector, destinations: destinations)
        exporter.start()
        let before = try bridge.collector.source.counters()
        let message = Array("lookup failed: password=hunter2 for bob@example.org at 10.1.2.3".utf8)
        let perMillisecond = max(1.0, spansPerSecond / 1_000)
        // A thread of its own: a thread's ring takes the capacity of the bridge open at its first
        // span, and this one must have the soak bridge's.
        let finished = DispatchSemaphore(value: 0)
        let elapsedSeconds = Locked(0.0)
        let seconds = soakSeconds
        Thread {
            let start = UnixTime.monotonicNanoseconds()
            let end = start + UInt64(seconds * 1e9)
            var sent = 0.0
            var calls = 0
            while UnixTime.monotonicNanoseconds() < end {
                sent += perMillisecond
                while Double(calls) < sent {
                    if calls % 50 == 0 {
                        _ = try? demo.fail(with: message, as: failing)
                    } else {
                        _ = try? demo.get(key: UInt64(calls) | 1)
                    }
                    calls += 1
                }
                let due = start + UInt64(sent / perMillisecond) * 1_000_000
                let now = UnixTime.monotonicNanoseconds()
                if due > now { usleep(UInt32((due - now) / 1_000)) }
            }
            let elapsed = Double(UnixTime.monotonicNanoseconds() - start) / 1e9
            elapsedSeconds.withLock { $0 = elapsed }
            finished.signal()
        }.start()
        finished.wait()
        let elapsed = elapsedSeconds.withLock { $0 }
        try bridge.shutdown()
        _ = exporter.stopAndExportFinal()
        let after = bridge.collector.counters()
        return Soak(
            offeredPerSecond: Double(after.emitted - before.emitted) / elapsed,
            spansDropped: after.dropped - before.dropped, errorsDropped: after.errorsDropped - before.errorsDropped,
            exportDropped: exporter.exportedSpans.dropped)
    }

    // MARK: - Memory

    /// Resident bytes a thread's ring costs after one span: threads that record one span and wait,
    /// minus the same number of threads that record nothing (their stacks cost the same).
    func rssPerProducingThread() throws -> Double {
        let bridge = try Bridge.start(Bridge.Configuration())
        defer { try? bridge.shutdown() }
        let demo = try DemoNative(bridge: bridge)
        let threads = 128
        func residentGrowth(recording: Bool) -> Int {
            let ready = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let done = DispatchSemaphore(value: 0)
            let before = CardinalityBenchmark.residentBytes()
            for _ in 0..<threads {
                Thread {
                    if recording { try? demo.noop() }
                    ready.signal()
                    release.wait()
                    done.signal()
                }.start()
            }
            for _ in 0..<threads { ready.wait() }
            let growth = CardinalityBenchmark.residentBytes() - before
            for _ in 0..<threads { release.signal() }
            for _ in 0..<threads { done.wait() }
            bridge.collector.drainNow()
            return growth
        }
        _ = residentGrowth(recording: false)  // warm the thread machinery
        var perThread: [Double] = []
        for _ in 0..<(quick ? 1 : 5) {
            let idle = residentGrowth(recording: false)
            let recording = residentGrowth(recording: true)
            perThread.append(Double(recording - idle) / Double(threads))
        }
        return max(0, perThread.sorted()[perThread.count / 2])
    }

    // MARK: - Async calls and allocations

    /// The async form of a traced call, and malloc calls per call of both forms.
    func asyncCalls(into figures: inout Figures) async throws {
        var configuration = Bridge.Configuration()
        configuration.startsCollectorThread = false
        let bridge = try Bridge.start(configuration)
        defer { try? bridge.shutdown() }
        let demo = try DemoNative(bridge: bridge)
        let calls = quick ? 2_000 : 100_000
        let batch = 4_096
        for _ in 0..<batch { try? await demo.noopAsync() }  // warm the slot caches
        bridge.collector.drainNow()
        var samples: [Double] = []
        for _ in 0..<rounds {
            var elapsed: UInt64 = 0
            var done = 0
            while done < calls {
                let start = UnixTime.monotonicNanoseconds()
                for _ in 0..<batch { try? await demo.noopAsync() }
                elapsed += UnixTime.monotonicNanoseconds() - start
                done += batch
                bridge.collector.drainNow()
            }
            samples.append(Double(elapsed) / Double(done))
        }
        figures.tracedCallAsyncNs = samples.sorted()[samples.count / 2]
        guard Self.allocationsAreCounted() else { return }
        let count = 1_000
        let syncStart = obsb_allocation_count()
        for _ in 0..<count { try? demo.noop() }
        figures.mallocsPerTracedCall = Double(obsb_allocation_count() - syncStart) / Double(count)
        let asyncStart = obsb_allocation_count()
        for _ in 0..<count { try? await demo.noopAsync() }
        let asyncEnd = obsb_allocation_count()
        figures.mallocsPerAsyncTracedCall = Double(asyncEnd - asyncStart) / Double(count)
        bridge.collector.drainNow()
    }

    // MARK: - Helpers

    /// Whether the malloc counter works in this build: it must see a known allocation.
    static func allocationsAreCounted() -> Bool {
        guard obsb_allocation_counting() != 0 else { return false }
        let before = obsb_allocation_count()
        let object = AllocationProbe()  // a heap object the optimizer cannot move to the stack
        AllocationProbe.last.withLock { $0 = object }
        return obsb_allocation_count() > before
    }

    func median(_ body: () throws -> Double) throws -> Double {
        var values: [Double] = []
        for _ in 0..<max(1, min(rounds, 5)) { values.append(try body()) }
        values.sort()
        return values[values.count / 2]
    }

    func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("obsbridge-bench-\(getpid())-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }
}

/// A class instance that escapes into a global, so creating one must call malloc.
final class AllocationProbe: Sendable {
    static let last = Locked<AllocationProbe?>(nil)
}
