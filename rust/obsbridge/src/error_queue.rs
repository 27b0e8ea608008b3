//! The bounded error channel: error records on their way to the collector.
//!
//! Failures are the cold path, so this is a `Mutex<VecDeque>` (it grows as records arrive, up to
//! the capacity). The capacity comes from the open bridge's configuration (default
//! `OBSB_DEFAULT_ERROR_CAPACITY`); when the queue is full a new record is dropped and counted, so
//! `errors_emitted == errors_collected + errors_dropped + pending` exactly. A queue a quarter full
//! asks the collector to drain ([`crate::wake::request`]).

use crate::abi::ErrorRecord;
use crate::wake;
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Error records held for the collector, and their counters.
struct ErrorQueue {
    /// Records not drained yet, oldest first.
    records: VecDeque<ErrorRecord>,
    /// Most records held at once.
    capacity: usize,
    /// Records offered to the queue.
    emitted: u64,
    /// Records drained.
    collected: u64,
    /// Records refused because the queue was full.
    dropped: u64,
    /// `dropped`, by the failed span's callsite.
    dropped_by_callsite: BTreeMap<u32, u64>,
}

/// The error counters at one instant.
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
    emitted: 0,
    collected: 0,
    dropped: 0,
    dropped_by_callsite: BTreeMap::new(),
});

/// Sets how many records the queue holds from now on; records already held stay.
pub(crate) fn set_capacity(capacity: usize) {
    lock().capacity = capacity;
}

/// Offers a record; drops (and counts) it when the queue is full.
pub(crate) fn push(record: &ErrorRecord) {
    let past_high_water = {
        let mut queue = lock();
        queue.emitted += 1;
        if queue.records.len() < queue.capacity {
            queue.records.push_back(*record);
        } else {
            queue.dropped += 1;
            *queue
                .dropped_by_callsite
                .entry(record.callsite)
                .or_insert(0) += 1;
        }
        queue.records.len() >= (queue.capacity / 4).max(1)
    };
    if past_high_water {
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
    queue.collected += count as u64;
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

/// The counters now.
pub(crate) fn counts() -> ErrorCounts {
    let queue = lock();
    ErrorCounts {
        emitted: queue.emitted,
        collected: queue.collected,
        dropped: queue.dropped,
    }
}

/// The queue's lock. Every update under it is a few field writes and one deque operation, so a
/// poisoned lock still guards consistent data.
fn lock() -> MutexGuard<'static, ErrorQueue> {
    QUEUE.lock().unwrap_or_else(PoisonError::into_inner)
}
