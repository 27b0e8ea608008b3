//! Measures the cost of a traced call against the floor (two clock reads and a 64-byte store).
//!
//! Run in release: `cargo run --release --example bench [-- ITERATIONS]`. Prints nanoseconds per
//! operation, the median of 7 runs each. Only the calls are timed; drains between batches are not
//! (except in the "concurrent collector" case, where another thread drains all along).

use obsbridge::abi::{
    BridgeConfig, BridgeHandle, ErrorInfo, SpanRecord, TraceContext, ABI_VERSION,
};
use obsbridge::ffi::{
    obsb_bridge_close, obsb_bridge_drain_spans, obsb_bridge_open, obsb_clock_now,
    obsb_context_init_child,
};
use obsbridge::{bench, boundary, clock, Callsite, Status};
use std::hint::black_box;
use std::ptr::{null, null_mut};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

static NOOP: Callsite = Callsite::new("bench.noop");

/// A traced no-op, shaped like the demo library's `demo_noop_traced`.
///
/// # Safety
///
/// `ctx` NULL or valid for reads; `err` NULL or valid for writes.
#[inline(never)]
#[no_mangle]
pub unsafe extern "C" fn bench_noop_traced(
    ctx: *const TraceContext,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is boundary's.
    unsafe { boundary(ctx, err, &NOOP, || Ok(())) }
}

/// A bare no-op: the call itself.
#[inline(never)]
#[no_mangle]
pub extern "C" fn bench_noop_bare(ctx: *const TraceContext) -> Status {
    black_box(ctx);
    Status::OK
}

/// Batch size between untimed drains (half the ring, so no call ever finds it full).
const BATCH: u64 = 2048;

fn open(ring_capacity: u32) -> BridgeHandle {
    let mut handle = BridgeHandle::default();
    let config = BridgeConfig {
        ring_capacity,
        error_capacity: 0,
    };
    assert_eq!(
        // SAFETY: valid pointers.
        unsafe { obsb_bridge_open(ABI_VERSION, &config, &mut handle) },
        Status::OK
    );
    handle
}

fn drain(handle: BridgeHandle, buffer: &mut [SpanRecord]) -> usize {
    let mut total = 0;
    loop {
        let mut count = 0;
        // SAFETY: valid buffer and pointers.
        let status = unsafe {
            obsb_bridge_drain_spans(handle, buffer.as_mut_ptr(), buffer.len(), &mut count)
        };
        assert_eq!(status, Status::OK);
        total += count;
        if count == 0 {
            return total;
        }
    }
}

