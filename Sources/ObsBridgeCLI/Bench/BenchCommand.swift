import Foundation
import ObsBridge
import ObsDemo
import Synchronization

/// `obsbridge bench`: measures the bridge against the floor, in one process, one run.
enum BenchCommand {
    static let help = """
        USAGE: obsbridge bench [--json] [--quick] [--rounds N]

        Measures, each as the median of several rounds: a clock read, the floor (two clock reads
        plus a 64-byte store, run natively), a bare Swift → Rust call, the same call wrapped by
        `trace`, a Rust-native child span, the traced call from 2 threads at once, the collector's
        drain-and-record rate, a histogram record, and the memory the bridge holds. Reports each
        figure and its ratio to the floor. Build with `-c release` for meaningful figures.

        OPTIONS:
          --json       print one JSON object
          --quick      tiny iteration counts (a smoke test, not a measurement)
          --rounds N   rounds per figure (default 7)
          --pipeline-only   only the figures of the pipeline a user runs (to profile them)
          --soak SECONDS    also offer 50% and 90% of the measured pipeline rate for SECONDS each
                            (60 is the issue's figure) and report what was lost
        """

    static func run(_ arguments: [String]) async throws -> Int32 {
        let options = try Arguments(
            arguments, valueFlags: ["--rounds", "--soak"], switchFlags: ["--json", "--quick", "--pipeline-only"])
        if options.has("--help") {
            Output.line(help)
            return 0
        }
        let quick = options.has("--quick")
        let rounds = try options.int("--rounds", default: quick ? 3 : 7, range: 1...101)
        let pipelineOnly = options.has("--pipeline-only")
        var report = pipelineOnly ? BenchReport() : try Benchmark(quick: quick, rounds: rounds).run()
        var pipeline = PipelineBenchmark(quick: quick, rounds: rounds)
        pipeline.soakSeconds = Double(try options.int("--soak", default: 0, range: 0...3_600))
        report.pipeline = try await pipeline.run()
        Output.out(options.has("--json") ? report.json : report.text)
        return 0
    }
}

/// The measurements behind `obsbridge bench`.
struct Benchmark {
    let quick: Bool
    let rounds: Int
    /// The default ring size, as a real program runs it.
    static let ringCapacity = Int(Bridge.Configuration().ringCapacity)
    /// Traced calls between two (untimed) drains: half a ring's hot lane, so rings stay as warm as
    /// a running collector keeps them (it is woken at a quarter of the hot lane), and the
    /// producer never writes the spill lane.
    static let warmBatch = min(ringCapacity, Int(Bridge.Configuration.ringHotCapacity)) / 2
    /// Producer threads whose rings the drain-rate round fills.
    static let drainThreads = 16

    var calls: Int { quick ? 2_000 : 200_000 }

    func run() throws -> BenchReport {
        let memoryAtCardinalityLimit = CardinalityBenchmark.residentGrowthBytes()  // first: see its doc
        var configuration = Bridge.Configuration()
        configuration.startsCollectorThread = false
        let bridge = try Bridge.start(configuration)
        defer { try? bridge.shutdown() }
        let demo = try DemoNative(bridge: bridge)
        let collector = bridge.collector
        collector.drainNow()
        let before = collector.counters()
        var report = BenchReport()
        report.clockSource = bridge.clockSource

        report.floorNs = median { Double(DemoNative.floorNanoseconds(iterations: UInt64(calls))) / Double(calls) }
        report.clockReadNs = median { perCall { _ = DemoClock.now() } }
        report.bareCallNs = median { perCall { _ = DemoNative.bareCall() } }
        report.tracedCallNs = median { perCallWarm(collector) { try? demo.noop() } }
        report.tracedCallCollectorNs = median { producers(1, collector) { try? demo.noop() } }
        let parent = try TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        report.tracedCallWithParentNs = median { perCallWarm(collector) { try? demo.noop(parent: parent) } }
        report.rootContextNs = median { Bridge.benchmarkContextInit(iterations: calls, withParent: false) }
        report.childContextNs = median { Bridge.benchmarkContextInit(iterations: calls, withParent: true) }
        report.floor2ThreadsNs = median {
            let iterations = UInt64(calls)
            return concurrently { Double(DemoNative.floorNanoseconds(iterations: iterations)) / Double(iterations) }
        }
        report.nativeSpanNs = median {
            // In warm batches with a drain after each, like the traced calls.
            var elapsed: UInt64 = 0
            for _ in 0..<max(1, calls / Self.warmBatch) {
                elapsed += DemoNative.nativeSpansNanoseconds(iterations: UInt64(Self.warmBatch))
                collector.drainNow()
            }
            return Double(elapsed) / Double(max(1, calls / Self.warmBatch) * Self.warmBatch)
        }
        report.tracedCall2ThreadsNs = median { producers(2, collector) { try? demo.noop() } }
        report.drainSpansPerSecond = median { drainRate(demo: demo, collector: collector) }
        report.histogramRecordNs = median { LatencyHistogram.benchmarkRecord(iterations: calls * 10) }
        report.sanitizerMBPerSecond = median { SanitizerBenchmark.megabytesPerSecond(quick: quick) }
        report.sanitizerNsPerMessage = median { SanitizerBenchmark.nanosecondsPerMessage(quick: quick) }
        report.clockErrorPpm = median { clockErrorPpm() }
        while collector.drainNow() > 0 {}  // one call takes a bounded number of batches
        let after = collector.counters()
        report.emitted = after.emitted - before.emitted
        report.collected = after.collected - before.collected
        report.dropped = after.dropped - before.dropped
        report.defaultRingBytesPerThread = Int(Bridge.Configuration().ringCapacity) * 64
        report.histogramBytesPerOperation = LatencyHistogram.memoryFootprint
        report.memoryAtCardinalityLimitBytes = memoryAtCardinalityLimit
        report.quick = quick
        report.rounds = rounds
        return report
    }

