//! Thread churn: many short-lived threads each get a ring, exit, and have their ring drained and
//! freed; the counters stay exact and the live ring count returns to where it was. Also: spans
//! emitted during thread exit, after the thread's ring is gone, are counted as dropped.

mod common;

use common::{delta, open, scaled, test_op, OK};
use obsbridge::abi::BridgeConfig;
use obsbridge::{child_span, Callsite, Status};
use std::ptr::{null, null_mut};
use std::thread;

#[test]
fn short_lived_threads_are_drained_and_freed() {
    let bridge = open(BridgeConfig {
        ring_capacity: 16,
        error_capacity: 0,
    });
    let before = bridge.counters();
    let threads = scaled(2000, 200);
    let spans_per_thread = 3;
    let mut collected = 0;
    // Batches of 8 concurrent threads, with a drain between batches.
    for batch in 0..threads / 8 {
        let workers: Vec<_> = (0..8)
            .map(|_| {
                thread::spawn(move || {
                    for _ in 0..spans_per_thread {
                        // SAFETY: NULL context and error are allowed.
                        assert_eq!(unsafe { test_op(null(), OK, null_mut()) }, Status::OK);
                    }
                })
            })
            .collect();
        if batch % 2 == 0 {
            collected += bridge.drain_spans().len(); // concurrently with the batch
        }
        for worker in workers {
            worker.join().unwrap();
        }
    }
    collected += bridge.drain_spans().len();
    let grown = delta(&bridge.counters(), &before);
    let emitted = (threads * spans_per_thread) as u64;
    assert_eq!(grown.emitted, emitted, "{grown:?}");
    assert_eq!(
        grown.dropped, 0,
        "a 16-record ring holds a thread's 3 spans"
    );
    assert_eq!(grown.collected, emitted);
    assert_eq!(collected as u64, emitted);
    assert_eq!(
        grown.rings_retired, threads as u64,
        "every exited thread's ring was freed"
    );
    assert_eq!(
        grown.rings_live, 0,
        "live rings back to the baseline: {grown:?}"
    );
}

#[test]
fn a_thread_that_records_nothing_creates_no_ring() {
    let bridge = open(BridgeConfig::default());
    let before = bridge.counters();
    thread::spawn(|| {
        let _ = Status::OK;
    })
    .join()
    .unwrap();
    bridge.drain_spans();
    let grown = delta(&bridge.counters(), &before);
    assert_eq!((grown.rings_live, grown.rings_retired), (0, 0));
}

/// A thread-local whose destructor records a child span.
struct RecordsOnExit;

static ON_EXIT: Callsite = Callsite::new("churn.on_exit");

impl Drop for RecordsOnExit {
    fn drop(&mut self) {
        let _span = child_span(&ON_EXIT);
    }
}

thread_local! {
    static RECORDS_ON_EXIT: RecordsOnExit = const { RecordsOnExit };
}

#[test]
fn spans_recorded_during_thread_exit_are_accounted() {
    static WORK: Callsite = Callsite::new("churn.work");
    let bridge = open(BridgeConfig::default());
    let before = bridge.counters();
    let threads = 8;
    for _ in 0..threads {
        thread::spawn(|| {
            // Registered before the ring's owner, so destroyed after it (destructors run in
            // reverse order of registration): its span finds no ring.
            RECORDS_ON_EXIT.with(|_| {});
            let _span = child_span(&WORK);
        })
        .join()
        .unwrap();
    }
    let collected = bridge.drain_spans();
    let grown = delta(&bridge.counters(), &before);
    assert_eq!(grown.emitted, 2 * threads, "{grown:?}");
    assert_eq!(grown.collected + grown.dropped, grown.emitted, "{grown:?}");
    assert_eq!(grown.collected, collected.len() as u64);
    assert!(collected.iter().filter(|r| r.callsite == WORK.id()).count() == threads as usize);
    eprintln!(
        "exit-time spans: {} collected, {} dropped without a ring",
        grown.collected - threads,
        grown.dropped
    );
    if cfg!(all(target_os = "linux", target_env = "gnu")) {
        // glibc runs thread-local destructors in reverse order of registration.
        assert_eq!(grown.dropped, threads, "{grown:?}");
    }
    assert_eq!(grown.rings_live, 0, "{grown:?}");
}
