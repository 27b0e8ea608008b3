//! The bridge's lifecycle: one open bridge per process, checked handles, and the relaxed flag
//! that every span asks first.
//!
//! A handle's value is `0x0B5B << 48 | generation`; generations count up from 1 per open. A value
//! with another tag or a generation never issued is [`Status::INVALID_HANDLE`], an issued one that
//! is not the open bridge's is [`Status::CLOSED_HANDLE`]. Handles are never dereferenced.
//!
//! Closing stops recording; rings, counters and queued errors stay, so a later open (in the same
//! process) continues the cumulative counters and drains what was left.

use crate::abi::{BridgeConfig, BridgeHandle};
use crate::{clock, error_queue, panic_capture, registry, Status};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Which generations exist and which one is open.
struct BridgeState {
    /// The last generation issued (0: none yet).
    issued: u64,
    /// The open bridge's generation (0: closed).
    open: u64,
}

/// The tag in a handle's top 16 bits.
const HANDLE_TAG: u64 = 0x0B5B;
/// Where the tag starts.
const TAG_SHIFT: u32 = 48;
/// The generation bits.
const GENERATION_MASK: u64 = (1 << TAG_SHIFT) - 1;

/// The largest ring or error capacity a configuration may ask for.
const MAX_CAPACITY: u32 = 1 << 20;

/// Whether a bridge is open, asked (relaxed) by every span before it records anything.
static RECORDING: AtomicBool = AtomicBool::new(false);

/// Generations; taken by open, close and the handle checks (never on a span's path).
static STATE: Mutex<BridgeState> = Mutex::new(BridgeState { issued: 0, open: 0 });

/// Whether spans are being recorded (a bridge is open): one relaxed load.
#[inline(always)]
pub fn is_recording() -> bool {
    RECORDING.load(Ordering::Relaxed)
}

/// Opens the process's bridge with `config` (zero fields take the defaults).
///
/// Installs the panic hook and calibrates the clock (once per process), then starts recording.
///
/// # Errors
///
/// [`Status::INVALID_ARGUMENT`] for a capacity above 2^20, [`Status::ALREADY_OPEN`] if a bridge is
/// open.
pub(crate) fn open(config: &BridgeConfig) -> Result<BridgeHandle, Status> {
    if config.ring_capacity > MAX_CAPACITY || config.error_capacity > MAX_CAPACITY {
        return Err(Status::INVALID_ARGUMENT);
    }
    let mut state = lock();
    if state.open != 0 {
        return Err(Status::ALREADY_OPEN);
    }
    let generation = state.issued + 1;
    if generation > GENERATION_MASK {
        return Err(Status::CAPACITY);
    }
    panic_capture::install();
    clock::info();
    registry::set_ring_capacity(match config.ring_capacity {
        0 => registry::DEFAULT_RING_CAPACITY,
        n => n as usize,
    });
    error_queue::set_capacity(match config.error_capacity {
        0 => error_queue::DEFAULT_ERROR_CAPACITY,
        n => n as usize,
    });
    state.issued = generation;
    state.open = generation;
    RECORDING.store(true, Ordering::Relaxed);
    Ok(BridgeHandle {
        value: HANDLE_TAG << TAG_SHIFT | generation,
    })
}

/// Closes the bridge `handle` names and stops recording.
///
/// # Errors
///
/// [`Status::INVALID_HANDLE`] or [`Status::CLOSED_HANDLE`], as [`check`].
pub(crate) fn close(handle: BridgeHandle) -> Result<(), Status> {
    let mut state = lock();
    check_locked(&state, handle)?;
    state.open = 0;
    RECORDING.store(false, Ordering::Relaxed);
    Ok(())
}

/// Checks that `handle` names the open bridge.
///
/// # Errors
///
/// [`Status::INVALID_HANDLE`] for a value this library never issued, [`Status::CLOSED_HANDLE`] for
/// one that was issued and closed.
pub(crate) fn check(handle: BridgeHandle) -> Result<(), Status> {
    check_locked(&lock(), handle)
}

/// [`check`], under the lock.
fn check_locked(state: &BridgeState, handle: BridgeHandle) -> Result<(), Status> {
    let generation = handle.value & GENERATION_MASK;
    if handle.value >> TAG_SHIFT != HANDLE_TAG || generation == 0 || generation > state.issued {
        Err(Status::INVALID_HANDLE)
    } else if generation != state.open {
        Err(Status::CLOSED_HANDLE)
    } else {
        Ok(())
    }
}

/// The state's lock; every update is two integer stores, so poisoning is ignored.
fn lock() -> MutexGuard<'static, BridgeState> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}
