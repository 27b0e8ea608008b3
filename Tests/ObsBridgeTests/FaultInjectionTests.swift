import Foundation
import ObsBridge
import ObsDemo
import ObsTestSupport
import Synchronization
import Testing

/// Fault injection against a real bridge. These tests open bridges, so they extend the serialized
/// ``BridgeTests`` suite (one bridge per process) instead of forming a suite of their own. Sizes
/// shrink under `OBSBRIDGE_TEST_SMALL=1` (set by scripts/sanitizers.sh).
extension BridgeTests {
    static let small = ProcessInfo.processInfo.environment["OBSBRIDGE_TEST_SMALL"] == "1"

    /// Runs `body(thread)` on `count` OS threads at once and waits for all of them.
    func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread {
                body(index)
                group.leave()
            }.start()
        }
        group.wait()
    }

    @Test("a stalled collector: producers never block, every drop is counted exactly, then it recovers")
    func stalledCollector() throws {
        // Expectation: with nobody draining, each thread's 64-slot ring fills and later spans are
        // dropped; after one drain, collected + dropped == emitted with nothing pending, and the
        // histogram holds exactly the collected spans. Afterwards, calls below capacity lose nothing.
        try withBridge(configuring: { $0.ringCapacity = 64 }) { bridge, demo in
            let before = try bridge.collector.source.counters()
            let threads = 4
            let perThread = Self.small ? 500 : 2_000
            onThreads(threads) { _ in
                for _ in 0..<perThread { try? demo.noop() }
            }
            bridge.collector.drainNow()
            let after = bridge.collector.counters()
            let emitted = after.emitted - before.emitted
            let collected = after.collected - before.collected
            let dropped = after.dropped - before.dropped
            #expect(emitted == UInt64(threads * perThread))
            #expect(collected + dropped == emitted, "nothing pending after a full drain")
            #expect(collected <= UInt64(threads * 64), "a ring holds at most its capacity")
            #expect(dropped >= UInt64(threads * (perThread - 64)))
            let calls = bridge.collector.operationStats().first { $0.name == "noop" }?.calls ?? 0
            #expect(calls == collected)
            // Recovery: below the ring's capacity, nothing more is dropped.
            for _ in 0..<50 { try demo.noop() }
            bridge.collector.drainNow()
            let recovered = bridge.collector.counters()
            #expect(recovered.dropped == after.dropped)
            #expect(recovered.collected == after.collected + 50)
            #expect(recovered.collected + recovered.dropped == recovered.emitted)
        }
    }

    @Test("a panic storm from many Swift threads: every call returns PANIC, the process survives")
    func panicStorm() throws {
        // Expectation: each poisoned checksum is caught at the boundary and becomes a NativeError
        // with status .panic; spans and error records are accounted exactly; the library still
        // computes checksums afterwards.
        try withBridge { bridge, demo in
            let before = try bridge.collector.source.counters()
            let threads = 8
            let perThread = Self.small ? 50 : 250
            let panics = Atomic<Int>(0)
            let others = Atomic<Int>(0)
            onThreads(threads) { _ in
                for index in 0..<perThread {
                    do {
                        _ = try demo.checksum([0xFF, UInt8(truncatingIfNeeded: index)])
                        others.add(1, ordering: .relaxed)
                    } catch let error as NativeError where error.status == .panic {
                        panics.add(1, ordering: .relaxed)
                    } catch {
                        others.add(1, ordering: .relaxed)
                    }
                }
            }
            #expect(panics.load(ordering: .relaxed) == threads * perThread)
            #expect(others.load(ordering: .relaxed) == 0)
            #expect(try demo.checksum([1, 2, 3]) != 0)
            bridge.collector.drainNow()
            let after = bridge.collector.counters()
            #expect(after.emitted - before.emitted == UInt64(threads * perThread + 1))
            #expect(after.collected + after.dropped == after.emitted)
            #expect(after.errorsEmitted - before.errorsEmitted == UInt64(threads * perThread))
            #expect(after.errorsCollected + after.errorsDropped == after.errorsEmitted)
            let stats = try #require(bridge.collector.operationStats().first { $0.name == "checksum" })
            #expect(stats.errors == stats.calls - 1)
            #expect(bridge.collector.recentErrors().allSatisfy { $0.status == "OBSB_STATUS_PANIC" })
        }
    }

    @Test("thousands of short-lived threads: every span is accounted and their rings are freed")
    func shortLivedThreads() throws {
        // Expectation: each exiting thread leaves its ring to the collector, which drains and frees
        // it: after the last drain no span is pending and retired rings outnumber the threads' waves.
        try withBridge { bridge, demo in
            let before = try bridge.collector.source.counters()
            let waves = Self.small ? 10 : 40
            let width = 50
            for _ in 0..<waves {
                onThreads(width) { index in
                    _ = try? demo.get(key: UInt64(index % 9 + 1))
                    try? demo.noop()
                }
                bridge.collector.drainNow()
            }
            let threads = UInt64(waves * width)
            // A thread leaves its ring only when it has fully exited, a moment after its body
            // returns; drain until the rings are retired (bounded wait).
            waitUntil {
                bridge.collector.drainNow()
                return bridge.collector.counters().ringsRetired - before.ringsRetired >= threads
            }
            let after = bridge.collector.counters()
            #expect(after.emitted - before.emitted == 2 * threads)
            #expect(after.collected + after.dropped == after.emitted)
            #expect(
                after.ringsRetired - before.ringsRetired >= threads - UInt64(width),
                "rings of exited threads are drained and freed")
            #expect(
                after.ringsLive <= before.ringsLive + UInt64(width) + 4,
                "live rings stay bounded: \(after.ringsLive)")
        }
    }

    @Test("shutdown while producers still call: no crash, later calls get a status, accounting holds")
    func shutdownUnderLoad() throws {
        // Expectation (Bridge.shutdown's documentation): spans recorded before the final drain are
        // collected; spans recorded between that drain and the native close stay pending (never
        // negative, never double-counted); calls after shutdown still run and return their status
        // (success, or a NativeError), and the closed collector fails to drain with a clear message.
        var configuration = Bridge.Configuration()
        configuration.collector.drainIntervalNanoseconds = 1_000_000
        let bridge = try Bridge.start(configuration)
        let demo = try DemoNative(bridge: bridge)
        let before = try bridge.collector.source.counters()
        let stop = Atomic<Bool>(false)
        let successes = Atomic<Int>(0)
        let failures = Atomic<Int>(0)
        let unexpected = Atomic<Int>(0)
        let group = DispatchGroup()
        for thread in 0..<4 {
            group.enter()
            Thread {
                var index = thread
                while !stop.load(ordering: .relaxed) {
                    index += 1
                    do {
                        _ = try demo.get(key: UInt64(index % 100))  // multiples of 97 fail
                        successes.add(1, ordering: .relaxed)
                    } catch let error as NativeError where error.status == .libraryError {
                        failures.add(1, ordering: .relaxed)
                    } catch {
                        unexpected.add(1, ordering: .relaxed)
                    }
                }
                group.leave()
            }.start()
        }
        let callCount = { successes.load(ordering: .relaxed) + failures.load(ordering: .relaxed) }
        #expect(waitUntil { callCount() >= 2_000 }, "the producers got going")
        try bridge.shutdown()
        let atShutdown = callCount()
        #expect(waitUntil { callCount() >= atShutdown + 2_000 }, "calls kept working after shutdown")
        stop.store(true, ordering: .relaxed)
        group.wait()
        #expect(unexpected.load(ordering: .relaxed) == 0)
        #expect(failures.load(ordering: .relaxed) > 0)
        #expect(!bridge.isRunning)
        let final = bridge.collector.counters()
        #expect(final.collected + final.dropped <= final.emitted, "pending is never negative")
        let calls = bridge.collector.operationStats().first { $0.name == "kv.get" }?.calls ?? 0
        #expect(calls <= final.collected - before.collected)
        #expect(final.emitted > before.emitted)
        // The closed handle is refused with a status, not used after free.
        bridge.collector.drainNow()
        #expect(
            bridge.collector.sourceFailure?.contains("CLOSED") == true
                || bridge.collector.sourceFailure?.lowercased().contains("closed") == true,
            "\(bridge.collector.sourceFailure ?? "no failure")")
        // The process's cumulative accounting carries over to the next bridge.
        let next = try Bridge.start()
        defer { try? next.shutdown() }
        let carried = try next.collector.source.counters()
        #expect(carried.emitted >= final.emitted)
    }

    @Test(
        "any wrong ABI version is refused before anything opens",
        arguments: [
            0, Bridge.headerABIVersion + 1, UInt32.max,
        ])
    func abiMismatchAnyVersion(version: UInt32) throws {
        #expect(throws: BridgeError.self) { _ = try Bridge.start(Bridge.Configuration(), abiVersion: version) }
        // The native side refuses it too, when asked directly.
        let probe = Bridge.probeNativeOpen(abiVersion: version)
        #expect(probe.status == .abiMismatch)
        #expect(!probe.wroteHandle, "no output on failure")
        let bridge = try Bridge.start()
        try bridge.shutdown()
    }

    @Test("exports to a path that vanishes are counted as failures and resume when it returns")
    func exportToVanishingPath() throws {
        // Expectation: every round reports the failure (never a crash, never a partial file), the
        // collector keeps collecting, and the next round after the directory returns writes again.
        try withBridge { bridge, demo in
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("obsbridge-vanish-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            var destinations = PeriodicExporter.Destinations()
            destinations.prometheus = .file(directory.path + "/metrics.prom")
            destinations.snapshotPath = directory.path + "/snapshot.json"
            destinations.otlpMetricsPath = directory.path + "/metrics.jsonl"
            let exporter = PeriodicExporter(collector: bridge.collector, destinations: destinations)
            _ = try demo.get(key: 1)
            bridge.collector.drainNow()
            #expect(exporter.exportOnce().isEmpty)
            try FileManager.default.removeItem(at: directory)
            _ = try demo.get(key: 2)
            bridge.collector.drainNow()
            let failed = exporter.exportOnce()
            #expect(failed.count == 3, "\(failed)")
            #expect(failed.allSatisfy { $0.contains(directory.lastPathComponent) })
            #expect(!FileManager.default.fileExists(atPath: directory.path), "nothing recreated silently")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            #expect(exporter.exportOnce().isEmpty)
            let data = try Data(contentsOf: directory.appendingPathComponent("snapshot.json"))
            let snapshot = try CollectorSnapshot(jsonData: data)
            #expect(snapshot.operations.first { $0.name == "kv.get" }?.calls == 2)
            #expect(exporter.failures.count == 3)
        }
    }
}
