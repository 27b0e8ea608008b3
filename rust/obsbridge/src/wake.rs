//! Waking the collector when there is work, instead of waiting for its timer.
//!
//! The collector waits in [`wait`] (`obsb_bridge_wait`). A producer whose ring passes its high-water
//! mark, or a failure that fills the error queue past its own, calls [`request`]: one relaxed load
//! of [`PENDING`] while a wake-up is already pending, and otherwise one swap and one `unpark` (a
//! futex system call) for the first producer that asks. The common path (a ring below its high-water
//! mark) never comes here, so recording stays free of system calls.

use crate::runtime;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::{self, Thread};
use std::time::Duration;

/// A wake-up was requested and the collector has not consumed it yet.
static PENDING: AtomicBool = AtomicBool::new(false);

/// The thread waiting in [`wait`] most recently (the collector's).
static WAITER: Mutex<Option<Thread>> = Mutex::new(None);

/// How many wake-ups producers requested (first requests only), for the counters.
static REQUESTS: AtomicU64 = AtomicU64::new(0);

/// Asks the collector to drain now. Cheap when a wake-up is already pending.
#[inline]
pub(crate) fn request() {
    if !PENDING.load(Ordering::Relaxed) {
        request_slow();
    }
}

/// The first request since the collector last woke: flag it and unpark the waiter. A copy that
/// records into another copy's recorder asks that recorder instead (its own flag stays clear).
#[cold]
#[inline(never)]
fn request_slow() {
    if let Some(recorder) = runtime::foreign() {
        (recorder.wake_request)();
        return;
    }
    if !PENDING.swap(true, Ordering::AcqRel) {
        REQUESTS.fetch_add(1, Ordering::Relaxed);
        if let Some(waiter) = waiter().as_ref() {
            waiter.unpark();
        }
    }
}

/// Wakes the waiting collector (for a shutdown): the same as a producer's request.
pub(crate) fn wake() {
    PENDING.store(true, Ordering::Release);
    if let Some(waiter) = waiter().as_ref() {
        waiter.unpark();
    }
}

/// Blocks the calling thread until a wake-up is requested or `timeout` passes; returns whether it
/// was woken. A request that came before the call returns at once. Meant for one collector thread.
pub(crate) fn wait(timeout: Duration) -> bool {
    {
        let mut waiter = waiter();
        let current = thread::current();
        if waiter.as_ref().map(Thread::id) != Some(current.id()) {
            *waiter = Some(current);
        }
    }
    if PENDING.swap(false, Ordering::AcqRel) {
        return true;
    }
    thread::park_timeout(timeout);
    PENDING.swap(false, Ordering::AcqRel)
}

/// Wake-ups requested by producers so far.
pub(crate) fn requests() -> u64 {
    REQUESTS.load(Ordering::Relaxed)
}

/// The waiter's lock; it guards one `Option<Thread>`, consistent whatever panicked.
fn waiter() -> MutexGuard<'static, Option<Thread>> {
    WAITER.lock().unwrap_or_else(PoisonError::into_inner)
}
