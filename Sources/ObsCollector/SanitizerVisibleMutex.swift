#if OBSBRIDGE_TSAN
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// ThreadSanitizer builds only (`-Xswiftc -DOBSBRIDGE_TSAN`, set by `scripts/sanitizers.sh`): a stand-in
/// for `Synchronization.Mutex` with the same `withLock` shape, built on `pthread_mutex_t`.
///
/// On Linux, `Synchronization.Mutex` waits in a futex inside the uninstrumented Synchronization library,
/// so ThreadSanitizer never sees the happens-before edge of a contended lock and reports false races on the
/// data the lock guards (reproduced with two threads incrementing a `Mutex<Int>`). ThreadSanitizer
/// intercepts pthread mutexes, so with this type it checks the real lock discipline. A module's own
/// declaration shadows an imported one, so every module that locks has this file (symlinked from
/// ObsCollector) and uses it instead of `Synchronization.Mutex`. Normal builds never compile it.
struct Mutex<Value: ~Copyable>: ~Copyable {
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let value: UnsafeMutablePointer<Value>

    /// Creates a lock around `initialValue`.
    init(_ initialValue: consuming sending Value) {
        lock = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        value = .allocate(capacity: 1)
        value.initialize(to: initialValue)
    }

    deinit {
        value.deinitialize(count: 1)
        value.deallocate()
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    borrowing func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return try body(&value.pointee)
    }
}

extension Mutex: @unchecked Sendable where Value: ~Copyable {}
#endif
