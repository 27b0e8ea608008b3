//! One process, one recorder: the copies of this crate that several Rust libraries bring into one
//! program all record into the first copy to start.
//!
//! A copy starts ([`start`]) on its first use of anything but the hot path's fast branches: a
//! bridge function, a callsite registration, or a span while it is not recording yet. It reads the
//! process's rendezvous slot ([`crate::rendezvous`]) and either
//! - publishes its own [`Runtime`] there (compare-exchange from null): it is the recorder, and its
//!   own [`RuntimeMember`] is its first member; or
//! - finds another copy's [`Runtime`] with the same ABI version: it adopts that clock source and
//!   attaches its member. From then on its `obsb_*` functions and callsite registrations forward
//!   to the recorder, while its spans still go into its own per-thread rings and error queue, which
//!   the recorder drains through the member. The hot path is the same in every copy; or
//! - finds a [`Runtime`] of another ABI version: it reports itself through the one field every ABI
//!   version keeps (`report_incompatible`), records the conflict locally too, and never records.
//!   Either side's `obsb_bridge_open` then fails with `ABI_MISMATCH`, and `obsb_conflict_get`
//!   names the library and both versions.

use crate::abi::{
    CallsiteCount, Conflict, Counters, ErrorRecord, Runtime, RuntimeMember, SpanRecord, ABI_VERSION,
};
use crate::rendezvous::{self, LoadedCopy};
use crate::{bridge, clock, error_queue, ffi, panic_capture, registry, wake, Status};
use std::mem::size_of;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::{AtomicPtr, AtomicU32, Ordering};
use std::sync::Once;

/// This copy's runtime, published if it is the first copy to start.
static OWN: Runtime = Runtime {
    abi_version: ABI_VERSION,
    size: size_of::<Runtime>() as u32,
    report_incompatible,
    attach,
    bridge_open: ffi::local_bridge_open,
    bridge_close: ffi::local_bridge_close,
    bridge_drain_spans: ffi::local_bridge_drain_spans,
    bridge_drain_errors: ffi::local_bridge_drain_errors,
    bridge_counters: ffi::local_bridge_counters,
    bridge_error_drops: ffi::local_bridge_error_drops,
    bridge_wait: ffi::local_bridge_wait,
    bridge_wake: ffi::local_bridge_wake,
    clock_info_get: ffi::local_clock_info_get,
    callsite_register: ffi::local_callsite_register,
    callsite_find: ffi::local_callsite_find,
    callsite_name: ffi::local_callsite_name,
    conflict_get: ffi::local_conflict_get,
    ring_index_next,
    wake_request,
    clock_source,
};

/// This copy as a member of the recorder (its own, or another copy's).
static MEMBER: RuntimeMember = RuntimeMember {
    abi_version: ABI_VERSION,
    size: size_of::<RuntimeMember>() as u32,
    set_recording: member_set_recording,
    drain_spans: member_drain_spans,
    drain_errors: member_drain_errors,
    counters: member_counters,
    error_drops: member_error_drops,
};

/// The runtime this copy uses once started: [`OWN`] or another copy's.
static CURRENT: AtomicPtr<Runtime> = AtomicPtr::new(ptr::null_mut());

/// Guards the start.
static START: Once = Once::new();

/// The next ring number, when this copy is the recorder.
static NEXT_RING_INDEX: AtomicU32 = AtomicU32::new(1);

/// Starts this copy (once per copy; afterwards one Acquire load).
#[inline]
pub(crate) fn start() {
    if !START.is_completed() {
        start_slow();
    }
}

/// The recorder this copy uses: its own [`Runtime`] or another copy's. Starts the copy first.
#[inline]
pub(crate) fn get() -> &'static Runtime {
    start();
    let current = CURRENT.load(Ordering::Acquire);
    if current.is_null() {
        &OWN
    } else {
        // SAFETY: CURRENT only ever holds &OWN or a published Runtime of a loaded copy, which lives
        // as long as the process (unloading a copy is unsupported, see `rendezvous`).
        unsafe { &*current }
    }
}

/// The other copy this copy records into, or `None` when it is the recorder (or refused).
#[inline]
pub(crate) fn foreign() -> Option<&'static Runtime> {
    let runtime = get();
    (!ptr::eq(runtime, &OWN)).then_some(runtime)
}

