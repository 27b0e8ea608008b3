//! A bounded single-producer single-consumer ring of [`SpanRecord`]s, in two halves.
//!
//! [`ring`] returns a [`Producer`] (owned by the recording thread) and a [`Consumer`] (owned by the
//! registry, used by the drain). Each half is `Send` but not `Sync`; there is exactly one of each.
//!
//! - Indices are monotonically increasing `u64`s (they never wrap in practice); a slot is
//!   `index & mask`, the capacity is a power of two.
//! - The producer writes a slot, then publishes it with a Release store of `tail`; the consumer
//!   observes `tail` with Acquire, copies, then frees the slots with one Release store of `head` per
//!   batch, which the producer observes with Acquire before reusing them.
//! - Each half caches the other's index and re-reads it only when the cache says "full" (producer)
//!   or "not enough" (consumer), so in the common case a push touches no line the consumer writes.
//! - A full ring drops the newest record and counts it in `dropped`, written by the producer alone
//!   with a plain store (no read-modify-write). `emitted = tail + dropped`, `collected = head`, so
//!   `emitted == collected + dropped + (tail - head)` exactly.
//! - A ring filled past its high-water mark (a quarter of its capacity) asks the collector to drain
//!   ([`crate::wake::request`]). The producer checks the mark with the same comparison that finds
//!   a full ring, so the common push costs nothing more.
//! - Slots live in [`Pages`] committed as they are first written: a large ring costs only the pages
//!   its thread has used.
//! - The producer's `Drop` marks the ring abandoned (Release); once the consumer has seen that flag
//!   (Acquire) and emptied the ring, nothing more can ever arrive and the ring may be freed.

use crate::abi::SpanRecord;
use crate::cache_padded::CachePadded;
use crate::pages::Pages;
use crate::wake;
use std::cell::Cell;
use std::marker::PhantomData;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

/// The writing half of a ring; see the [module documentation](self).
pub(crate) struct Producer {
    /// Keeps the slots alive.
    shared: Arc<Shared>,
    /// `shared.slots`, as a raw pointer for the hot path.
    slots: NonNull<SpanRecord>,
    /// Capacity - 1.
    mask: u64,
    /// Records in the ring (as far as `cached_head` tells) at which the producer looks closer: it
    /// refreshes its view of the head, and asks the collector to drain when the ring is that full.
    high_water: u64,
    /// Next index to write; mirrors `shared.producer.tail`, which only this half writes.
    tail: u64,
    /// A value of `shared.consumer.head` seen earlier; the real head is at least this.
    cached_head: u64,
    /// Mirrors `shared.producer.dropped`, which only this half writes.
    dropped: u64,
    /// The ring number written into every record's `thread_index`.
    index: u32,
    /// Not `Sync`.
    _not_sync: PhantomData<Cell<()>>,
}

/// The reading half of a ring; see the [module documentation](self).
pub(crate) struct Consumer {
    /// Keeps the slots alive.
    shared: Arc<Shared>,
    /// Next index to read; mirrors `shared.consumer.head`, which only this half writes.
    head: u64,
    /// A value of `shared.producer.tail` seen earlier; the real tail is at least this.
    cached_tail: u64,
    /// Not `Sync`.
    _not_sync: PhantomData<Cell<()>>,
}

/// A ring's counters at one instant, with `emitted == collected + dropped + pending`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RingCounts {
    /// Records pushed or dropped.
    pub(crate) emitted: u64,
    /// Records the consumer has taken.
    pub(crate) collected: u64,
    /// Records refused because the ring was full.
    pub(crate) dropped: u64,
}

/// What both halves share.
struct Shared {
    /// Written by the consumer.
    consumer: CachePadded<ConsumerIndex>,
    /// Written by the producer.
    producer: CachePadded<ProducerIndex>,
    /// The records; slot `i & mask` holds record `i`.
    slots: Pages,
    /// How many slots.
    capacity: usize,
}

/// The consumer's published state.
struct ConsumerIndex {
    /// Every record below this index has been copied out.
    head: AtomicU64,
}

