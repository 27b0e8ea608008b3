#if canImport(Glibc)
import Glibc
#endif

/// A reusable barrier for a fixed number of threads (POSIX `pthread_barrier_t`), for benchmarks
/// that need threads to run the same step at the same moment.
final class ThreadBarrier: @unchecked Sendable {
    // @unchecked: the barrier's storage is only touched through pthread calls, which synchronize.
    private let barrier = UnsafeMutablePointer<pthread_barrier_t>.allocate(capacity: 1)

    init(count: Int) {
        pthread_barrier_init(barrier, nil, UInt32(count))
    }

    deinit {
        pthread_barrier_destroy(barrier)
        barrier.deallocate()
    }

    /// Waits until `count` threads have called; returns `true` in exactly one of them.
    @discardableResult
    func wait() -> Bool {
        pthread_barrier_wait(barrier) == PTHREAD_BARRIER_SERIAL_THREAD
    }
}