/// The first start: find the rendezvous, then publish, attach or refuse. Never panics out.
#[cold]
#[inline(never)]
fn start_slow() {
    START.call_once(|| {
        let started = panic::catch_unwind(AssertUnwindSafe(|| {
            let copies = rendezvous::scan();
            join(rendezvous::slot(&copies), &copies);
        }));
        // Whatever this copy became (recorder, member, or refused and reported), other copies
        // now hold pointers into it: it must never be unmapped.
        rendezvous::pin_own_object();
        if started.is_err() {
            // Nothing was published or attached: record alone, as a single copy would.
            bridge::add_member(&MEMBER);
        }
    });
}

/// Publishes [`OWN`] in `slot`, or joins (or is refused by) the runtime already there.
fn join(slot: &AtomicPtr<Runtime>, copies: &[LoadedCopy]) {
    let own = ptr::from_ref(&OWN).cast_mut();
    let existing =
        match slot.compare_exchange(ptr::null_mut(), own, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => own,
            Err(existing) => existing,
        };
    if ptr::eq(existing, own) {
        bridge::add_member(&MEMBER);
        return;
    }
    // SAFETY: a non-null slot holds a Runtime published by a loaded copy, which lives as long as
    // the process. Only the first three fields are read before the version check, and those
    // are the same in every ABI version.
    let other = unsafe { &*existing };
    if other.abi_version == ABI_VERSION && other.size as usize >= size_of::<Runtime>() {
        clock::adopt((other.clock_source)());
        // SAFETY: MEMBER is a static, so the pointer stays valid for the recorder's use.
        let status = unsafe { (other.attach)(&MEMBER) };
        if status.is_ok() {
            CURRENT.store(existing, Ordering::Release);
            return;
        }
    }
    let description = rendezvous::own_description(copies);
    // SAFETY: the pointer and length describe `description`'s bytes, read during the call only.
    unsafe { (other.report_incompatible)(ABI_VERSION, description.as_ptr(), description.len()) };
    bridge::record_conflict(conflict(ABI_VERSION, other.abi_version, &description));
    bridge::add_member(&MEMBER);
}

/// A conflict record for `name` (cut to fit, at a character boundary).
pub(crate) fn conflict(library: u32, recorder: u32, name: &str) -> Conflict {
    let mut end = name.len().min(crate::abi::LIBRARY_NAME_CAPACITY);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = Conflict {
        library_abi_version: library,
        recorder_abi_version: recorder,
        name_len: end as u32,
        ..Conflict::default()
    };
    out.name[..end].copy_from_slice(&name.as_bytes()[..end]);
    out
}

/// [`Runtime::report_incompatible`]: another copy, of ABI `abi_version`, could not attach.
unsafe extern "C" fn report_incompatible(abi_version: u32, name: *const u8, name_len: usize) {
    let _ = panic::catch_unwind(AssertUnwindSafe(|| {
        let name = if name.is_null() {
            "a library".into()
        } else {
            // SAFETY: the caller passes `name_len` readable bytes.
            String::from_utf8_lossy(unsafe { std::slice::from_raw_parts(name, name_len) })
        };
        bridge::record_conflict(conflict(abi_version, ABI_VERSION, &name));
    }));
}

/// [`Runtime::attach`]: a later copy joins this recorder.
unsafe extern "C" fn attach(member: *const RuntimeMember) -> Status {
    if member.is_null() {
        return Status::NULL_ARGUMENT;
    }
    // SAFETY: a non-null member is a static of a loaded copy (the caller's), alive for the process.
    let member = unsafe { &*member };
    if member.abi_version != ABI_VERSION || (member.size as usize) < size_of::<RuntimeMember>() {
        return Status::ABI_MISMATCH;
    }
    match panic::catch_unwind(AssertUnwindSafe(|| bridge::add_member(member))) {
        Ok(()) => Status::OK,
        Err(_) => Status::PANIC,
    }
}

/// [`Runtime::ring_index_next`]: ring numbers, process-wide, never 0.
extern "C" fn ring_index_next() -> u32 {
    loop {
        let index = NEXT_RING_INDEX.fetch_add(1, Ordering::Relaxed);
        if index != 0 {
            return index;
        }
    }
}

/// The number for this thread's new ring, from the recorder.
pub(crate) fn next_ring_index() -> u32 {
    (get().ring_index_next)()
}

