import Foundation
import ObsBridge
import ObsCollector
import Synchronization

/// The demo's native workload: several operations with distinct latency shapes, failures, panics
/// and child spans, driven from OS threads and from Swift tasks at once.
public enum DemoWorkload {
    /// How long and how hard to run.
    public struct Options: Sendable {
        /// Seconds to run.
        public var durationSeconds: Double = 5
        /// OS threads calling native code directly.
        public var threads: Int = 2
        /// Swift tasks running `request` scopes around several native calls.
        public var tasks: Int = 2
        /// Calls per second per thread or task at most (the rest of the time is idle, as in a
        /// service); 0 runs flat out.
        public var callsPerSecond: Int = 20_000

        /// The defaults.
        public init() {}
    }

    /// What the workload did.
    public struct Result: Sendable {
        /// Native calls made.
        public var calls: UInt64
        /// Calls that threw.
        public var failures: UInt64
    }

    /// Runs the workload until the duration has passed or `shouldStop` says so.
    public static func run(
        _ demo: DemoNative, options: Options, shouldStop: @escaping @Sendable () -> Bool = { false }
    ) async -> Result {
        let tally = Tally()
        let deadline =
            UnixTime.monotonicNanoseconds()
            + UInt64(max(0, options.durationSeconds) * 1e9)
        let pace = options.callsPerSecond > 0 ? 1_000_000_000 / UInt64(options.callsPerSecond) : 0
        let done: @Sendable () -> Bool = { UnixTime.monotonicNanoseconds() >= deadline || shouldStop() }

        let threads = (0..<max(0, options.threads)).map { index in
            let finished = DispatchSemaphore(value: 0)
            let thread = Thread {
                var random = SplitMix64(seed: 0x5EED_0000 + UInt64(index))
                var next = UnixTime.monotonicNanoseconds()
                while !done() {
                    if nativeCall(demo, &random) { tally.failures.add(1, ordering: .relaxed) }
                    tally.calls.add(1, ordering: .relaxed)
                    next = Self.nextDeadline(after: next, pace: pace)
                    Self.wait(until: next)
                }
                finished.signal()
            }
            thread.name = "demo-worker-\(index)"
            thread.start()
            return finished
        }
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<max(0, options.tasks) {
                group.addTask {
                    var random = SplitMix64(seed: 0x7A5C_0000 + UInt64(index))
                    var next = UnixTime.monotonicNanoseconds()
                    while !done() {
                        let (made, failed) = await request(demo, &random)
                        tally.calls.add(made, ordering: .relaxed)
                        tally.failures.add(failed, ordering: .relaxed)
                        next = Self.nextDeadline(after: next, pace: pace * made)
                        let now = UnixTime.monotonicNanoseconds()
                        if next > now { try? await Task.sleep(nanoseconds: next - now) }
                    }
                }
            }
        }
        for finished in threads { finished.wait() }
        return Result(
            calls: tally.calls.load(ordering: .relaxed),
            failures: tally.failures.load(ordering: .relaxed))
    }

    /// One native call chosen at random. Returns whether it failed.
    static func nativeCall(_ demo: DemoNative, _ random: inout SplitMix64) -> Bool {
        do {
            switch random.next() % 100 {
            case 0..<10:
                let side = UInt32(16 + random.next() % 112)
                _ = try demo.resize(width: side, height: side)
            case 10..<12:
                _ = try demo.resize(width: 0, height: 64)  // invalid: fails
            case 12..<40:
                _ = try demo.parse(random.next() % 20 == 0 ? DemoInputs.malformedJSON : DemoInputs.json)
            case 40..<85:
                _ = try demo.get(key: random.next() % 10_000)
            default:
                let poisoned = random.next() % 200 == 0
                _ = try demo.checksum(poisoned ? DemoInputs.poisoned : DemoInputs.payload)
            }
            return false
        } catch {
            return true
        }
    }

    /// A `request` scope: a key look-up and a parse, in child tasks of the scope.
    static func request(_ demo: DemoNative, _ random: inout SplitMix64) async -> (UInt64, UInt64) {
        let key = random.next() % 10_000
        let malformed = random.next() % 25 == 0
        do {
            try await demo.bridge.span(demo.operations.request) { _ in
                async let value = Task { try demo.get(key: key) }.value
                async let count = Task {
                    try demo.parse(malformed ? DemoInputs.malformedJSON : DemoInputs.json)
                }.value
                _ = try await (value, count)
            }
            return (2, 0)
        } catch {
            return (2, 1)
        }
    }

    /// The next call's time. A worker that fell behind (descheduled on a busy machine) catches up
    /// by at most 10 ms instead of bursting flat out, as a service under load would.
    static func nextDeadline(after previous: UInt64, pace: UInt64) -> UInt64 {
        max(previous + pace, UnixTime.monotonicNanoseconds() &- 10_000_000)
    }

    private static func wait(until deadline: UInt64) {
        let now = UnixTime.monotonicNanoseconds()
        guard deadline > now else { return }
        var pause = timespec(
            tv_sec: Int(deadline - now) / 1_000_000_000,
            tv_nsec: Int(deadline - now) % 1_000_000_000)
        nanosleep(&pause, nil)
    }
}

/// Calls and failures counted by every worker.
final class Tally: Sendable {
    let calls = Atomic<UInt64>(0)
    let failures = Atomic<UInt64>(0)
}

/// Inputs for the demo calls.
enum DemoInputs {
    static let json = Array(
        #"{"user":{"id":42,"roles":["reader","writer"],"active":true},"items":[1,2,3,4.5,null]}"#.utf8)
    static let malformedJSON = Array(#"{"user":{"id":42,"password":"hunter2","roles":["reader",}"#.utf8)
    static let payload = Array((0..<256).map { UInt8($0 & 0x7F) })
    static let poisoned = [UInt8(0xFF)] + Array(repeating: 1, count: 63)
}