/// The producer's published state.
struct ProducerIndex {
    /// Every record below this index has been written.
    tail: AtomicU64,
    /// Records refused because the ring was full.
    dropped: AtomicU64,
    /// Set once, when the producer is dropped.
    abandoned: AtomicBool,
}

// SAFETY: the slots are the only part written through shared pointers. The SPSC protocol gives each slot to exactly one
// side at a time: the producer writes only slots in [tail, head + capacity), the consumer reads only
// slots in [head, tail), and the Release/Acquire pairs on `tail` and `head` order those accesses.
unsafe impl Sync for Shared {}

// SAFETY: `slots` points into the `Shared` that `shared` keeps alive, and the producer is neither
// `Clone` nor `Sync`, so moving it to another thread keeps exactly one writer.
unsafe impl Send for Producer {}

/// Creates a ring holding `capacity` records (rounded up to a power of two, at least 1) whose
/// records carry `index` as their `thread_index`.
///
/// Returns `None` when the system refuses the memory (the caller then records nothing for this
/// thread and counts its spans as dropped).
///
/// # Panics
///
/// If `capacity` exceeds `isize::MAX / 64` (the allocation could not exist); the registry never asks
/// for more than 2^20.
pub(crate) fn ring(capacity: usize, index: u32) -> Option<(Producer, Consumer)> {
    let capacity = capacity.max(1).next_power_of_two();
    let bytes = capacity
        .checked_mul(std::mem::size_of::<SpanRecord>())
        .expect("ring capacity is bounded by the registry");
    let slots = Pages::new(bytes)?;
    let shared = Arc::new(Shared {
        consumer: CachePadded::new(ConsumerIndex {
            head: AtomicU64::new(0),
        }),
        producer: CachePadded::new(ProducerIndex {
            tail: AtomicU64::new(0),
            dropped: AtomicU64::new(0),
            abandoned: AtomicBool::new(false),
        }),
        slots,
        capacity,
    });
    // Page-aligned, so aligned for records; zeroed memory is a valid (default) record.
    let slots = shared.slots.start().cast::<SpanRecord>();
    let producer = Producer {
        shared: Arc::clone(&shared),
        slots,
        mask: capacity as u64 - 1,
        high_water: (capacity as u64 / 4).max(1),
        tail: 0,
        cached_head: 0,
        dropped: 0,
        index,
        _not_sync: PhantomData,
    };
    let consumer = Consumer {
        shared,
        head: 0,
        cached_tail: 0,
        _not_sync: PhantomData,
    };
    Some((producer, consumer))
}

impl Producer {
    /// Appends `record` with its `thread_index` set to this ring's number; returns `false` (and
    /// counts a drop) when the ring is full.
    #[inline]
    pub(crate) fn push(&mut self, record: SpanRecord) -> bool {
        let tail = self.tail;
        if tail.wrapping_sub(self.cached_head) >= self.high_water && !self.make_room(tail) {
            self.count_drop();
            return false;
        }
        // SAFETY: `tail & mask` is in bounds, and the slot is free: the consumer has released every
        // index below `cached_head` (Acquire in `make_room`) and `tail - cached_head <= mask`
        // (below the high-water mark, or checked by `make_room`), so the consumer will not read
        // this slot until `tail` is published below.
        unsafe {
            self.slots
                .as_ptr()
                .add((tail & self.mask) as usize)
                .write(SpanRecord {
                    thread_index: self.index,
                    ..record
                });
        }
        self.tail = tail.wrapping_add(1);
        self.shared
            .producer
            .tail
            .store(self.tail, Ordering::Release);
        true
    }

    /// This ring's number.
    #[inline]
    pub(crate) fn index(&self) -> u32 {
        self.index
    }

    /// The cache says the ring is past its high-water mark: re-read the consumer's head, ask the
    /// collector to drain if the ring really is that full, and return whether there is room.
    #[cold]
    #[inline(never)]
    fn make_room(&mut self, tail: u64) -> bool {
        self.cached_head = self.shared.consumer.head.load(Ordering::Acquire);
        let used = tail.wrapping_sub(self.cached_head);
        if used >= self.high_water {
            wake::request();
        }
        used <= self.mask
    }

