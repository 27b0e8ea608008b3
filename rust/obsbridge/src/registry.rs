//! The ring registry: one span ring per producing OS thread, found through a thread-local, drained
//! by the collector, freed after its thread exits.
//!
//! - Hot path ([`emit`]): one read of a const-initialised thread-local `Cell<*mut Producer>` and a
//!   push; no lock, no reference count, no read-modify-write.
//! - A thread's first record (cold) creates its ring with the capacity of the bridge that is open
//!   then, numbers it (1, 2, ..., by the process's recorder, see `runtime.rs`), and registers the consumer half under the registry's lock. A second
//!   thread-local, [`OWNER`], owns the producer and has a destructor: when the thread exits, it
//!   drops the producer, which marks the ring abandoned.
//! - The drain ([`drain_into`]) walks the registry (starting one ring further each time, so a small
//!   collector buffer cannot starve a ring), copies records out, and frees abandoned rings once they
//!   are empty, folding their counters into retired totals so the cumulative counters stay exact.
//! - A record emitted after the thread's [`OWNER`] is destroyed (from another thread-local's
//!   destructor during thread exit) has no ring to go to: it is counted as emitted and dropped in a
//!   process-wide counter (the one read-modify-write, on that rare path).

use crate::abi::SpanRecord;
use crate::ring::{ring, Consumer, Producer, RingCounts};
use crate::runtime;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Every ring not yet freed, and the totals of the freed ones.
struct Registry {
    /// Consumer halves, in registration order.
    rings: Vec<Consumer>,
    /// Where the next drain starts.
    cursor: usize,
    /// Counters of rings already freed.
    retired: RingCounts,
    /// How many rings were freed.
    rings_retired: u64,
}

/// Owns the thread's producer; its destructor abandons the ring.
struct RingOwner {
    /// The producer (null until the thread's first record).
    producer: Cell<*mut Producer>,
}

/// The span counters of all rings, at one instant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct SpanCounts {
    /// Spans pushed or dropped.
    pub(crate) emitted: u64,
    /// Spans drained.
    pub(crate) collected: u64,
    /// Spans dropped (full ring, or no ring during thread exit).
    pub(crate) dropped: u64,
    /// Rings not yet freed.
    pub(crate) rings_live: u64,
    /// Rings freed.
    pub(crate) rings_retired: u64,
}

/// The default ring capacity, in records (`OBSB_DEFAULT_RING_CAPACITY`): 16 MiB of address space
/// per producing thread, committed only as it is written (see [`crate::pages`]). The producer
/// cycles through the ring's hot lane (32,768 records, woken at a quarter of that) while the
/// collector keeps up, so a large ring costs no cache misses then; the spill lane rides out a
/// collector delay of about 35 ms at 6.5 million spans per second from one thread, where 2 vCPUs
/// shared with the producer and the pipeline's threads delayed it by over 10 ms.
pub(crate) const DEFAULT_RING_CAPACITY: usize = crate::abi::DEFAULT_RING_CAPACITY as usize;

/// The largest ring capacity, in records.
pub(crate) const MAX_RING_CAPACITY: usize = 1 << 20;

/// The process's rings.
static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    rings: Vec::new(),
    cursor: 0,
    retired: RingCounts {
        emitted: 0,
        collected: 0,
        dropped: 0,
    },
    rings_retired: 0,
});

/// Capacity of rings created from now on (set when a bridge opens).
static RING_CAPACITY: AtomicUsize = AtomicUsize::new(DEFAULT_RING_CAPACITY);

/// Records that found no ring (emitted during thread exit, after the ring was abandoned).
static DROPPED_WITHOUT_RING: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// The thread's producer, for the hot path: null before the first record and after the
    /// thread's [`OWNER`] is destroyed. No destructor, so reading it is a plain thread-local load.
    static PRODUCER: Cell<*mut Producer> = const { Cell::new(ptr::null_mut()) };

    /// Owns the producer; destroyed at thread exit.
    static OWNER: RingOwner = const { RingOwner { producer: Cell::new(ptr::null_mut()) } };
}

/// Sets the capacity of rings created from now on (rounded up to a power of two by the ring).
pub(crate) fn set_ring_capacity(capacity: usize) {
    RING_CAPACITY.store(capacity.clamp(1, MAX_RING_CAPACITY), Ordering::Relaxed);
}

/// Records `record` in the calling thread's ring (its `thread_index` is set to the ring's number);
/// a full ring drops it and counts the drop. Never blocks on the hot path and never panics.
#[inline]
pub(crate) fn emit(record: SpanRecord) {
    let producer = PRODUCER.with(Cell::get);
    if producer.is_null() {
        emit_first(record);
    } else {
        // SAFETY: a non-null PRODUCER points to the producer that this thread's OWNER owns; OWNER
        // nulls PRODUCER before freeing it, and only this thread ever touches either, so the
        // pointer is valid and no other reference to the producer exists during the push.
        unsafe { (*producer).push(record) };
    }
}

