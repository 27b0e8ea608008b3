import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A named thread that runs one piece of work in rounds: a round starts every interval (at once
/// after a round that took longer), when its ``WorkSignal`` says there is work, or at once when
/// woken, until stopped. The collector's drain and the periodic
/// exporter both run on one.
///
/// Threads: every method may be called from any thread. Lifecycle: ``start(_:)`` once (later calls
/// do nothing); ``stop()`` wakes the thread, waits for the round in progress to finish and for the
/// thread to exit, and may be called any number of times, also without ``start(_:)``.
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
    private let niceIncrement: Int32
    private let intervalNanoseconds: UInt64
    private let firstRound: FirstRound
    private let signal: any WorkSignal
    private let phase = Atomic<Int>(Phase.idle.rawValue)
    /// Whether the thread is waiting on its signal (between rounds), for ``stop()``.
    private let waiting = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Creates a loop; nothing runs until ``start(_:)``.
    ///
    /// - Parameters:
    ///   - name: The thread's name, as debuggers and `top -H` show it (at most 15 bytes count).
    ///   - intervalNanoseconds: The longest wait between two rounds.
    ///   - firstRound: Whether to run before or after the first wait.
    ///   - signal: What the loop waits on between rounds; `nil` waits out the interval (or a
    ///     ``wake()``).
    ///   - niceIncrement: How far the thread gives way to the process's other threads when they
    ///     all want a CPU (0: not at all). For bulk work whose buffers hold seconds (log writes,
    ///     exports), so that on a busy machine the span drain, whose rings hold milliseconds,
    ///     gets the CPU first. On Linux the thread's nice value is raised by this much (no
    ///     privilege needed: it only lowers the thread's own priority); on Darwin a non-zero
    ///     value gives the thread the `.utility` quality of service.
    package init(
        name: String, intervalNanoseconds: UInt64, firstRound: FirstRound, signal: (any WorkSignal)? = nil,
        niceIncrement: Int32 = 0
    ) {
        self.name = name
        self.niceIncrement = niceIncrement
        self.intervalNanoseconds = intervalNanoseconds
        self.firstRound = firstRound
        self.signal = signal ?? SemaphoreSignal()
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
            Self.nameCurrentThread(name)
            Self.lowerCurrentThreadPriority(by: niceIncrement)
            var roundStarted = UnixTime.monotonicNanoseconds()
            if firstRound == .immediately, isRunning { round() }
            while isRunning {
                // Rounds start an interval apart, not an interval after the previous one ended:
                // a slow round (a large export) does not stretch the period, and the buffers it
                // empties fill for one interval, not for the interval plus the round.
                let elapsed = UnixTime.monotonicNanoseconds() &- roundStarted
                if elapsed < intervalNanoseconds {
                    waiting.store(true, ordering: .releasing)
                    signal.wait(timeoutNanoseconds: intervalNanoseconds - elapsed)
                    waiting.store(false, ordering: .releasing)
                }
                roundStarted = UnixTime.monotonicNanoseconds()
                if isRunning { round() }
            }
            finished.signal()
        }
        thread.name = name
        #if canImport(Darwin)
        if niceIncrement > 0 { thread.qualityOfService = .utility }
        #endif
        thread.start()
    }

    /// Names the calling thread for `top -H`, `ps -L` and debuggers. Linux keeps 15 bytes (a longer
    /// name would be refused whole, which is why Foundation's `Thread.name` does not show there);
    /// best effort: a missing `/proc` leaves the thread unnamed.
    private static func nameCurrentThread(_ name: String) {
        #if os(Linux)
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        #endif
    }

    /// Raises the calling thread's nice value by `increment` (at most to 19). On Linux
    /// `setpriority(PRIO_PROCESS, 0, …)` changes the calling thread only. Best effort: a refusal
    /// leaves the thread as it was.
    private static func lowerCurrentThreadPriority(by increment: Int32) {
        #if os(Linux)
        guard increment > 0 else { return }
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        guard errno == 0 else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, min(19, current + increment))
        #endif
    }

    /// Runs the next round now instead of at the end of the interval (if the loop is running).
    package func wake() {
        signal.interrupt()
    }

    /// Stops the thread and waits until it has exited. The round in progress, if any, completes.
    /// While the thread still waits on its signal, the signal is interrupted again every 20 ms:
    /// another loop waiting on the same signal (two exporters of one collector) may take an
    /// interrupt meant for this one. A round in progress gets no more interrupts, so none pile up
    /// for the other loop.
    package func stop() {
        let previous = phase.exchange(Phase.stopped.rawValue, ordering: .acquiringAndReleasing)
        if previous == Phase.running.rawValue {
            signal.interrupt()
            while finished.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
                if waiting.load(ordering: .acquiring) { signal.interrupt() }
            }
        }
    }
}

/// The plain ``WorkSignal``: waits out the timeout unless interrupted. An interrupt while nobody
/// waits ends the next wait; several such interrupts end as many waits.
package final class SemaphoreSignal: WorkSignal {
    private let semaphore = DispatchSemaphore(value: 0)

    package init() {}

    package func wait(timeoutNanoseconds: UInt64) {
        _ = semaphore.wait(timeout: .now() + .nanoseconds(Int(clamping: timeoutNanoseconds)))
    }

    package func interrupt() {
        semaphore.signal()
    }
}