    /// Counts a dropped record; a plain store, as this half is the counter's only writer.
    #[cold]
    #[inline(never)]
    fn count_drop(&mut self) {
        self.dropped += 1;
        self.shared
            .producer
            .dropped
            .store(self.dropped, Ordering::Relaxed);
    }
}

impl Drop for Producer {
    /// Marks the ring abandoned, after (Release) every record this producer published.
    fn drop(&mut self) {
        self.shared
            .producer
            .abandoned
            .store(true, Ordering::Release);
    }
}

impl Consumer {
    /// Copies up to `capacity` records, oldest first, to `out`; returns how many. Frees their slots
    /// with one Release store.
    ///
    /// # Safety
    ///
    /// `out` must be valid for writes of `capacity * 64` bytes. It need not be aligned, and the
    /// memory need not be initialised.
    pub(crate) unsafe fn pop_into(&mut self, out: *mut SpanRecord, capacity: usize) -> usize {
        let head = self.head;
        let want = capacity as u64;
        if self.cached_tail.wrapping_sub(head) < want {
            self.cached_tail = self.shared.producer.tail.load(Ordering::Acquire);
        }
        let count = self.cached_tail.wrapping_sub(head).min(want) as usize;
        if count == 0 {
            return 0;
        }
        let slots = self
            .shared
            .slots
            .start()
            .cast::<SpanRecord>()
            .as_ptr()
            .cast_const();
        let size = self.shared.capacity;
        let start = (head & (size as u64 - 1)) as usize;
        let first = count.min(size - start);
        let record = std::mem::size_of::<SpanRecord>();
        // SAFETY: the slots [head, head + count) were published by the producer (Acquire load of
        // `tail` above, or an earlier one) and it will not touch them until `head` moves past them
        // below. They are the `first` slots from `start` and the `count - first` slots from 0, all
        // in bounds. The caller guarantees `out` has room for `capacity >= count` records; the copy
        // is bytewise, so `out` needs no alignment, and it cannot overlap the ring's own buffer.
        unsafe {
            let out = out.cast::<u8>();
            std::ptr::copy_nonoverlapping(slots.add(start).cast::<u8>(), out, first * record);
            std::ptr::copy_nonoverlapping(
                slots.cast::<u8>(),
                out.add(first * record),
                (count - first) * record,
            );
        }
        self.head = head.wrapping_add(count as u64);
        self.shared
            .consumer
            .head
            .store(self.head, Ordering::Release);
        count
    }

    /// Whether the producer is gone. Once this has returned `true`, every record it ever pushed is
    /// visible to this consumer.
    #[inline]
    pub(crate) fn is_abandoned(&self) -> bool {
        self.shared.producer.abandoned.load(Ordering::Acquire)
    }

