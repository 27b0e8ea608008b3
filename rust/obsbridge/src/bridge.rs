//! The bridge's lifecycle: one open bridge per process, checked handles, and the relaxed flag
//! that every span asks first.
//!
//! A handle's value is `0x0B5B << 48 | generation`; generations count up from 1 per open. A value
//! with another tag or a generation never issued is [`Status::INVALID_HANDLE`], an issued one that
//! is not the open bridge's is [`Status::CLOSED_HANDLE`]. Handles are never dereferenced.
//!
//! Closing stops recording; rings, counters and queued errors stay, so a later open (in the same
//! process) continues the cumulative counters and drains what was left.
//!
//! The state here is the recorder's (see `runtime.rs`): its members (every copy of the crate that
//! records into it, its own copy first), which it switches on and off and drains, and the first ABI
//! conflict, which makes every open fail. A member's own state is only its [`RECORDING`] flag.

use crate::abi::{
    BridgeConfig, BridgeHandle, CallsiteCount, Conflict, Counters, ErrorRecord, RuntimeMember,
    SpanRecord, ABI_VERSION,
};
use crate::{rendezvous, runtime, wake, Status};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The open bridge's capacities, the members, the drain cursors, and the first conflict. The
/// generations are atomics beside it ([`ISSUED`], [`OPEN`]), so checking a handle takes no lock.
///
/// The lock is held for a few field updates only, never across a drain: the collector's span
/// drain and the error drain run on different threads, and neither may wait while the other
/// (perhaps preempted) copies records.
struct BridgeState {
    /// The open bridge's ring and error capacities (0 while closed).
    capacities: (u32, u32),
    /// Every copy recording into this one, in the order they attached (`None`: none yet). Shared,
    /// so a drain takes the list and lets the lock go.
    members: Option<Arc<Vec<Member>>>,
    /// Where the next span drain starts, so no member starves another.
    cursor: usize,
    /// Where the next error drain starts, for the same reason.
    error_cursor: usize,
    /// The first copy refused for its ABI version.
    conflict: Option<Conflict>,
}

