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
        """

    static func run(_ arguments: [String]) async throws -> Int32 {
        let options = try Arguments(arguments, valueFlags: ["--rounds"], switchFlags: ["--json", "--quick"])
        if options.has("--help") {
            Output.line(help)
            return 0
        }
        let quick = options.has("--quick")
        let rounds = try options.int("--rounds", default: quick ? 3 : 7, range: 1...101)
        let report = try Benchmark(quick: quick, rounds: rounds).run()
        Output.out(options.has("--json") ? report.json : report.text)
        return 0
    }
}

/// The measurements behind `obsbridge bench`.
struct Benchmark {
    let quick: Bool
    let rounds: Int
    static let ringCapacity: UInt32 = 1 << 18

    var calls: Int { quick ? 2_000 : 200_000 }

    func run() throws -> BenchReport {
        var configuration = Bridge.Configuration()
        configuration.ringCapacity = Self.ringCapacity
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
        report.tracedCallNs = median {
            defer { collector.drainNow() }
            return perCall { try? demo.noop() }
        }
        let parent = try TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        report.tracedCallWithParentNs = median {
            defer { collector.drainNow() }
            return perCall { try? demo.noop(parent: parent) }
        }
        report.rootContextNs = median { Bridge._benchmarkContextInit(iterations: calls, withParent: false) }
        report.childContextNs = median { Bridge._benchmarkContextInit(iterations: calls, withParent: true) }
        report.floor2ThreadsNs = median {
            let iterations = UInt64(calls)
            return concurrently { Double(DemoNative.floorNanoseconds(iterations: iterations)) / Double(iterations) }
        }
        report.nativeSpanNs = median {
            defer { collector.drainNow() }
            return Double(DemoNative.nativeSpansNanoseconds(iterations: UInt64(calls))) / Double(calls)
        }
        report.tracedCall2ThreadsNs = median {
            defer { collector.drainNow() }
            return twoThreads { try? demo.noop() }
        }
        report.drainSpansPerSecond = median {
            // Fill the ring below its capacity (no drops), then time the drain-and-record alone.
            let spans = min(calls * 2, Int(Self.ringCapacity) - 1)
            for _ in 0..<spans { try? demo.noop() }
            let start = UnixTime.monotonicNanoseconds()
            let drained = collector.drainNow()
            let elapsed = UnixTime.monotonicNanoseconds() - start
            return Double(drained) / (Double(max(1, elapsed)) / 1e9)
        }
        report.histogramRecordNs = median { LatencyHistogram._benchmarkRecord(iterations: calls * 10) }
        collector.drainNow()
        let after = collector.counters()
        report.emitted = after.emitted - before.emitted
        report.collected = after.collected - before.collected
        report.dropped = after.dropped - before.dropped
        report.ringBytesPerThread = Int(Self.ringCapacity) * 64
        report.defaultRingBytesPerThread = Int(Bridge.Configuration().ringCapacity) * 64
        report.histogramBytesPerOperation = LatencyHistogram.memoryFootprint
        report.quick = quick
        report.rounds = rounds
        return report
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

    /// Nanoseconds per call of `body` when two threads run it at once (the mean of both threads).
    func twoThreads(_ body: @escaping @Sendable () -> Void) -> Double {
        let calls = self.calls
        return concurrently {
            let start = UnixTime.monotonicNanoseconds()
            for _ in 0..<calls { body() }
            return Double(UnixTime.monotonicNanoseconds() - start) / Double(calls)
        }
    }

    /// The mean of what `measure` returns when two threads run it at the same moment.
    func concurrently(_ measure: @escaping @Sendable () -> Double) -> Double {
        let ready = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let results = Mutex<[Double]>([])
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