/// ns per iteration of `body(batch)` (which runs `batch` operations), with `between` untimed.
fn per_op(iterations: u64, mut body: impl FnMut(u64), mut between: impl FnMut()) -> f64 {
    let mut timed = 0;
    let mut done = 0;
    while done < iterations {
        let batch = BATCH.min(iterations - done);
        let start = clock::monotonic_ns();
        body(batch);
        timed += clock::monotonic_ns() - start;
        between();
        done += batch;
    }
    timed as f64 / iterations as f64
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn measure(name: &str, runs: usize, mut run: impl FnMut() -> f64) -> f64 {
    run(); // warm-up
    let value = median((0..runs).map(|_| run()).collect());
    println!("{name:<58} {value:>8.2} ns");
    value
}

fn main() {
    let iterations: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2_000_000);
    let runs = 7;
    let info = clock::info();
    println!(
        "clock source {} ({} ticks/s); {iterations} iterations, median of {runs} runs",
        if info.source == 1 {
            "TSC"
        } else {
            "CLOCK_MONOTONIC"
        },
        info.ticks_per_second
    );

    let floor = measure("floor: 2 clock reads + 64-byte store", runs, || {
        bench::floor_ns(iterations) as f64 / iterations as f64
    });
    measure("obsb_clock_now", runs, || {
        per_op(
            iterations,
            |n| {
                (0..n).for_each(|_| {
                    black_box(obsb_clock_now());
                })
            },
            || {},
        )
    });
    measure("bare extern \"C\" call", runs, || {
        let f = black_box(bench_noop_bare as extern "C" fn(*const TraceContext) -> Status);
        per_op(
            iterations,
            |n| {
                (0..n).for_each(|_| {
                    black_box(f(null()));
                })
            },
            || {},
        )
    });
    let parent = TraceContext::new_root(0);
    measure("obsb_context_init_child", runs, || {
        let mut out = TraceContext::default();
        per_op(
            iterations,
            |n| {
                // SAFETY: valid pointers.
                (0..n).for_each(|_| unsafe {
                    obsb_context_init_child(&parent, 0, black_box(&mut out))
                })
            },
            || {},
        )
    });
    measure("traced noop, no bridge open", runs, || {
        per_op(
            iterations,
            |n| {
                // SAFETY: NULL context and error.
                (0..n).for_each(|_| unsafe {
                    black_box(bench_noop_traced(null(), null_mut()));
                })
            },
            || {},
        )
    });

    let handle = open(4096);
    let mut buffer = vec![SpanRecord::default(); 8192];
    let mut ctx = TraceContext::default();
    // SAFETY: valid pointers.
    unsafe { obsb_context_init_child(&parent, 0, &mut ctx) };
    let traced = measure(
        "traced noop, context by pointer (drained between batches)",
        runs,
        || {
            per_op(
                iterations,
                |n| {
                    // SAFETY: valid context; NULL error.
                    (0..n).for_each(|_| unsafe {
                        black_box(bench_noop_traced(&ctx, null_mut()));
                    })
                },
                || {
                    drain(handle, &mut buffer);
                },
            )
        },
    );
    measure("traced noop, NULL context (fresh root ids)", runs, || {
        per_op(
            iterations,
            |n| {
                // SAFETY: NULL context and error.
                (0..n).for_each(|_| unsafe {
                    black_box(bench_noop_traced(null(), null_mut()));
                })
            },
            || {
                drain(handle, &mut buffer);
            },
        )
    });
    measure(
        "traced noop, ring full (every span dropped and counted)",
        runs,
        || {
            per_op(
                iterations,
                |n| {
                    // SAFETY: valid context; NULL error.
                    (0..n).for_each(|_| unsafe {
                        black_box(bench_noop_traced(&ctx, null_mut()));
                    })
                },
                || {},
            )
        },
    );
    drain(handle, &mut buffer);
    measure("native child span (inside no boundary)", runs, || {
        per_op(
            iterations,
            |n| {
                black_box(bench::native_spans_ns(n));
            },
            || {
                drain(handle, &mut buffer);
            },
        )
    });
    assert_eq!(obsb_bridge_close(handle), Status::OK);

    // With a collector thread draining concurrently: every millisecond (a typical collector), and
    // in a tight loop (the worst case: record cache lines move between cores all the time). A
    // ring's hot lane (2^15 records, 2 MiB) holds a millisecond of spans at this rate and stays in
    // cache.
    for (label, pause) in [
        (
            "traced noop, collector thread draining every 1 ms",
            Some(std::time::Duration::from_millis(1)),
        ),
        (
            "traced noop, collector thread draining in a tight loop",
            None,
        ),
    ] {
        let handle = open(1 << 16);
        let counters = |handle| {
            let mut counters = obsbridge::abi::Counters::default();
            // SAFETY: valid pointer.
            unsafe { obsbridge::ffi::obsb_bridge_counters(handle, &mut counters) };
            counters
        };
        let before = counters(handle);
        let stop = Arc::new(AtomicBool::new(false));
        let collector = {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut buffer = vec![SpanRecord::default(); 8192];
                let mut drained = 0;
                while !stop.load(Ordering::Relaxed) {
                    drained += drain(handle, &mut buffer);
                    match pause {
                        Some(pause) => std::thread::sleep(pause),
                        None => std::thread::yield_now(),
                    }
                }
                drained + drain(handle, &mut buffer)
            })
        };
        measure(label, runs, || {
            per_op(
                iterations,
                |n| {
                    // SAFETY: valid context; NULL error.
                    (0..n).for_each(|_| unsafe {
                        black_box(bench_noop_traced(&ctx, null_mut()));
                    })
                },
                || {},
            )
        });
        stop.store(true, Ordering::Relaxed);
        collector.join().unwrap();
        let after = counters(handle);
        println!(
            "  (emitted {}, collected {}, dropped {})",
            after.emitted - before.emitted,
            after.collected - before.collected,
            after.dropped - before.dropped
        );
        assert_eq!(obsb_bridge_close(handle), Status::OK);
    }

    // Drain throughput: fill a 2^20 ring from a thread, then time the drain.
    let handle = open(1 << 20);
    let mut buffer = vec![SpanRecord::default(); 1 << 16];
    let mut rates = Vec::new();
    for _ in 0..5 {
        std::thread::spawn(move || {
            // SAFETY: valid context; NULL error.
            (0..(1 << 20)).for_each(|_| unsafe {
                black_box(bench_noop_traced(&ctx, null_mut()));
            })
        })
        .join()
        .unwrap();
        let start = clock::monotonic_ns();
        let count = drain(handle, &mut buffer);
        let elapsed = clock::monotonic_ns() - start;
        rates.push(count as f64 / elapsed as f64 * 1e3);
    }
    println!(
        "{:<58} {:>8.1} M spans/s",
        "drain throughput (64 Ki-record batches)",
        median(rates)
    );
    assert_eq!(obsb_bridge_close(handle), Status::OK);

    println!(
        "traced / floor = {:.2}x (goal: at most 1.5x)",
        traced / floor
    );
}