/// A member's table: a static of a loaded copy.
#[derive(Clone, Copy)]
struct Member(&'static RuntimeMember);

// SAFETY: a member's table is immutable, and its functions may be called from any thread.
unsafe impl Send for Member {}

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

/// The last generation issued (0: none yet); written under [`STATE`]'s lock.
static ISSUED: AtomicU64 = AtomicU64::new(0);

/// The open bridge's generation (0: closed); written under [`STATE`]'s lock.
static OPEN: AtomicU64 = AtomicU64::new(0);

/// Taken by open, close, adding a member and, briefly, by each drain (never on a span's path).
static STATE: Mutex<BridgeState> = Mutex::new(BridgeState {
    capacities: (0, 0),
    members: None,
    cursor: 0,
    error_cursor: 0,
    conflict: None,
});

/// Whether this copy records spans (a bridge is open in the process and this copy has joined its
/// recorder). Starts the copy first, so a library's first call after `Bridge.start` sees `true`.
pub fn is_recording() -> bool {
    runtime::start();
    recording()
}

/// This copy's recording flag: one relaxed load, what every span asks first.
#[inline(always)]
pub(crate) fn recording() -> bool {
    RECORDING.load(Ordering::Relaxed)
}

/// For the not-recording branch of the hot paths: starts the copy (one Acquire load once it has
/// started), then asks the flag again, so a copy that joins a recorder whose bridge is already open
/// records from its very first span.
#[inline]
pub(crate) fn recording_after_start() -> bool {
    runtime::start();
    recording()
}

/// Switches this copy's recording flag (the recorder does, through the member table).
pub(crate) fn set_recording(on: bool) {
    RECORDING.store(on, Ordering::Relaxed);
}

/// Adds a member, switching it on at once while a bridge is open.
pub(crate) fn add_member(member: &'static RuntimeMember) {
    let mut state = lock();
    if OPEN.load(Ordering::Relaxed) != 0 {
        let (ring, error) = state.capacities;
        (member.set_recording)(1, ring, error);
    }
    let mut members = state.members.as_deref().cloned().unwrap_or_default();
    members.push(Member(member));
    state.members = Some(Arc::new(members));
}

/// Keeps the first conflict.
pub(crate) fn record_conflict(conflict: Conflict) {
    lock().conflict.get_or_insert(conflict);
}

/// The first conflict, if any.
pub(crate) fn conflict() -> Option<Conflict> {
    lock().conflict
}

/// Records a conflict with the first loaded copy of another ABI version (found by its note), if
/// there is one.
pub(crate) fn scan_for_conflict() {
    let found = rendezvous::scan()
        .into_iter()
        .find(|copy| copy.abi_version != ABI_VERSION)
        .map(|copy| runtime::conflict(copy.abi_version, ABI_VERSION, &copy.description));
    if let Some(found) = found {
        record_conflict(found);
    }
}

/// Opens the process's bridge with `config` (zero fields take the defaults).
///
/// Installs the panic hook and calibrates the clock (once per process), then starts recording.
///
/// # Errors
///
/// [`Status::INVALID_ARGUMENT`] for a capacity above 2^20, [`Status::ABI_MISMATCH`] when a copy of
/// the crate with another ABI version is (or was) loaded, [`Status::ALREADY_OPEN`] if a bridge is
/// open.
pub(crate) fn open(config: &BridgeConfig) -> Result<BridgeHandle, Status> {
    if config.ring_capacity > MAX_CAPACITY || config.error_capacity > MAX_CAPACITY {
        return Err(Status::INVALID_ARGUMENT);
    }
    scan_for_conflict();
    let mut state = lock();
    if state.conflict.is_some() {
        return Err(Status::ABI_MISMATCH);
    }
    if OPEN.load(Ordering::Relaxed) != 0 {
        return Err(Status::ALREADY_OPEN);
    }
    let generation = ISSUED.load(Ordering::Relaxed) + 1;
    if generation > GENERATION_MASK {
        return Err(Status::CAPACITY);
    }
    let ring = match config.ring_capacity {
        0 => crate::abi::DEFAULT_RING_CAPACITY,
        n => n,
    };
    let error = match config.error_capacity {
        0 => crate::abi::DEFAULT_ERROR_CAPACITY,
        n => n,
    };
    state.capacities = (ring, error);
    for member in state.members.iter().flat_map(|members| members.iter()) {
        (member.0.set_recording)(1, ring, error);
    }
    ISSUED.store(generation, Ordering::Release);
    OPEN.store(generation, Ordering::Release);
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
    check(handle)?;
    OPEN.store(0, Ordering::Release);
    state.capacities = (0, 0);
    for member in state.members.iter().flat_map(|members| members.iter()) {
        (member.0.set_recording)(0, 0, 0);
    }
    Ok(())
}

/// Moves up to `capacity` span records from every member to `out`, starting one member further
/// each time; returns how many.
///
/// # Safety
///
/// `out` must be valid for writes of `capacity` records (any alignment).
pub(crate) unsafe fn drain_spans(out: *mut SpanRecord, capacity: usize) -> usize {
    drain_members(
        |state| &mut state.cursor,
        capacity,
        // SAFETY: `out + written` has room for `capacity - written` records (the caller's
        // guarantee), and a member writes at most that many.
        |member, written| unsafe { (member.0.drain_spans)(out.add(written), capacity - written) },
    )
}

/// Moves up to `capacity` error records from every member to `out`, starting one member further
/// each time (an error storm in one library never starves another's queue); returns how many.
///
/// # Safety
///
/// `out` must be valid for writes of `capacity` records (any alignment).
pub(crate) unsafe fn drain_errors(out: *mut ErrorRecord, capacity: usize) -> usize {
    drain_members(
        |state| &mut state.error_cursor,
        capacity,
        // SAFETY: as in `drain_spans`.
        |member, written| unsafe { (member.0.drain_errors)(out.add(written), capacity - written) },
    )
}

/// Runs `drain(member, written so far)` over the members until `capacity` records are written,
/// starting one member after where the previous drain through `cursor` started, so no member
/// starves another; returns how many were written.
fn drain_members(
    cursor: impl Fn(&mut BridgeState) -> &mut usize,
    capacity: usize,
    mut drain: impl FnMut(Member, usize) -> usize,
) -> usize {
    let (members, start) = {
        let mut state = lock();
        let Some(members) = state.members.clone() else {
            return 0;
        };
        let start = *cursor(&mut state) % members.len();
        *cursor(&mut state) = start + 1;
        (members, start)
    };
    let count = members.len();
    let mut written = 0;
    for k in 0..count {
        if written == capacity {
            break;
        }
        written += drain(members[(start + k) % count], written);
    }
    written
}

/// Every member's counters, summed, with this recorder's wake-ups.
pub(crate) fn counters() -> Counters {
    let members = members();
    let mut total = Counters {
        wakeups: wake::requests(),
        ..Counters::default()
    };
    for member in members.iter() {
        let mut counters = Counters::default();
        // SAFETY: `counters` is writable.
        unsafe { (member.0.counters)(&mut counters) };
        total.emitted += counters.emitted;
        total.collected += counters.collected;
        total.dropped += counters.dropped;
        total.rings_live += counters.rings_live;
        total.rings_retired += counters.rings_retired;
        total.errors_emitted += counters.errors_emitted;
        total.errors_collected += counters.errors_collected;
        total.errors_dropped += counters.errors_dropped;
    }
    total
}

/// Error drops by callsite over every member, merged, in callsite order.
pub(crate) fn error_drops() -> Vec<(u32, u64)> {
    let mut merged = BTreeMap::new();
    for member in members().iter() {
        // SAFETY: a capacity of 0 writes nothing; the second call has room for `total` entries.
        let total = unsafe { (member.0.error_drops)(std::ptr::null_mut(), 0) };
        let mut entries = vec![CallsiteCount::default(); total];
        // SAFETY: `entries` has room for `total` entries.
        let copied = unsafe { (member.0.error_drops)(entries.as_mut_ptr(), total) };
        for entry in entries.iter().take(copied.min(total)) {
            *merged.entry(entry.callsite).or_insert(0) += entry.count;
        }
    }
    merged.into_iter().collect()
}

/// Checks that `handle` names the open bridge.
///
/// # Errors
///
/// [`Status::INVALID_HANDLE`] for a value this library never issued, [`Status::CLOSED_HANDLE`] for
/// one that was issued and closed.
pub(crate) fn check(handle: BridgeHandle) -> Result<(), Status> {
    let generation = handle.value & GENERATION_MASK;
    let issued = ISSUED.load(Ordering::Acquire);
    if handle.value >> TAG_SHIFT != HANDLE_TAG || generation == 0 || generation > issued {
        Err(Status::INVALID_HANDLE)
    } else if generation != OPEN.load(Ordering::Acquire) {
        Err(Status::CLOSED_HANDLE)
    } else {
        Ok(())
    }
}

/// The members now (empty before the first attaches); the lock is held only to take the list.
fn members() -> Arc<Vec<Member>> {
    lock().members.clone().unwrap_or_default()
}

/// The state's lock; every update is a few field stores, so poisoning is ignored.
fn lock() -> MutexGuard<'static, BridgeState> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}
