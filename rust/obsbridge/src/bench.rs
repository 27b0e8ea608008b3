//! Benchmark kernels, shared by the demo library (`demo_bench_*`) and the examples.
//!
//! [`floor_ns`] is the cost floor of one traced call: two clock reads and one 64-byte store, with
//! nothing else. [`native_spans_ns`] times child spans. Both time themselves with CLOCK_MONOTONIC
//! and return the elapsed nanoseconds for all iterations; divide by the count.
//!
//! ```
//! let elapsed = obsbridge::bench::floor_ns(1_000);
//! assert!(elapsed > 0);
//! ```

use crate::abi::SpanRecord;
use crate::{child_span, clock, Callsite};
use std::hint::black_box;

/// The callsite of [`native_spans_ns`]'s spans.
static BENCH_CHILD: Callsite = Callsite::new("obsbridge.bench.child");

/// Runs `iterations` rounds of two clock reads plus one 64-byte record store into a 4 KiB buffer
/// the optimiser cannot see through; returns the elapsed CLOCK_MONOTONIC nanoseconds.
pub fn floor_ns(iterations: u64) -> u64 {
    let mut buffer = [SpanRecord::default(); 64];
    let begin = clock::monotonic_ns();
    for i in 0..iterations {
        let start = clock::now();
        let end = clock::now();
        buffer[(i & 63) as usize] = SpanRecord {
            span_id: i,
            start_ticks: start,
            end_ticks: end,
            ..SpanRecord::default()
        };
        black_box(&mut buffer);
    }
    clock::monotonic_ns().saturating_sub(begin)
}

/// Runs `iterations` child spans (each records one span while a bridge is open) and returns the
/// elapsed CLOCK_MONOTONIC nanoseconds. Without a collector draining, a ring fills after its
/// capacity and later spans are counted drops, which cost about as much as pushes.
pub fn native_spans_ns(iterations: u64) -> u64 {
    let begin = clock::monotonic_ns();
    for _ in 0..iterations {
        let span = child_span(&BENCH_CHILD);
        black_box(&span);
    }
    clock::monotonic_ns().saturating_sub(begin)
}
