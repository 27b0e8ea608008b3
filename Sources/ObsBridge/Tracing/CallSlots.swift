import CObsBridge

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The context and error slot of one `async` traced call: memory that must stay put across
/// suspensions, so it cannot live on the stack.
struct CallSlot {
    var context: obsb_trace_context
    var error: obsb_error
}

/// A per-thread cache of ``CallSlot``s, so that an `async` traced call allocates nothing in the
/// steady state: ``acquire()`` takes a slot from the calling thread's cache (allocating only when it
/// is empty), ``release(_:)`` returns it to the cache of whichever thread the call finished on
/// (freeing it when that cache is full). Slots may migrate between threads with the tasks that
/// hold them; every thread keeps at most ``capacity`` of them, freed when the thread exits.
///
/// Threads: any; each thread touches only its own cache (a pthread key), so nothing locks.
enum CallSlots {
    /// Slots a thread keeps at most.
    static let capacity = 32

    /// One thread's cache: `count` slots in `slots[0..<count]`.
    struct Cache {
        var count: Int
        var slots: UnsafeMutablePointer<UnsafeMutablePointer<CallSlot>>
    }

    /// The key of the calling thread's cache; its destructor frees the cache and its slots.
    static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { raw in
            guard let raw else { return }
            let cache = raw.assumingMemoryBound(to: Cache.self)
            for index in 0..<cache.pointee.count { cache.pointee.slots[index].deallocate() }
            cache.pointee.slots.deallocate()
            cache.deallocate()
        }
        precondition(status == 0, "pthread_key_create failed: the process is out of thread keys")
        return key
    }()

    /// The calling thread's cache, created at its first use.
    @inline(__always)
    static func cache() -> UnsafeMutablePointer<Cache> {
        if let raw = pthread_getspecific(key) { return raw.assumingMemoryBound(to: Cache.self) }
        let cache = UnsafeMutablePointer<Cache>.allocate(capacity: 1)
        cache.initialize(to: Cache(count: 0, slots: .allocate(capacity: capacity)))
        pthread_setspecific(key, cache)
        return cache
    }

    /// A slot for one call, its contents undefined.
    @inline(__always)
    static func acquire() -> UnsafeMutablePointer<CallSlot> {
        let cache = cache()
        guard cache.pointee.count > 0 else { return .allocate(capacity: 1) }
        cache.pointee.count -= 1
        return cache.pointee.slots[cache.pointee.count]
    }

    /// Gives `slot` back; the caller must not use it again.
    @inline(__always)
    static func release(_ slot: UnsafeMutablePointer<CallSlot>) {
        let cache = cache()
        guard cache.pointee.count < capacity else { return slot.deallocate() }
        cache.pointee.slots[cache.pointee.count] = slot
        cache.pointee.count += 1
    }
}