/// The calling thread's ring number, or 0 if it has none.
pub(crate) fn thread_index() -> u32 {
    let producer = PRODUCER.with(Cell::get);
    if producer.is_null() {
        0
    } else {
        // SAFETY: as in `emit`: the pointer is valid while PRODUCER holds it.
        unsafe { (*producer).index() }
    }
}

/// The thread's first record: create and register its ring, or count the record as dropped when
/// the thread is exiting, the system refuses the ring's memory (the next record tries again), or
/// anything here panics (this must not unwind into a caller).
#[cold]
#[inline(never)]
fn emit_first(record: SpanRecord) {
    let pushed = panic::catch_unwind(AssertUnwindSafe(|| {
        OWNER.try_with(|owner| {
            let producer = Box::into_raw(Box::new(register_ring()?));
            owner.producer.set(producer);
            PRODUCER.with(|cell| cell.set(producer));
            // SAFETY: just allocated, owned by OWNER, only reachable from this thread.
            unsafe { (*producer).push(record) };
            Some(())
        })
    }));
    if !matches!(pushed, Ok(Ok(Some(())))) {
        DROPPED_WITHOUT_RING.fetch_add(1, Ordering::Relaxed);
    }
}

/// Creates a ring and registers its consumer half; returns the producer half, or `None` when the
/// system refused the ring's memory.
fn register_ring() -> Option<Producer> {
    let capacity = RING_CAPACITY.load(Ordering::Relaxed);
    // Numbered by the recorder, so ring numbers are unique across every copy of the crate.
    let index = runtime::next_ring_index();
    let (producer, consumer) = ring(capacity, index)?;
    lock().rings.push(consumer);
    Some(producer)
}

/// Copies up to `capacity` records from all rings to `out` and frees the rings of exited threads
/// once they are empty; returns how many records were copied.
///
/// # Safety
///
/// `out` must be valid for writes of `capacity` records; it need not be aligned or initialised.
pub(crate) unsafe fn drain_into(out: *mut SpanRecord, capacity: usize) -> usize {
    let mut registry = lock();
    let registry = &mut *registry;
    let count = registry.rings.len();
    let mut written = 0;
    if count > 0 {
        let start = registry.cursor % count;
        registry.cursor = start + 1;
        for k in 0..count {
            if written == capacity {
                break;
            }
            let ring = &mut registry.rings[(start + k) % count];
            // SAFETY: `written < capacity`, so `out + written` has room for `capacity - written`
            // records, as the caller guarantees for `out` and `capacity`.
            written += unsafe { ring.pop_into(out.add(written), capacity - written) };
        }
    }
    let (retired, rings_retired) = (&mut registry.retired, &mut registry.rings_retired);
    registry.rings.retain(|ring| {
        // Abandoned first (Acquire): after that, `is_empty` sees the producer's final tail.
        let free = ring.is_abandoned() && ring.is_empty();
        if free {
            let counts = ring.counts();
            retired.emitted += counts.emitted;
            retired.collected += counts.collected;
            retired.dropped += counts.dropped;
            *rings_retired += 1;
        }
        !free
    });
    written
}

/// The span counters now, exact: `emitted == collected + dropped + pending`.
pub(crate) fn counts() -> SpanCounts {
    let registry = lock();
    let without_ring = DROPPED_WITHOUT_RING.load(Ordering::Relaxed);
    let mut total = SpanCounts {
        emitted: registry.retired.emitted + without_ring,
        collected: registry.retired.collected,
        dropped: registry.retired.dropped + without_ring,
        rings_live: registry.rings.len() as u64,
        rings_retired: registry.rings_retired,
    };
    for ring in &registry.rings {
        let counts = ring.counts();
        total.emitted += counts.emitted;
        total.collected += counts.collected;
        total.dropped += counts.dropped;
    }
    total
}

/// The registry's lock. Updates under it are a push, a retain or counter additions, none of which
/// can leave it inconsistent if something panicked meanwhile, so poisoning is ignored.
fn lock() -> MutexGuard<'static, Registry> {
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Drop for RingOwner {
    /// Thread exit: stop using the ring, then drop the producer, which marks the ring abandoned.
    fn drop(&mut self) {
        let producer = self.producer.replace(ptr::null_mut());
        if !producer.is_null() {
            // PRODUCER has no destructor, so it is still accessible here; if it were not, nothing
            // could read it any more either.
            let _ = PRODUCER.try_with(|cell| cell.set(ptr::null_mut()));
            // SAFETY: `producer` came from Box::into_raw in `emit_first`, and PRODUCER no longer
            // holds it, so this is the only owner.
            drop(unsafe { Box::from_raw(producer) });
        }
    }
}
