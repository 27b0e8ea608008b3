//! Multi-thread stress: producers emit as fast as they can while a collector drains concurrently.
//! The accounting must be exact (`collected + dropped == emitted`), and every collected record must
//! be intact (no torn or duplicated records, per-thread order kept).

mod common;

use common::{delta, open, scaled};
use obsbridge::abi::{BridgeConfig, SpanRecord};
use obsbridge::ffi::obsb_span_emit;
use obsbridge::{child_span, Callsite, Status};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;

/// A record whose every field derives from (thread, sequence), so a torn copy is detectable.
fn record(thread: u64, sequence: u64) -> SpanRecord {
    let span_id = thread << 32 | sequence;
    SpanRecord {
        trace_id_hi: span_id.rotate_left(7),
        trace_id_lo: !span_id,
        span_id,
        parent_span_id: span_id ^ 0x5555_5555_5555_5555,
        start_ticks: sequence,
        end_ticks: sequence * 3,
        callsite: (sequence % 1000) as u32 + 1,
        status: Status((sequence % 14) as i32),
        thread_index: 0,
        flags: (sequence % 2) as u8,
        kind: 0,
        span_flags: 0,
    }
}

/// Runs `threads` producers of `per_thread` records with a concurrent drainer; checks everything.
fn run(threads: u64, per_thread: u64, ring_capacity: u32, drain_batch: usize) {
    let bridge = open(BridgeConfig {
        ring_capacity,
        error_capacity: 0,
    });
    let before = bridge.counters();
    let done = Arc::new(AtomicBool::new(false));
    let start = Arc::new(Barrier::new(threads as usize + 1));
    let producers: Vec<_> = (0..threads)
        .map(|t| {
            let start = Arc::clone(&start);
            thread::spawn(move || {
                start.wait();
                for sequence in 0..per_thread {
                    // SAFETY: valid pointer.
                    let status = unsafe { obsb_span_emit(&record(t + 1, sequence)) };
                    assert_eq!(status, Status::OK);
                }
            })
        })
        .collect();
    start.wait();
    let mut collected = Vec::new();
    let drainer_done = Arc::clone(&done);
    let joiner = thread::spawn(move || {
        for producer in producers {
            producer.join().unwrap();
        }
        drainer_done.store(true, Ordering::Release);
    });
    loop {
        let finished = done.load(Ordering::Acquire);
        let batch = bridge.drain_spans_batch(drain_batch);
        let empty = batch.is_empty();
        collected.extend(batch);
        if finished && empty {
            break;
        }
        if empty {
            thread::yield_now();
        }
    }
    joiner.join().unwrap();
    collected.extend(bridge.drain_spans());

    let grown = delta(&bridge.counters(), &before);
    let total = threads * per_thread;
    assert_eq!(grown.emitted, total, "{grown:?}");
    assert_eq!(grown.collected, collected.len() as u64, "{grown:?}");
    assert_eq!(grown.collected + grown.dropped, grown.emitted, "{grown:?}");

    // Intact, unique, in per-thread order, one ring number per thread.
    let mut last: HashMap<u64, (u64, u32)> = HashMap::new();
    for got in &collected {
        let thread = got.span_id >> 32;
        let sequence = got.span_id & 0xFFFF_FFFF;
        assert!((1..=threads).contains(&thread), "{got:?}");
        let expected = SpanRecord {
            kind: 3,
            thread_index: got.thread_index,
            ..record(thread, sequence)
        };
        assert_eq!(*got, expected, "torn record");
        match last.insert(thread, (sequence, got.thread_index)) {
            Some((previous, ring)) => {
                assert!(
                    sequence > previous,
                    "duplicate or reordered: {previous} then {sequence}"
                );
                assert_eq!(ring, got.thread_index, "a thread's ring number is stable");
            }
            None => assert_ne!(got.thread_index, 0),
        }
    }
    let rings: std::collections::HashSet<u32> = last.values().map(|&(_, ring)| ring).collect();
    assert_eq!(rings.len(), last.len(), "one ring per thread");
    eprintln!(
        "stress: {threads} threads x {per_thread}: collected {}, dropped {}",
        grown.collected, grown.dropped
    );
}

#[test]
fn four_producers_and_a_concurrent_drainer_account_exactly() {
    run(4, scaled(200_000, 5_000) as u64, 4096, 8192);
}

#[test]
fn small_rings_and_small_drains_drop_but_still_account_exactly() {
    run(4, scaled(50_000, 2_000) as u64, 64, 7);
}

#[test]
fn child_spans_from_many_threads_account_exactly() {
    static STEP: Callsite = Callsite::new("stress.step");
    let bridge = open(BridgeConfig {
        ring_capacity: 1 << 16,
        error_capacity: 0,
    });
    let before = bridge.counters();
    let per_thread = scaled(20_000, 1_000);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            thread::spawn(move || {
                for _ in 0..per_thread {
                    let _outer = child_span(&STEP);
                    let _inner = child_span(&STEP);
                }
            })
        })
        .collect();
    let mut collected = 0;
    while workers.iter().any(|w| !w.is_finished()) {
        collected += bridge.drain_spans_batch(4096).len();
    }
    for worker in workers {
        worker.join().unwrap();
    }
    collected += bridge.drain_spans().len();
    let grown = delta(&bridge.counters(), &before);
    assert_eq!(grown.emitted, 4 * 2 * per_thread as u64);
    assert_eq!(grown.collected, collected as u64);
    assert_eq!(grown.collected + grown.dropped, grown.emitted);
}