    /// Whether every published record has been taken.
    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.shared.producer.tail.load(Ordering::Acquire) == self.head
    }

    /// The ring's counters now.
    pub(crate) fn counts(&self) -> RingCounts {
        let dropped = self.shared.producer.dropped.load(Ordering::Relaxed);
        let tail = self.shared.producer.tail.load(Ordering::Acquire);
        RingCounts {
            emitted: tail + dropped,
            collected: self.head,
            dropped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(n: u64) -> SpanRecord {
        SpanRecord {
            span_id: n,
            start_ticks: n,
            end_ticks: !n,
            ..SpanRecord::default()
        }
    }

    fn pop(consumer: &mut Consumer, capacity: usize) -> Vec<SpanRecord> {
        let mut out = vec![SpanRecord::default(); capacity];
        // SAFETY: `out` holds `capacity` records.
        let n = unsafe { consumer.pop_into(out.as_mut_ptr(), capacity) };
        out.truncate(n);
        out
    }

    #[test]
    fn capacity_rounds_up_to_a_power_of_two() {
        let (mut producer, mut consumer) = ring(5, 7).expect("memory");
        assert!((0..8).all(|n| producer.push(record(n))));
        assert!(!producer.push(record(8)));
        let got = pop(&mut consumer, 100);
        assert_eq!(got.len(), 8);
        assert!(got.iter().all(|r| r.thread_index == 7));
        assert_eq!(
            consumer.counts(),
            RingCounts {
                emitted: 9,
                collected: 8,
                dropped: 1
            }
        );
    }

    #[test]
    fn full_ring_drops_the_newest_and_counts_exactly() {
        let (mut producer, mut consumer) = ring(4, 1).expect("memory");
        let accepted = (0..10).filter(|&n| producer.push(record(n))).count();
        assert_eq!(accepted, 4);
        let ids: Vec<u64> = pop(&mut consumer, 10).iter().map(|r| r.span_id).collect();
        assert_eq!(ids, [0, 1, 2, 3]);
        assert_eq!(
            consumer.counts(),
            RingCounts {
                emitted: 10,
                collected: 4,
                dropped: 6
            }
        );
        assert!(producer.push(record(10)), "room again after the drain");
    }

    #[test]
    fn wraps_around_in_two_copies() {
        let (mut producer, mut consumer) = ring(8, 1).expect("memory");
        let mut next = 0;
        let mut expected = 0;
        for round in 0..50 {
            for _ in 0..(round % 7 + 1) {
                assert!(producer.push(record(next)));
                next += 1;
            }
            for r in pop(&mut consumer, round % 5 + 3) {
                assert_eq!(
                    r,
                    SpanRecord {
                        thread_index: 1,
                        ..record(expected)
                    }
                );
                expected += 1;
            }
            while expected < next {
                for r in pop(&mut consumer, 8) {
                    assert_eq!(r.span_id, expected);
                    expected += 1;
                }
            }
        }
        assert!(consumer.is_empty());
    }

    #[test]
    fn abandoned_after_the_producer_drops() {
        let (mut producer, mut consumer) = ring(2, 1).expect("memory");
        assert!(producer.push(record(1)));
        assert!(!consumer.is_abandoned());
        drop(producer);
        assert!(consumer.is_abandoned());
        assert!(!consumer.is_empty());
        assert_eq!(pop(&mut consumer, 1).len(), 1);
        assert!(consumer.is_empty());
    }

    #[test]
    fn unaligned_output_is_fine() {
        let (mut producer, mut consumer) = ring(4, 3).expect("memory");
        assert!(producer.push(record(42)));
        let mut bytes = vec![0u8; 64 + 1];
        // SAFETY: 64 writable bytes from offset 1.
        let n = unsafe { consumer.pop_into(bytes.as_mut_ptr().add(1).cast(), 1) };
        assert_eq!(n, 1);
        // SAFETY: the 64 bytes at offset 1 hold a record now; read_unaligned needs no alignment.
        let got = unsafe { bytes.as_ptr().add(1).cast::<SpanRecord>().read_unaligned() };
        assert_eq!(got.span_id, 42);
        assert_eq!(got.thread_index, 3);
    }

    #[test]
    fn two_threads_see_every_record_in_order() {
        let total = if cfg!(miri) { 200 } else { 200_000 };
        let (mut producer, mut consumer) = ring(64, 1).expect("memory");
        let writer = std::thread::spawn(move || {
            let mut accepted = Vec::new();
            for n in 0..total {
                if producer.push(record(n)) {
                    accepted.push(n);
                }
            }
            accepted
        });
        let mut seen = Vec::new();
        loop {
            let done = consumer.is_abandoned();
            let batch = pop(&mut consumer, 17);
            seen.extend(batch.iter().map(|r| {
                assert_eq!(r.end_ticks, !r.span_id, "torn record");
                r.span_id
            }));
            if done && consumer.is_empty() {
                break;
            }
        }
        let accepted = writer.join().unwrap();
        assert_eq!(seen, accepted);
        let counts = consumer.counts();
        assert_eq!(counts.emitted, total);
        assert_eq!(counts.collected + counts.dropped, total);
    }
}
