import Synchronization

/// The demo's part in a graceful stop (``GracefulStop``'s `beforeShutdown`): on SIGTERM or SIGINT
/// the workload stops taking new calls and the stop waits until the calls in flight are done, so the
/// bridge's final drain and export find every span, none still pending.
///
/// Threads: any. The signal's task calls ``stopAndWait()``; the workload polls ``isRequested`` and
/// calls ``workloadFinished()`` when it returns.
final class SignalStop: Sendable {
    private let requested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)

    /// Whether a signal asked the workload to stop.
    var isRequested: Bool { requested.load(ordering: .acquiring) }

    /// Asks the workload to stop and waits until it has returned.
    func stopAndWait() async {
        requested.store(true, ordering: .releasing)
        while !finished.load(ordering: .acquiring) {
            try? await Task.sleep(nanoseconds: 2_000_000)
        }
    }

    /// The workload has returned: no more calls.
    func workloadFinished() {
        finished.store(true, ordering: .releasing)
    }
}
