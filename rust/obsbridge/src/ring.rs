//! A bounded single-producer single-consumer ring of [`SpanRecord`]s, in two halves.
//!
//! [`ring`] returns a [`Producer`] (owned by the recording thread) and a [`Consumer`] (owned by the
//! registry, used by the drain). Each half is `Send` but not `Sync`; there is exactly one of each.
//!
//! A ring is two lanes over one region of slots: a small **hot lane** (at most [`HOT_CAPACITY`]
//! records) that the producer cycles through while the collector keeps up, and a **spill lane**
//! (the rest of the capacity) that it writes only while the hot lane is full. A large ring then
//! rides out a long collector delay without making every push write a slot that left the caches
//! long ago: the bench measured a traced call, drained from another core, at 37.6 ns with a
//! 32,768-record ring and 62.4 ns with a 262,144-record one.
//! - Order is kept: once the hot lane is full the producer writes only the spill lane until the
//!   consumer has emptied it, and the consumer takes the hot lane before the spill lane.
//! - Indices are monotonically increasing `u64`s (they never wrap in practice); a hot slot is
//!   `index & mask` (its capacity is a power of two), a spill slot `index % spill capacity` (the
//!   spill path is cold).
//! - The producer writes a slot, then publishes it with a Release store of `tail`; the consumer
//!   observes `tail` with Acquire, copies, then frees the slots with one Release store of `head` per
//!   batch, which the producer observes with Acquire before reusing them.
//! - Each half caches the other's index and re-reads it only when the cache says "full" (producer)
//!   or "not enough" (consumer), so in the common case a push touches no line the consumer writes.
//! - A full ring (both lanes) drops the newest record and counts it in `dropped`, written by the
//!   producer alone with a plain store (no read-modify-write). `emitted = tails + dropped`,
//!   `collected = heads`, so `emitted == collected + dropped + pending` exactly.
//! - A hot lane filled past its high-water mark (a quarter of its capacity) asks the collector to
//!   drain ([`crate::wake::request`]), and so does every spilled record. The producer checks the
//!   mark with the same comparison that finds a full hot lane, so the common push costs nothing
//!   more.
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

/// The most records a hot lane holds: 2 MiB of slots, which stay in the caches while the collector
/// keeps up.
pub(crate) const HOT_CAPACITY: usize = crate::abi::RING_HOT_CAPACITY as usize;

/// The writing half of a ring; see the [module documentation](self).
pub(crate) struct Producer {
    /// Keeps the slots alive.
    shared: Arc<Shared>,
    /// `shared.slots`, as a raw pointer for the hot path: the hot lane's first slot.
    slots: NonNull<SpanRecord>,
    /// Hot capacity - 1.
    mask: u64,
    /// A quarter of the hot lane: the collector is asked to drain when the hot lane is that full.
    high_water: u64,
    /// Records in the hot lane (as far as `cached_head` tells) at which the producer looks closer
    /// (refreshes its view of the head): `high_water`, or, once it has asked for a drain, the hot
    /// lane's capacity, so that waiting for the collector costs no extra load per push.
    check_at: u64,
    /// Next index to write; mirrors `shared.producer.tail`, which only this half writes.
    tail: u64,
    /// A value of `shared.consumer.head` seen earlier; the real head is at least this.
    cached_head: u64,
    /// Mirrors `shared.producer.dropped`, which only this half writes.
    dropped: u64,
    /// The ring number written into every record's `thread_index`.
    index: u32,
    /// Writing the spill lane, until the consumer has emptied it. While set, `cached_head` is left
    /// where the hot lane was full, so every push takes the cold path.
    spilling: bool,
    /// Next spill index to write; mirrors `shared.producer.spill_tail`.
    spill_tail: u64,
    /// A value of `shared.consumer.spill_head` seen earlier.
    spill_cached_head: u64,
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
    /// Next spill index to read; mirrors `shared.consumer.spill_head`.
    spill_head: u64,
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
    /// The records: the hot lane's `capacity` slots (slot `i & mask` holds hot record `i`), then
    /// the spill lane's `spill_capacity` slots.
    slots: Pages,
    /// How many hot slots.
    capacity: usize,
    /// How many spill slots (0: no spill lane).
    spill_capacity: usize,
}

