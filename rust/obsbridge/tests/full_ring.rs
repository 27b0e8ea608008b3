//! A full ring drops the newest records and counts every drop exactly; ring capacities are
//! rounded up to a power of two and fixed when a thread's ring is created.

mod common;

use common::{delta, open, reopen};
use obsbridge::abi::{BridgeConfig, SpanRecord};
use obsbridge::ffi::obsb_span_emit;
use obsbridge::Status;
use std::thread;

/// Emits spans 0..count from a new thread (so it gets a new ring with the open bridge's capacity).
fn emit_from_new_thread(count: u64) {
    thread::spawn(move || {
        for n in 0..count {
            let record = SpanRecord {
                span_id: n + 1,
                ..SpanRecord::default()
            };
            // SAFETY: valid pointer.
            assert_eq!(unsafe { obsb_span_emit(&record) }, Status::OK);
        }
    })
    .join()
    .unwrap();
}

#[test]
fn a_full_ring_keeps_the_oldest_and_counts_the_rest() {
    let bridge = open(BridgeConfig {
        ring_capacity: 5,
        error_capacity: 0,
    }); // rounds up to 8
    let before = bridge.counters();
    emit_from_new_thread(100);
    let full = delta(&bridge.counters(), &before);
    assert_eq!((full.emitted, full.collected, full.dropped), (100, 0, 92));
    assert_eq!(
        full.rings_live, 1,
        "the exited thread's ring waits for the drain"
    );

    let drained = bridge.drain_spans();
    let ids: Vec<u64> = drained.iter().map(|r| r.span_id).collect();
    assert_eq!(ids, (1..=8).collect::<Vec<_>>(), "the oldest eight survive");
    let after = delta(&bridge.counters(), &before);
    assert_eq!(
        (after.emitted, after.collected, after.dropped),
        (100, 8, 92)
    );
    assert_eq!(
        (after.rings_live, after.rings_retired),
        (0, 1),
        "drained, then freed"
    );
}

#[test]
fn draining_makes_room_again() {
    let bridge = open(BridgeConfig {
        ring_capacity: 4,
        error_capacity: 0,
    });
    let before = bridge.counters();
    let emit = |n: u64| {
        let record = SpanRecord {
            span_id: n,
            ..SpanRecord::default()
        };
        // SAFETY: valid pointer.
        unsafe { obsb_span_emit(&record) };
    };
    thread::scope(|scope| {
        scope.spawn(|| {
            (1..=6).for_each(emit); // 4 kept, 5 and 6 dropped
            let ids: Vec<u64> = bridge.drain_spans().iter().map(|r| r.span_id).collect();
            assert_eq!(ids, [1, 2, 3, 4]);
            (7..=9).for_each(emit); // room again
            let ids: Vec<u64> = bridge.drain_spans().iter().map(|r| r.span_id).collect();
            assert_eq!(ids, [7, 8, 9]);
        });
    });
    let grown = delta(&bridge.counters(), &before);
    assert_eq!((grown.emitted, grown.collected, grown.dropped), (9, 7, 2));
}

#[test]
fn capacity_is_fixed_when_the_ring_is_created() {
    let small = open(BridgeConfig {
        ring_capacity: 2,
        error_capacity: 0,
    });
    let before = small.counters();
    // A long-lived thread gets its ring while the capacity is 2...
    let (go, wait) = std::sync::mpsc::channel::<u64>();
    let (ack, acked) = std::sync::mpsc::channel::<()>();
    let worker = thread::spawn(move || {
        for count in wait {
            for n in 0..count {
                let record = SpanRecord {
                    span_id: n + 1,
                    ..SpanRecord::default()
                };
                // SAFETY: valid pointer.
                unsafe { obsb_span_emit(&record) };
            }
            ack.send(()).unwrap();
        }
    });
    go.send(1).unwrap();
    acked.recv().unwrap();
    let serial = small.close();

    // ...and keeps it after a re-open with a larger capacity.
    let large = reopen(
        serial,
        BridgeConfig {
            ring_capacity: 1024,
            error_capacity: 0,
        },
    );
    go.send(10).unwrap();
    acked.recv().unwrap();
    let grown = delta(&large.counters(), &before);
    // The ring, still of capacity 2, held the first span and then took 1 of the 10.
    assert_eq!(
        (grown.emitted, grown.collected, grown.dropped),
        (11, 0, 9),
        "{grown:?}"
    );
    assert_eq!(large.drain_spans().len(), 2);
    drop(go);
    worker.join().unwrap();
}
