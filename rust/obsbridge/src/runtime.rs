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
            panic_capture::install();
            clock::info();
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
