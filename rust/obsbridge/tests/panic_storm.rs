//! Panic storm: many threads panic inside boundaries at once. Every panic becomes status PANIC,
//! fills the caller's error, and queues an error record with the message and location; error
//! accounting stays exact, including drops when the error queue is full.

mod common;

use common::{delta, open, scaled, test_op, OK, PANIC};
use obsbridge::abi::{BridgeConfig, ErrorInfo, TraceContext};
use obsbridge::Status;
use std::mem::MaybeUninit;
use std::ptr::null;
use std::thread;

/// Runs `threads` x `calls` test ops, every other one panicking; returns (ok, panics) counted.
fn storm(threads: usize, calls: usize) -> (u64, u64) {
    let workers: Vec<_> = (0..threads)
        .map(|t| {
            thread::spawn(move || {
                let mut counts = (0, 0);
                for call in 0..calls {
                    let mode = if (t + call) % 2 == 0 { PANIC } else { OK };
                    let mut err = MaybeUninit::<ErrorInfo>::uninit();
                    let ctx = TraceContext::new_root(0);
                    // SAFETY: valid context; `err` is writable (uninitialised memory is allowed).
                    let status = unsafe { test_op(&ctx, mode, err.as_mut_ptr()) };
                    if mode == PANIC {
                        assert_eq!(status, Status::PANIC);
                        // SAFETY: a PANIC status means `err` was written.
                        let err = unsafe { err.assume_init() };
                        assert_eq!(err.status, Status::PANIC);
                        assert_eq!((err.domain_str().as_ref(), err.code), ("panic", 0));
                        assert!(err.message_str().starts_with("test op panicked on purpose"));
                        counts.1 += 1;
                    } else {
                        assert_eq!(status, Status::OK);
                        counts.0 += 1;
                    }
                }
                counts
            })
        })
        .collect();
    workers
        .into_iter()
        .map(|w| w.join().unwrap())
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
}

#[test]
fn every_panic_is_caught_reported_and_counted() {
    let bridge = open(BridgeConfig {
        ring_capacity: 0,
        error_capacity: 1 << 16,
    });
    let before = bridge.counters();
    let (ok, panics) = storm(8, scaled(400, 40));
    let spans = bridge.drain_spans();
    let errors = bridge.drain_errors();
    let grown = delta(&bridge.counters(), &before);

    assert_eq!(grown.emitted, ok + panics);
    assert_eq!(
        (grown.collected, grown.dropped),
        (grown.emitted, 0),
        "400 spans fit a thread's ring"
    );
    assert_eq!(
        spans.iter().filter(|s| s.status == Status::PANIC).count() as u64,
        panics
    );
    assert_eq!(
        (
            grown.errors_emitted,
            grown.errors_collected,
            grown.errors_dropped
        ),
        (panics, panics, 0)
    );
    assert_eq!(errors.len() as u64, panics);
    for error in &errors {
        assert_eq!(error.error.status, Status::PANIC);
        let message = error.error.message_str();
        assert!(
            message.starts_with("test op panicked on purpose (panicked at "),
            "{message}"
        );
        assert!(
            message.contains("common/mod.rs:"),
            "the hook captured the location: {message}"
        );
        assert_ne!(error.thread_index, 0);
        // The error record names its span.
        let span = spans
            .iter()
            .find(|s| s.span_id == error.span_id)
            .expect("its span");
        assert_eq!(span.status, Status::PANIC);
        assert_eq!(
            (span.trace_id_hi, span.trace_id_lo),
            (error.trace_id_hi, error.trace_id_lo)
        );
        assert_eq!(
            (span.end_ticks, span.callsite),
            (error.end_ticks, error.callsite)
        );
        assert_eq!(span.thread_index, error.thread_index);
    }
}

#[test]
fn a_full_error_queue_drops_and_counts_exactly() {
    let bridge = open(BridgeConfig {
        ring_capacity: 0,
        error_capacity: 16,
    });
    let before = bridge.counters();
    let (_, panics) = storm(4, scaled(100, 20));
    let errors = bridge.drain_errors();
    let grown = delta(&bridge.counters(), &before);
    assert_eq!(errors.len(), 16);
    assert_eq!(grown.errors_emitted, panics);
    assert_eq!(
        (grown.errors_collected, grown.errors_dropped),
        (16, panics - 16)
    );
}

#[test]
fn panics_are_caught_while_no_bridge_is_open() {
    let _serial = common::serial();
    let mut err = ErrorInfo::default();
    // SAFETY: NULL context; valid error.
    let status = unsafe { test_op(null(), PANIC, &mut err) };
    assert_eq!(status, Status::PANIC);
    assert!(err.message_str().starts_with("test op panicked on purpose"));
}
