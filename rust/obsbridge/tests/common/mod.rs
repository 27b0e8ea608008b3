//! Helpers shared by the integration tests: a serialised bridge guard and drain helpers, over the
//! public API and the C ABI only.
//!
//! There is one bridge per process and cargo runs a file's tests on parallel threads, so every test
//! that opens the bridge holds [`Bridge`], which holds this file's lock until it closes the bridge.
//! Counters are cumulative over the process: tests compare differences.
#![allow(dead_code)]

use obsbridge::abi::{
    BridgeConfig, BridgeHandle, Counters, ErrorInfo, ErrorRecord, SpanRecord, TraceContext,
    ABI_VERSION,
};
use obsbridge::ffi::{
    obsb_bridge_close, obsb_bridge_counters, obsb_bridge_drain_errors, obsb_bridge_drain_spans,
    obsb_bridge_open,
};
use obsbridge::{boundary, Callsite, NativeError, Status};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Serialises the tests of one file.
static LOCK: Mutex<()> = Mutex::new(());

/// The open bridge, held by one test at a time; closes on drop.
pub struct Bridge {
    pub handle: BridgeHandle,
    serial: Option<MutexGuard<'static, ()>>,
}

/// Takes the file's lock and opens the bridge with `config`, then drains anything earlier tests
/// left, so the test starts with empty rings and queues.
pub fn open(config: BridgeConfig) -> Bridge {
    let bridge = reopen(serial(), config);
    bridge.drain_spans();
    bridge.drain_errors();
    bridge
}

/// Opens the bridge under a lock the test already holds, draining nothing.
pub fn reopen(serial: MutexGuard<'static, ()>, config: BridgeConfig) -> Bridge {
    let mut handle = BridgeHandle::default();
    // SAFETY: valid pointers.
    let status = unsafe { obsb_bridge_open(ABI_VERSION, &config, &mut handle) };
    assert_eq!(status, Status::OK, "open");
    Bridge {
        handle,
        serial: Some(serial),
    }
}

/// Takes the file's lock without opening the bridge (for tests of the closed state).
pub fn serial() -> MutexGuard<'static, ()> {
    LOCK.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Bridge {
    /// Closes the bridge but keeps the file's lock, so no other test runs in between.
    pub fn close(mut self) -> MutexGuard<'static, ()> {
        let serial = self.serial.take().expect("held until closed");
        assert_eq!(obsb_bridge_close(self.handle), Status::OK, "close");
        std::mem::forget(self); // nothing else to release
        serial
    }

    /// Every span in every ring now, in batches of 1000.
    pub fn drain_spans(&self) -> Vec<SpanRecord> {
        let mut all = Vec::new();
        loop {
            let batch = self.drain_spans_batch(1000);
            if batch.is_empty() {
                return all;
            }
            all.extend(batch);
        }
    }

    /// One drain call into a buffer of `capacity`.
    pub fn drain_spans_batch(&self, capacity: usize) -> Vec<SpanRecord> {
        let mut buffer = vec![SpanRecord::default(); capacity];
        let mut count = usize::MAX;
        // SAFETY: `buffer` holds `capacity` records.
        let status = unsafe {
            obsb_bridge_drain_spans(self.handle, buffer.as_mut_ptr(), capacity, &mut count)
        };
        assert_eq!(status, Status::OK, "drain spans");
        assert!(count <= capacity);
        buffer.truncate(count);
        buffer
    }

    /// Every error record queued now.
    pub fn drain_errors(&self) -> Vec<ErrorRecord> {
        let mut all = Vec::new();
        loop {
            let mut buffer = vec![ErrorRecord::default(); 64];
            let mut count = usize::MAX;
            // SAFETY: `buffer` holds 64 records.
            let status = unsafe {
                obsb_bridge_drain_errors(self.handle, buffer.as_mut_ptr(), 64, &mut count)
            };
            assert_eq!(status, Status::OK, "drain errors");
            if count == 0 {
                return all;
            }
            all.extend_from_slice(&buffer[..count]);
        }
    }

    /// The counters now, checking the accounting identities.
    pub fn counters(&self) -> Counters {
        let mut counters = Counters::default();
        // SAFETY: valid pointer.
        let status = unsafe { obsb_bridge_counters(self.handle, &mut counters) };
        assert_eq!(status, Status::OK, "counters");
        assert!(
            counters.collected + counters.dropped <= counters.emitted,
            "{counters:?}"
        );
        assert!(
            counters.errors_collected + counters.errors_dropped <= counters.errors_emitted,
            "{counters:?}"
        );
        counters
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        let status = obsb_bridge_close(self.handle);
        if !std::thread::panicking() {
            assert_eq!(status, Status::OK, "close");
        }
    }
}

/// `later - earlier`, field by field.
pub fn delta(later: &Counters, earlier: &Counters) -> Counters {
    Counters {
        emitted: later.emitted - earlier.emitted,
        collected: later.collected - earlier.collected,
        dropped: later.dropped - earlier.dropped,
        rings_live: later.rings_live.wrapping_sub(earlier.rings_live),
        rings_retired: later.rings_retired - earlier.rings_retired,
        errors_emitted: later.errors_emitted - earlier.errors_emitted,
        errors_collected: later.errors_collected - earlier.errors_collected,
        errors_dropped: later.errors_dropped - earlier.errors_dropped,
        wakeups: later.wakeups - earlier.wakeups,
    }
}

/// Whether the tests should shrink (set by scripts/rust-memcheck.sh for valgrind).
pub fn small() -> bool {
    std::env::var_os("OBSBRIDGE_TEST_SMALL").is_some_and(|v| v == "1")
}

/// `full` normally, `reduced` under OBSBRIDGE_TEST_SMALL=1.
pub fn scaled(full: usize, reduced: usize) -> usize {
    if small() {
        reduced
    } else {
        full
    }
}

/// A traced test function: succeeds, fails, panics or reports a NULL argument depending on `mode`.
pub static TEST_OP: Callsite = Callsite::new("test.op");

/// What [`test_op`] does.
pub const OK: u32 = 0;
pub const FAIL: u32 = 1;
pub const PANIC: u32 = 2;
pub const NULL_ARG: u32 = 3;

/// A traced exported function as a library would write it.
///
/// # Safety
///
/// `ctx` NULL or valid for reads; `err` NULL or valid for writes.
pub unsafe extern "C" fn test_op(
    ctx: *const TraceContext,
    mode: u32,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is boundary's.
    unsafe {
        boundary(ctx, err, &TEST_OP, || match mode {
            OK => Ok(()),
            FAIL => Err(NativeError::new("test", 42, format!("mode {mode} failed"))),
            PANIC => panic!("test op panicked on purpose"),
            _ => Err(NativeError::null_argument("out")),
        })
    }
}