    /// Spans per second that one drain call collects and records: threads fill their rings' hot
    /// lanes (what a collector that keeps up drains; nothing spills or drops) and stay alive while
    /// the collector drains them all.
    func drainRate(demo: DemoNative, collector: Collector) -> Double {
        let perThread = min(calls, Self.warmBatch * 2)
        let filled = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<Self.drainThreads {
            Thread {
                for _ in 0..<perThread { try? demo.noop() }
                filled.signal()
                release.wait()
                finished.signal()
            }.start()
        }
        for _ in 0..<Self.drainThreads { filled.wait() }
        let start = UnixTime.monotonicNanoseconds()
        let drained = collector.drainNow()
        let elapsed = UnixTime.monotonicNanoseconds() - start
        for _ in 0..<Self.drainThreads { release.signal() }
        for _ in 0..<Self.drainThreads { finished.wait() }
        collector.drainNow()  // the exited threads' rings are freed
        return Double(drained) / (Double(max(1, elapsed)) / 1e9)
    }

    /// How far the calibrated native clock strays from `CLOCK_MONOTONIC` over a 20 ms sleep
    /// (2 ms when quick), in parts per million: the readings of the two clocks are taken back to
    /// back at both ends, so scheduling barely enters.
    func clockErrorPpm() -> Double {
        let startTicks = DemoClock.now()
        let start = UnixTime.monotonicNanoseconds()
        usleep(quick ? 2_000 : 20_000)
        let endTicks = DemoClock.now()
        let end = UnixTime.monotonicNanoseconds()
        let wall = Double(end - start)
        let converted = Double(Bridge.clockNanoseconds(between: startTicks, and: endTicks))
        return abs(converted - wall) / wall * 1e6
    }

    /// The median of `rounds` runs of `body`.
    func median(_ body: () -> Double) -> Double {
        let values = (0..<rounds).map { _ in body() }.sorted()
        return values[values.count / 2]
    }

    /// Nanoseconds per call of `body`, over `calls` calls.
    func perCall(_ body: () -> Void) -> Double {
        let start = UnixTime.monotonicNanoseconds()
        for _ in 0..<calls { body() }
        return Double(UnixTime.monotonicNanoseconds() - start) / Double(calls)
    }

    /// Nanoseconds per traced call of `body` on this thread, timed in batches of ``warmBatch`` with
    /// an untimed drain on this same thread after each: the ring stays warm and owned by this core,
    /// as the floor's store is, so the figure is the bridge's own cost over the floor.
    func perCallWarm(_ collector: Collector, _ body: () -> Void) -> Double {
        var elapsed: UInt64 = 0
        var done = 0
        while done < calls {
            let batch = min(Self.warmBatch, calls - done)
            let start = UnixTime.monotonicNanoseconds()
            for _ in 0..<batch { body() }
            elapsed += UnixTime.monotonicNanoseconds() - start
            done += batch
            collector.drainNow()
        }
        return Double(elapsed) / Double(calls)
    }

    /// Nanoseconds per traced call when `count` producer threads call `body` at the same moment,
    /// as under a running collector: all run a batch of ``warmBatch`` calls in lockstep (barriers
    /// before and after), then this thread, standing in for the collector, drains every ring,
    /// untimed. Rings stay warm and never fill; and every record's cache line moves to the
    /// collector's core and back, as it does in real use. Returns the producers' mean.
    func producers(_ count: Int, _ collector: Collector, _ body: @escaping @Sendable () -> Void)
        -> Double
    {
        let barrier = ThreadBarrier(count: count + 1)
        let batches = max(1, calls / Self.warmBatch)
        let batch = Self.warmBatch
        let results = Locked<[Double]>([])
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<count {
            Thread {
                var elapsed: UInt64 = 0
                for _ in 0..<batches {
                    barrier.wait()
                    let start = UnixTime.monotonicNanoseconds()
                    for _ in 0..<batch { body() }
                    elapsed += UnixTime.monotonicNanoseconds() - start
                    barrier.wait()
                }
                results.withLock { $0.append(Double(elapsed) / Double(batches * batch)) }
                finished.signal()
            }.start()
        }
        for _ in 0..<batches {
            barrier.wait()  // the batch starts
            barrier.wait()  // every producer finished it
            collector.drainNow()
        }
        for _ in 0..<count { finished.wait() }
        return results.withLock { $0.reduce(0, +) / Double(max(1, $0.count)) }
    }

    /// The mean of what `measure` returns when two threads run it at the same moment.
    func concurrently(_ measure: @escaping @Sendable () -> Double) -> Double {
        let ready = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let results = Locked<[Double]>([])
        for _ in 0..<2 {
            let thread = Thread {
                ready.signal()
                go.wait()
                let value = measure()
                results.withLock { $0.append(value) }
                done.signal()
            }
            thread.start()
        }
        ready.wait()
        ready.wait()
        go.signal()
        go.signal()
        done.wait()
        done.wait()
        return results.withLock { $0.reduce(0, +) / Double(max(1, $0.count)) }
    }
}
