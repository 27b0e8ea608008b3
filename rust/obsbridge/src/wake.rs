//! Waking the collector when there is work, instead of waiting for its timer.
//!
//! The collector waits in [`wait`] (`obsb_bridge_wait`). A producer whose ring passes its high-water
//! mark, or a failure that fills the error queue past its own, calls [`request`]: one relaxed load
//! of [`PENDING`] while a wake-up is already pending, and otherwise one swap and one `unpark` (a
//! futex system call) for the first producer that asks. The common path (a ring below its high-water
//! mark) never comes here, so recording stays free of system calls.
//!
//! No lock is held across a system call, and the collector takes no lock to wait once it is
//! registered: a producer preempted inside `unpark` (the woken collector often preempts it) must
//! never make the collector's next wait block behind it.

use crate::runtime;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::{self, Thread};
use std::time::Duration;

/// A wake-up was requested and the collector has not consumed it yet.
static PENDING: AtomicBool = AtomicBool::new(false);

/// The thread waiting in [`wait`] most recently (the collector's).
static WAITER: Mutex<Option<Thread>> = Mutex::new(None);

/// Counts registrations in [`WAITER`], so a thread knows whether it is still the one registered.
static WAITER_GENERATION: AtomicU64 = AtomicU64::new(0);

/// How many wake-ups producers requested (first requests only), for the counters.
static REQUESTS: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// The [`WAITER_GENERATION`] this thread registered itself as (`u64::MAX`: never).
    static REGISTERED: Cell<u64> = const { Cell::new(u64::MAX) };
}

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
        unpark_waiter();
    }
}

/// Wakes the waiting collector (for a shutdown): the same as a producer's request.
pub(crate) fn wake() {
    PENDING.store(true, Ordering::Release);
    unpark_waiter();
}

/// Unparks the registered waiter, with the lock released first (the handle is cloned out).
fn unpark_waiter() {
    let waiter = waiter().clone();
    if let Some(waiter) = waiter {
        waiter.unpark();
    }
}

/// Blocks the calling thread until a wake-up is requested or `timeout` passes; returns whether it
/// was woken. A request that came before the call returns at once. Meant for one collector thread.
pub(crate) fn wait(timeout: Duration) -> bool {
    register_as_waiter();
    if PENDING.swap(false, Ordering::AcqRel) {
        return true;
    }
    thread::park_timeout(timeout);
    PENDING.swap(false, Ordering::AcqRel)
}

/// Makes the calling thread the one [`request`] unparks; no lock once it is registered (and no
/// other thread registered since).
fn register_as_waiter() {
    if REGISTERED.get() == WAITER_GENERATION.load(Ordering::Acquire) {
        return;
    }
    let mut waiter = waiter();
    *waiter = Some(thread::current());
    let generation = WAITER_GENERATION.load(Ordering::Relaxed) + 1;
    WAITER_GENERATION.store(generation, Ordering::Release);
    REGISTERED.set(generation);
}

/// Wake-ups requested by producers so far.
pub(crate) fn requests() -> u64 {
    REQUESTS.load(Ordering::Relaxed)
}

/// The waiter's lock; it guards one `Option<Thread>`, consistent whatever panicked.
fn waiter() -> MutexGuard<'static, Option<Thread>> {
    WAITER.lock().unwrap_or_else(PoisonError::into_inner)
}
