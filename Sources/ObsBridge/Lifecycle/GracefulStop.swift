import Dispatch
import Synchronization

#if canImport(Glibc)
public import Glibc
#elseif canImport(Musl)
public import Musl
#elseif canImport(Darwin)
public import Darwin
#endif

/// Stops a long-running service gracefully on a termination signal (`SIGTERM`, `SIGINT`): your
/// drain runs first, then ``Bridge/shutdown()`` drains every span into the collector and writes
/// every configured export a last time, then the process ends.
///
/// The library installs no signal handler by itself; this one exists only once the program calls
/// ``install(_:signals:beforeShutdown:afterShutdown:)``. The signals are received through
/// `DispatchSource`, so no code of yours runs in a signal handler's context (on Darwin their default
/// actions are set to `SIG_IGN` first, as kqueue requires; on Linux libdispatch takes them over
/// itself); `install` returns once every source is registered. A second signal while stopping ends the process at once, without the final
/// export (the usual meaning of a second Ctrl-C). Threads: every method may be called from any thread.
public final class GracefulStop: Sendable {
    /// A dispatch source, which may be cancelled from any thread (libdispatch's contract).
    private struct Source: @unchecked Sendable {
        let source: any DispatchSourceSignal
    }

    private struct State {
        var sources: [Source] = []
        var received: Int32?
    }

    /// The signals handled.
    public let signals: [Int32]
    private let state = Mutex(State())

    private init(signals: [Int32]) {
        self.signals = signals
    }

    /// Handles `signals` from now on.
    ///
    /// - Parameters:
    ///   - bridge: The bridge to shut down.
    ///   - signals: The signals that stop the service: `SIGTERM` (sent by systemd, Kubernetes,
    ///     `docker stop`) and `SIGINT` (Ctrl-C) by default.
    ///   - beforeShutdown: Stops taking work and waits for the work in flight, given the signal;
    ///     runs in a task of its own. Traced calls made meanwhile are still recorded.
    ///   - afterShutdown: Runs after the bridge's shutdown and final export, given the signal; the
    ///     default, ``endProcess(_:)``, ends the process as the signal would have.
    /// - Returns: The handler; ``cancel()`` restores the signals' default actions.
    public static func install(
        _ bridge: Bridge, signals: [Int32] = [SIGTERM, SIGINT],
        beforeShutdown: @escaping @Sendable (Int32) async -> Void = { _ in },
        afterShutdown: @escaping @Sendable (Int32) -> Void = { GracefulStop.endProcess($0) }
    ) -> GracefulStop {
        let stop = GracefulStop(signals: signals)
        let registered = DispatchSemaphore(value: 0)
        let sources = signals.map { number in
            #if canImport(Darwin)
            signal(number, SIG_IGN)
            #endif
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setRegistrationHandler { registered.signal() }
            source.setEventHandler {
                let first = stop.state.withLock { state in
                    guard state.received == nil else { return false }
                    state.received = number
                    return true
                }
                guard first else { endProcess(number) }
                Task {
                    await beforeShutdown(number)
                    try? bridge.shutdown()
                    afterShutdown(number)
                }
            }
            source.resume()
            return Source(source: source)
        }
        stop.state.withLock { $0.sources = sources }
        // A signal sent before its source is registered would take its default action.
        for _ in signals { _ = registered.wait(timeout: .now() + .seconds(10)) }
        return stop
    }

    /// The signal that started the stop, once one arrived.
    public var received: Int32? { state.withLock { $0.received } }

    /// Stops handling the signals and restores their default actions.
    public func cancel() {
        let sources = state.withLock { state in
            defer { state.sources = [] }
            return state.sources
        }
        for source in sources { source.source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }

    /// Ends the process as `signal` would have by default (its parent sees "killed by SIGTERM",
    /// which supervisors treat as a clean stop); exits with status 128 + `signal` if that fails.
    public static func endProcess(_ signal: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.signal(signal, SIG_DFL)
        #elseif canImport(Musl)
        Musl.signal(signal, SIG_DFL)
        #elseif canImport(Darwin)
        Darwin.signal(signal, SIG_DFL)
        #endif
        // libdispatch may block the signal in its threads; unblock it in this one before raising.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(signal)
        _exit(128 + signal)
    }
}