/// The consumer's published state.
struct ConsumerIndex {
    /// Every hot record below this index has been copied out.
    head: AtomicU64,
    /// Every spill record below this index has been copied out.
    spill_head: AtomicU64,
}

/// The producer's published state.
struct ProducerIndex {
    /// Every hot record below this index has been written.
    tail: AtomicU64,
    /// Every spill record below this index has been written.
    spill_tail: AtomicU64,
    /// Records refused because the ring was full.
    dropped: AtomicU64,
    /// Set once, when the producer is dropped.
    abandoned: AtomicBool,
}

// SAFETY: the slots are the only part written through shared pointers. The SPSC protocol gives each slot to exactly one
// side at a time: in each lane the producer writes only slots in [tail, head + capacity), the
// consumer reads only slots in [head, tail), and the Release/Acquire pairs on each lane's `tail`
// and `head` order those accesses.
unsafe impl Sync for Shared {}

// SAFETY: `slots` points into the `Shared` that `shared` keeps alive, and the producer is neither
// `Clone` nor `Sync`, so moving it to another thread keeps exactly one writer.
unsafe impl Send for Producer {}

/// Creates a ring holding `capacity` records (rounded up to a power of two, at least 1) whose
/// records carry `index` as their `thread_index`: a hot lane of half of them, at most
/// [`HOT_CAPACITY`], and a spill lane of the rest.
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
    let hot = (capacity / 2).clamp(1, HOT_CAPACITY);
    let shared = Arc::new(Shared {
        consumer: CachePadded::new(ConsumerIndex {
            head: AtomicU64::new(0),
            spill_head: AtomicU64::new(0),
        }),
        producer: CachePadded::new(ProducerIndex {
            tail: AtomicU64::new(0),
            spill_tail: AtomicU64::new(0),
            dropped: AtomicU64::new(0),
            abandoned: AtomicBool::new(false),
        }),
        slots,
        capacity: hot,
        spill_capacity: capacity - hot,
    });
    // Page-aligned, so aligned for records; zeroed memory is a valid (default) record.
    let slots = shared.slots.start().cast::<SpanRecord>();
    let producer = Producer {
        shared: Arc::clone(&shared),
        slots,
        mask: hot as u64 - 1,
        high_water: (hot as u64 / 4).max(1),
        check_at: (hot as u64 / 4).max(1),
        tail: 0,
        cached_head: 0,
        dropped: 0,
        index,
        spilling: false,
        spill_tail: 0,
        spill_cached_head: 0,
        _not_sync: PhantomData,
    };
    let consumer = Consumer {
        shared,
        head: 0,
        cached_tail: 0,
        spill_head: 0,
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
        if tail.wrapping_sub(self.cached_head) >= self.check_at && !self.make_room(tail) {
            return self.spill(record);
        }
        // SAFETY: `tail & mask` is in bounds, and the slot is free: the consumer has released every
        // index below `cached_head` (Acquire in `make_room`) and `tail - cached_head <= mask`
        // (below `check_at`, which is at most `mask + 1`, or checked by `make_room`), so the
        // consumer will not read
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

    /// The cache says the hot lane is past `check_at` (or the producer is spilling): re-read the
    /// consumer's heads, ask the collector to drain if the hot lane really is past its high-water
    /// mark, and return whether the record goes to the hot lane (`false`: to the spill lane).
    #[cold]
    #[inline(never)]
    fn make_room(&mut self, tail: u64) -> bool {
        if self.spilling {
            self.spill_cached_head = self.shared.consumer.spill_head.load(Ordering::Acquire);
            if self.spill_cached_head != self.spill_tail {
                return false; // the spill lane is not empty yet: keep the order
            }
            self.spilling = false;
        }
        self.cached_head = self.shared.consumer.head.load(Ordering::Acquire);
        let used = tail.wrapping_sub(self.cached_head);
        if used >= self.high_water {
            wake::request();
            self.check_at = self.mask + 1;
        } else {
            self.check_at = self.high_water;
        }
        if used <= self.mask {
            return true;
        }
        self.spilling = self.shared.spill_capacity > 0;
        false
    }

    /// The hot lane is full: appends `record` to the spill lane and asks the collector to drain;
    /// counts a drop when the spill lane is full too.
    #[cold]
    #[inline(never)]
    fn spill(&mut self, record: SpanRecord) -> bool {
        let size = self.shared.spill_capacity as u64;
        let tail = self.spill_tail;
        if tail.wrapping_sub(self.spill_cached_head) >= size {
            self.spill_cached_head = self.shared.consumer.spill_head.load(Ordering::Acquire);
            if tail.wrapping_sub(self.spill_cached_head) >= size {
                self.count_drop();
                return false;
            }
        }
        // SAFETY: `size > 0` here (else the check above dropped the record), the slot is in the
        // spill lane's bounds (the hot lane's `mask + 1` slots, then `size` more), and it is free:
        // the consumer has released every spill index below `spill_cached_head` (Acquire above)
        // and `tail - spill_cached_head < size`.
        unsafe {
            self.slots
                .as_ptr()
                .add((self.mask + 1 + tail % size) as usize)
                .write(SpanRecord {
                    thread_index: self.index,
                    ..record
                });
        }
        self.spill_tail = tail.wrapping_add(1);
        self.shared
            .producer
            .spill_tail
            .store(self.spill_tail, Ordering::Release);
        wake::request();
        true
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
    /// Copies up to `capacity` records, oldest first, to `out`; returns how many. Takes the hot
    /// lane first and the spill lane only once the hot lane is empty (every hot record is older
    /// than every spill record still held); frees each lane's slots with one Release store.
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
        if count > 0 {
            // SAFETY: the hot slots [head, head + count) were published by the producer (Acquire
            // load of `tail` above, or an earlier one), and it will not touch them until `head`
            // moves past them below; the caller guarantees room for `capacity >= count` records.
            unsafe { self.copy_out(0, self.shared.capacity, head, count, out) };
            self.head = head.wrapping_add(count as u64);
            self.shared
                .consumer
                .head
                .store(self.head, Ordering::Release);
        }
        if count == capacity || self.shared.spill_capacity == 0 {
            return count;
        }
        // The spill lane's tail first, then the hot lane empty: the hot records written before
        // those spill records are then all taken (Release/Acquire on both tails), so taking the
        // spill records now keeps the order.
        let spill_tail = self.shared.producer.spill_tail.load(Ordering::Acquire);
        if spill_tail == self.spill_head
            || self.shared.producer.tail.load(Ordering::Acquire) != self.head
        {
            return count;
        }
        let spilled = (spill_tail.wrapping_sub(self.spill_head) as usize).min(capacity - count);
        // SAFETY: as for the hot lane: the spill slots [spill_head, spill_head + spilled) were
        // published (Acquire load of `spill_tail`), and `out + count` has room for `capacity -
        // count >= spilled` records.
        unsafe {
            self.copy_out(
                self.shared.capacity,
                self.shared.spill_capacity,
                self.spill_head,
                spilled,
                out.add(count),
            );
        }
        self.spill_head = self.spill_head.wrapping_add(spilled as u64);
        self.shared
            .consumer
            .spill_head
            .store(self.spill_head, Ordering::Release);
        count + spilled
    }

    /// Copies the `count` records from index `from` of the lane whose `size` slots start at slot
    /// `lane`, wrapping at its end, to `out` (bytewise: `out` needs no alignment).
    ///
    /// # Safety
    ///
    /// The records must be published and not yet freed, `count <= size`, the lane must lie within
    /// the ring's slots, and `out` must be valid for writes of `count * 64` bytes.
    unsafe fn copy_out(
        &self,
        lane: usize,
        size: usize,
        from: u64,
        count: usize,
        out: *mut SpanRecord,
    ) {
        let slots = self.shared.slots.start().cast::<SpanRecord>().as_ptr();
        let start = (from % size as u64) as usize;
        let first = count.min(size - start);
        let record = std::mem::size_of::<SpanRecord>();
        // SAFETY: the `first` slots from `lane + start` and the `count - first` slots from `lane`
        // are within the lane (the caller's guarantee), published and not being written; the
        // output cannot overlap the ring's own buffer.
        unsafe {
            let lane = slots.add(lane).cast_const().cast::<u8>();
            let out = out.cast::<u8>();
            std::ptr::copy_nonoverlapping(lane.add(start * record), out, first * record);
            std::ptr::copy_nonoverlapping(lane, out.add(first * record), (count - first) * record);
        }
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
            && self.shared.producer.spill_tail.load(Ordering::Acquire) == self.spill_head
    }

    /// The ring's counters now.
    pub(crate) fn counts(&self) -> RingCounts {
        let dropped = self.shared.producer.dropped.load(Ordering::Relaxed);
        let tail = self.shared.producer.tail.load(Ordering::Acquire);
        let spill_tail = self.shared.producer.spill_tail.load(Ordering::Acquire);
        RingCounts {
            emitted: tail + spill_tail + dropped,
            collected: self.head + self.spill_head,
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
    fn a_full_hot_lane_spills_and_the_order_is_kept() {
        // 64 records: a hot lane of 32 and a spill lane of 32.
        let (mut producer, mut consumer) = ring(64, 2).expect("memory");
        assert!((0..50).all(|n| producer.push(record(n))), "18 spill");
        let ids = |batch: Vec<SpanRecord>| batch.iter().map(|r| r.span_id).collect::<Vec<_>>();
        assert_eq!(ids(pop(&mut consumer, 10)), (0..10).collect::<Vec<_>>());
        // The hot lane has room again, but the spill lane is not empty: these spill too.
        assert!((50..55).all(|n| producer.push(record(n))));
        assert_eq!(ids(pop(&mut consumer, 100)), (10..55).collect::<Vec<_>>());
        // Both lanes empty: back to the hot lane.
        assert!((55..60).all(|n| producer.push(record(n))));
        assert_eq!(ids(pop(&mut consumer, 100)), (55..60).collect::<Vec<_>>());
        // Full: 64 held, the rest dropped and counted.
        let accepted = (60..200).filter(|&n| producer.push(record(n))).count();
        assert_eq!(accepted, 64);
        assert_eq!(pop(&mut consumer, 1000).len(), 64);
        assert_eq!(
            consumer.counts(),
            RingCounts {
                emitted: 200,
                collected: 124,
                dropped: 76
            }
        );
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
        // Let the producer fill the hot lane first, so the records cross into the spill lane.
        while consumer.shared.producer.spill_tail.load(Ordering::Acquire) == 0
            && !consumer.is_abandoned()
        {
            std::hint::spin_loop();
        }
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
        assert!(
            consumer.spill_head > 0,
            "some records went through the spill lane"
        );
        let counts = consumer.counts();
        assert_eq!(counts.emitted, total);
        assert_eq!(counts.collected, seen.len() as u64);
        assert_eq!(counts.collected + counts.dropped, total);
    }

    #[test]
    fn a_one_record_ring_has_no_spill_lane() {
        let (mut producer, mut consumer) = ring(1, 1).expect("memory");
        assert!(producer.push(record(0)));
        assert!(!producer.push(record(1)), "full: no spill lane to take it");
        assert_eq!(pop(&mut consumer, 4).len(), 1);
        assert!(producer.push(record(2)));
        assert_eq!(pop(&mut consumer, 4)[0].span_id, 2);
        assert_eq!(consumer.counts().dropped, 1);
    }

    #[test]
    fn a_spill_lane_that_is_not_a_power_of_two_wraps_in_order() {
        if cfg!(miri) {
            return; // 8 MiB of slots
        }
        // 131,072 records: a hot lane of 32,768 and a spill lane of 98,304.
        let (mut producer, mut consumer) = ring(1 << 17, 1).expect("memory");
        let mut next = 0u64;
        let mut expected = 0u64;
        for _ in 0..3 {
            // Fill both lanes, then take most of it: the spill indices wrap past 98,304.
            while producer.push(record(next)) {
                next += 1;
            }
            for r in pop(&mut consumer, 100_000) {
                assert_eq!(r.span_id, expected);
                expected += 1;
            }
        }
        while expected < next {
            for r in pop(&mut consumer, 100_000) {
                assert_eq!(r.span_id, expected);
                expected += 1;
            }
        }
        assert!(consumer.is_empty());
        let counts = consumer.counts();
        assert_eq!((counts.collected, counts.dropped), (next, 3));
    }
}
