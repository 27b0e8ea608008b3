#if OBSBRIDGE_TSAN
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#else
import Synchronization
#endif

/// A value behind a lock: the one lock type every ObsBridge module uses.
///
/// Normal builds wrap `Synchronization.Mutex`. ThreadSanitizer builds (`-Xswiftc -DOBSBRIDGE_TSAN`, set by
/// `scripts/sanitizers.sh`) use a `pthread_mutex_t` instead: on Linux `Synchronization.Mutex` waits in a
/// futex inside the uninstrumented Synchronization library, so ThreadSanitizer never sees the
/// happens-before edge of a contended lock and reports false races on the data the lock guards. It
/// intercepts pthread mutexes, so with them it checks the real lock discipline. Having one type, in one
/// file, means a new module cannot forget the ThreadSanitizer variant.
///
/// Threads: any; `withLock` blocks until the lock is free, `withLockIfAvailable` never blocks. Not
/// reentrant.
package struct Locked<Value: ~Copyable>: ~Copyable {
    #if OBSBRIDGE_TSAN
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let value: UnsafeMutablePointer<Value>

    /// Creates a lock around `initialValue`.
    package init(_ initialValue: consuming sending Value) {
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
    package borrowing func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return try body(&value.pointee)
    }

    /// Runs `body` with exclusive access to the value if the lock is free now; `nil` otherwise.
    package borrowing func withLockIfAvailable<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result? {
        guard pthread_mutex_trylock(lock) == 0 else { return nil }
        defer { pthread_mutex_unlock(lock) }
        return try body(&value.pointee)
    }
    #else
    private let mutex: Mutex<Value>

    /// Creates a lock around `initialValue`.
    package init(_ initialValue: consuming sending Value) {
        mutex = Mutex(initialValue)
    }

    /// Runs `body` with exclusive access to the value.
    @inline(__always)
    package borrowing func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        try mutex.withLock(body)
    }

    /// Runs `body` with exclusive access to the value if the lock is free now; `nil` otherwise.
    @inline(__always)
    package borrowing func withLockIfAvailable<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result? {
        try mutex.withLockIfAvailable(body)
    }
    #endif
}

extension Locked: @unchecked Sendable where Value: ~Copyable {}