/// [`Runtime::wake_request`].
extern "C" fn wake_request() {
    wake::request();
}

/// [`Runtime::clock_source`].
extern "C" fn clock_source() -> i32 {
    clock::source()
}

/// [`RuntimeMember::set_recording`]: switch this copy's recording on (with the capacities) or off.
extern "C" fn member_set_recording(on: u8, ring_capacity: u32, error_capacity: u32) {
    let _ = panic::catch_unwind(|| {
        if on != 0 {
            // No clock calibration here: a member reads the recorder's clock source (adopted at
            // attach) and its ticks are converted with the recorder's calibration, so calibrating
            // would only spin for 10 ms under the recorder's lock.
            panic_capture::install();
            registry::set_ring_capacity(ring_capacity as usize);
            error_queue::set_capacity(error_capacity as usize);
        }
        bridge::set_recording(on != 0);
    });
}

/// [`RuntimeMember::drain_spans`].
unsafe extern "C" fn member_drain_spans(out: *mut SpanRecord, capacity: usize) -> usize {
    // SAFETY: the recorder passes room for `capacity` records.
    panic::catch_unwind(AssertUnwindSafe(|| unsafe {
        registry::drain_into(out, capacity)
    }))
    .unwrap_or(0)
}

/// [`RuntimeMember::drain_errors`].
unsafe extern "C" fn member_drain_errors(out: *mut ErrorRecord, capacity: usize) -> usize {
    // SAFETY: the recorder passes room for `capacity` records.
    panic::catch_unwind(AssertUnwindSafe(|| unsafe {
        error_queue::drain_into(out, capacity)
    }))
    .unwrap_or(0)
}

/// [`RuntimeMember::counters`].
unsafe extern "C" fn member_counters(out: *mut Counters) {
    if let Ok(counters) = panic::catch_unwind(|| {
        let spans = registry::counts();
        let errors = error_queue::counts();
        Counters {
            emitted: spans.emitted,
            collected: spans.collected,
            dropped: spans.dropped,
            rings_live: spans.rings_live,
            rings_retired: spans.rings_retired,
            errors_emitted: errors.emitted,
            errors_collected: errors.collected,
            errors_dropped: errors.dropped,
            wakeups: 0,
        }
    }) {
        // SAFETY: the recorder passes a writable Counters.
        unsafe { out.write_unaligned(counters) };
    }
}

