//! The bounded error channel: error records on their way to the collector.
//!
//! Failures are the cold path, so this is a `Mutex<VecDeque>` (it grows as records arrive, up to
//! the capacity). The capacity comes from the open bridge's configuration (default
//! `OBSB_DEFAULT_ERROR_CAPACITY`); when the queue is full a new record is dropped and counted, so
//! `errors_emitted == errors_collected + errors_dropped + pending` exactly. A queue a quarter full
//! asks the collector to drain ([`crate::wake::request`]), once until the next drain: asking on every
//! failure while the error drain lags woke the collector every few microseconds, and the scheduler
//! then made it wait milliseconds for its next turn, long enough for a busy ring to overflow.

use crate::abi::ErrorRecord;
use crate::wake;
use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Error records held for the collector, and their counters.
struct ErrorQueue {
    /// Records not drained yet, oldest first.
    records: VecDeque<ErrorRecord>,
    /// Most records held at once.
    capacity: usize,
    /// `dropped`, by the failed span's callsite.
    dropped_by_callsite: BTreeMap<u32, u64>,
    /// The collector was asked to drain since the last drain.
    wake_requested: bool,
}

/// The error counters, read one after another without the lock: `emitted >= collected +
/// dropped` always holds, and a record drained meanwhile may still count as pending.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ErrorCounts {
    /// Records offered to the queue.
    pub(crate) emitted: u64,
    /// Records drained.
    pub(crate) collected: u64,
    /// Records refused because the queue was full.
    pub(crate) dropped: u64,
}

/// The default number of error records held (`OBSB_DEFAULT_ERROR_CAPACITY`).
pub(crate) const DEFAULT_ERROR_CAPACITY: usize = crate::abi::DEFAULT_ERROR_CAPACITY as usize;

/// The process's error queue.
static QUEUE: Mutex<ErrorQueue> = Mutex::new(ErrorQueue {
    records: VecDeque::new(),
    capacity: DEFAULT_ERROR_CAPACITY,
    dropped_by_callsite: BTreeMap::new(),
    wake_requested: false,
});

/// The counters, written under the queue's lock and read without it ([`counts`]): the collector
/// reads them after every span drain, and must not wait while a producer or the error drain
/// (perhaps preempted) holds the lock. Records offered to the queue.
static EMITTED: AtomicU64 = AtomicU64::new(0);
/// Records drained.
static COLLECTED: AtomicU64 = AtomicU64::new(0);
/// Records refused because the queue was full.
static DROPPED: AtomicU64 = AtomicU64::new(0);

/// Adds `n` to `counter`; called with the queue's lock held, so no update is lost.
fn add(counter: &AtomicU64, n: u64) {
    counter.store(counter.load(Ordering::Relaxed) + n, Ordering::Release);
}

/// Sets how many records the queue holds from now on (at open); records already held stay, and the
/// next push past the mark asks for a drain again.
pub(crate) fn set_capacity(capacity: usize) {
    let mut queue = lock();
    queue.capacity = capacity;
    queue.wake_requested = false;
}

/// Offers a record; drops (and counts) it when the queue is full. Asks the collector to drain when
/// the queue is a quarter full, once until the next drain.
pub(crate) fn push(record: &ErrorRecord) {
    let ask_for_drain = {
        let mut queue = lock();
        add(&EMITTED, 1);
        if queue.records.len() < queue.capacity {
            queue.records.push_back(*record);
        } else {
            add(&DROPPED, 1);
            *queue
                .dropped_by_callsite
                .entry(record.callsite)
                .or_insert(0) += 1;
        }
        let past_high_water = queue.records.len() >= (queue.capacity / 4).max(1);
        let ask = past_high_water && !queue.wake_requested;
        queue.wake_requested |= ask;
        ask
    };
    if ask_for_drain {
        wake::request();
    }
}

/// Moves up to `capacity` records, oldest first, to `out`; returns how many.
///
/// # Safety
///
/// `out` must be valid for writes of `capacity` records; it need not be aligned or initialised.
pub(crate) unsafe fn drain_into(out: *mut ErrorRecord, capacity: usize) -> usize {
    let mut queue = lock();
    let count = capacity.min(queue.records.len());
    for (i, record) in queue.records.drain(..count).enumerate() {
        // SAFETY: `i < count <= capacity`, and the caller guarantees room for `capacity` records.
        unsafe { out.add(i).write_unaligned(record) };
    }
    add(&COLLECTED, count as u64);
    queue.wake_requested = false;
    count
}

/// Drops so far by callsite, in callsite order: copies up to `out.len()` pairs into `out` and
/// returns how many callsites have drops (which may be more than it copied).
pub(crate) fn drops_by_callsite(out: &mut [(u32, u64)]) -> usize {
    let queue = lock();
    for (slot, (&callsite, &count)) in out.iter_mut().zip(queue.dropped_by_callsite.iter()) {
        *slot = (callsite, count);
    }
    queue.dropped_by_callsite.len()
}

/// The counters now, without the lock. Read collected and dropped first, emitted last: every
/// record they count was counted as emitted before (Release/Acquire), so `emitted >= collected +
/// dropped` always holds in what this returns.
pub(crate) fn counts() -> ErrorCounts {
    let collected = COLLECTED.load(Ordering::Acquire);
    let dropped = DROPPED.load(Ordering::Acquire);
    let emitted = EMITTED.load(Ordering::Acquire);
    ErrorCounts {
        emitted,
        collected,
        dropped,
    }
}

/// The queue's lock. Every update under it is a few field writes and one deque operation, so a
/// poisoned lock still guards consistent data.
fn lock() -> MutexGuard<'static, ErrorQueue> {
    QUEUE.lock().unwrap_or_else(PoisonError::into_inner)
}
