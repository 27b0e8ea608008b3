import Dispatch
import Foundation
import Synchronization

/// A named thread that runs one piece of work in rounds: every interval, or at once when woken, until
/// stopped. The collector's drain and the periodic exporter both run on one.
///
/// Threads: every method may be called from any thread. Lifecycle: ``start()`` once (later calls do
/// nothing); ``stop()`` wakes the thread, waits for the round in progress to finish and for the thread
/// to exit, and may be called any number of times, also without ``start()``.
package final class BackgroundLoop: Sendable {
    /// Whether a round runs before the first wait (the collector drains at once) or after it (the
    /// exporter writes one interval after it starts).
    package enum FirstRound: Sendable {
        /// Run, then wait.
        case immediately
        /// Wait, then run.
        case afterInterval
    }

    private enum Phase: Int {
        case idle = 0, running = 1, stopped = 2
    }

    private let name: String
    private let intervalNanoseconds: UInt64
    private let firstRound: FirstRound
    private let phase = Atomic<Int>(Phase.idle.rawValue)
    private let wakeSignal = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Creates a loop; nothing runs until ``start()``.
    ///
    /// - Parameters:
    ///   - name: The thread's name, as debuggers and `top -H` show it.
    ///   - intervalNanoseconds: The longest wait between two rounds.
    ///   - firstRound: Whether to run before or after the first wait.
    package init(name: String, intervalNanoseconds: UInt64, firstRound: FirstRound) {
        self.name = name
        self.intervalNanoseconds = intervalNanoseconds
        self.firstRound = firstRound
    }

    /// Whether the thread is running rounds.
    package var isRunning: Bool { phase.load(ordering: .acquiring) == Phase.running.rawValue }

    /// Starts the thread, which runs `round` until ``stop()``. Does nothing if the loop was started
    /// or stopped before.
    ///
    /// - Parameter round: The work; never runs concurrently with itself.
    package func start(_ round: @escaping @Sendable () -> Void) {
        guard
            phase.compareExchange(
                expected: Phase.idle.rawValue, desired: Phase.running.rawValue,
                ordering: .acquiringAndReleasing
            ).exchanged
        else { return }
        let thread = Thread { [self] in
            if firstRound == .immediately, isRunning { round() }
            while isRunning {
                _ = wakeSignal.wait(timeout: .now() + .nanoseconds(Int(clamping: intervalNanoseconds)))
                if isRunning { round() }
            }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Runs the next round now instead of at the end of the interval (if the loop is running).
    package func wake() {
        wakeSignal.signal()
    }

    /// Stops the thread and waits until it has exited. The round in progress, if any, completes.
    package func stop() {
        let previous = phase.exchange(Phase.stopped.rawValue, ordering: .acquiringAndReleasing)
        if previous == Phase.running.rawValue {
            wakeSignal.signal()
            finished.wait()
        }
    }
}