/// [`RuntimeMember::error_drops`].
unsafe extern "C" fn member_error_drops(out: *mut CallsiteCount, capacity: usize) -> usize {
    panic::catch_unwind(AssertUnwindSafe(|| {
        let mut pairs = vec![(0u32, 0u64); capacity];
        let total = error_queue::drops_by_callsite(&mut pairs);
        for (index, &(callsite, count)) in pairs.iter().take(total).enumerate() {
            // SAFETY: `index < capacity`, and the recorder passes room for `capacity` entries.
            unsafe {
                out.add(index).write_unaligned(CallsiteCount {
                    callsite,
                    reserved: 0,
                    count,
                })
            };
        }
        total
    }))
    .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::{BridgeConfig, BridgeHandle};
    use std::sync::atomic::{AtomicU8, AtomicUsize};

    /// The fake member's recording flag and ring capacity, as the recorder set them.
    static FAKE_ON: AtomicU8 = AtomicU8::new(0);
    static FAKE_RING: AtomicU32 = AtomicU32::new(0);
    /// Records the fake member still holds (of 3).
    static FAKE_PENDING: AtomicUsize = AtomicUsize::new(3);

    extern "C" fn fake_set_recording(on: u8, ring: u32, _error: u32) {
        FAKE_ON.store(on, Ordering::SeqCst);
        FAKE_RING.store(ring, Ordering::SeqCst);
    }

    unsafe extern "C" fn fake_drain_spans(out: *mut SpanRecord, capacity: usize) -> usize {
        let pending = FAKE_PENDING.load(Ordering::SeqCst);
        let count = capacity.min(pending);
        for index in 0..count {
            let record = SpanRecord {
                span_id: 1000 + (3 - pending + index) as u64,
                ..SpanRecord::default()
            };
            // SAFETY: the recorder passes room for `capacity >= count` records.
            unsafe { out.add(index).write_unaligned(record) };
        }
        FAKE_PENDING.fetch_sub(count, Ordering::SeqCst);
        count
    }

    unsafe extern "C" fn fake_drain_errors(_out: *mut ErrorRecord, _capacity: usize) -> usize {
        0
    }

    unsafe extern "C" fn fake_counters(out: *mut Counters) {
        let collected = 3 - FAKE_PENDING.load(Ordering::SeqCst) as u64;
        let counters = Counters {
            emitted: 3,
            collected,
            rings_live: 1,
            ..Counters::default()
        };
        // SAFETY: the recorder passes a writable Counters.
        unsafe { out.write_unaligned(counters) };
    }

    unsafe extern "C" fn fake_error_drops(out: *mut CallsiteCount, capacity: usize) -> usize {
        if capacity >= 1 {
            let drop = CallsiteCount {
                callsite: 60_000,
                reserved: 0,
                count: 2,
            };
            // SAFETY: the recorder passes room for `capacity >= 1` entries.
            unsafe { out.write_unaligned(drop) };
        }
        1
    }

    /// Another copy of the crate, as the recorder sees it through its table.
    static FAKE: RuntimeMember = RuntimeMember {
        abi_version: ABI_VERSION,
        size: size_of::<RuntimeMember>() as u32,
        set_recording: fake_set_recording,
        drain_spans: fake_drain_spans,
        drain_errors: fake_drain_errors,
        counters: fake_counters,
        error_drops: fake_error_drops,
    };

    /// The same copy, claiming another ABI version.
    static OLDER: RuntimeMember = RuntimeMember {
        abi_version: ABI_VERSION - 1,
        ..FAKE
    };

    #[test]
    fn a_member_is_switched_drained_and_counted_by_the_recorder() {
        // SAFETY: the members are statics.
        unsafe {
            assert_eq!(attach(&OLDER), Status::ABI_MISMATCH);
            assert_eq!(attach(std::ptr::null()), Status::NULL_ARGUMENT);
            assert_eq!(attach(&FAKE), Status::OK);
        }
        let config = BridgeConfig {
            ring_capacity: 64,
            error_capacity: 16,
        };
        let mut handle = BridgeHandle::default();
        // SAFETY: valid pointers throughout.
        unsafe {
            assert_eq!(
                ffi::obsb_bridge_open(ABI_VERSION, &config, &mut handle),
                Status::OK
            );
            assert_eq!(FAKE_ON.load(Ordering::SeqCst), 1);
            assert_eq!(FAKE_RING.load(Ordering::SeqCst), 64);

            let mut records = vec![SpanRecord::default(); 8];
            let mut ids = Vec::new();
            loop {
                let mut count = 0;
                let status =
                    ffi::obsb_bridge_drain_spans(handle, records.as_mut_ptr(), 2, &mut count);
                assert_eq!(status, Status::OK);
                if count == 0 {
                    break;
                }
                ids.extend(records[..count].iter().map(|record| record.span_id));
            }
            assert!(
                [1000, 1001, 1002].iter().all(|id| ids.contains(id)),
                "{ids:?}"
            );

            let mut counters = Counters::default();
            assert_eq!(ffi::obsb_bridge_counters(handle, &mut counters), Status::OK);
            assert!(counters.emitted >= 3 && counters.rings_live >= 1);
            assert_eq!(counters.emitted, counters.collected + counters.dropped);

            let mut drops = vec![CallsiteCount::default(); 4];
            let mut total = 0;
            let status = ffi::obsb_bridge_error_drops(handle, drops.as_mut_ptr(), 4, &mut total);
            assert_eq!(status, Status::OK);
            assert!(drops[..total]
                .iter()
                .any(|d| d.callsite == 60_000 && d.count == 2));

            assert_eq!(ffi::obsb_bridge_close(handle), Status::OK);
            assert_eq!(FAKE_ON.load(Ordering::SeqCst), 0);
        }
    }

    #[test]
    fn conflict_names_are_cut_at_a_character_boundary() {
        let name = format!("x{}", "é".repeat(200)); // boundaries at odd offsets
        let conflict = conflict(3, 2, &name);
        assert_eq!(conflict.name_len, 255);
        assert_eq!(conflict.name_str(), name[..255]);
        assert_eq!(
            (conflict.library_abi_version, conflict.recorder_abi_version),
            (3, 2)
        );
    }
}
