//! The C ABI of `include/obsbridge.h`: every `obsb_*` function, and nothing else.
//!
//! Each function's body runs inside `catch_status`, which turns a panic into
//! [`Status::PANIC`] (a panic leaving an `extern "C"` function aborts the process), and NULL-checks
//! its pointers before anything else; outputs are written only on success, with unaligned writes
//! (a misaligned pointer from C is not worth an abort). The three hot functions
//! ([`obsb_clock_now`], [`obsb_context_init_child`], [`obsb_span_emit`]) skip the wrapper because
//! nothing they run can panic; each says why.
//!
//! Every static library that depends on this crate exports these functions (the demo's
//! `libobsbridge_demo.a` does). Several such libraries can be linked into one program: on ELF
//! targets the `obsb_*` symbols are weak aliases (see `weak_exports.rs`), so the linker keeps one
//! copy's and never reports a duplicate; elsewhere they are `#[no_mangle]` definitions. Whichever
//! copy's functions the program reaches, the bridge functions forward to the process's recorder
//! (`runtime.rs`); each has a `local_*` twin, the recorder's own implementation.

use crate::abi::Conflict;
use crate::abi::{
    BridgeConfig, BridgeHandle, CallsiteCount, ClockInfo, Counters, ErrorRecord, SpanRecord,
    TraceContext, ABI_VERSION, CALLSITE_NAME_CAPACITY, SPAN_KIND_CALLER,
};
use crate::boundary::drop_payload;
use crate::callsite::{find_local, register_local, with_callsite_name};
use crate::{bridge, clock, registry, runtime, wake, Status};
use std::ffi::c_char;
use std::mem::size_of;
use std::panic::{self, AssertUnwindSafe};
use std::time::Duration;

/// The ABI version of this library (`OBSB_ABI_VERSION`). Any thread; never fails.
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub extern "C" fn obsb_abi_version() -> u32 {
    ABI_VERSION
}

/// A static, NUL-terminated name for `status` (`"OBSB_STATUS_UNKNOWN"` for unknown values).
/// Any thread; never fails; the caller must not free the string.
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub extern "C" fn obsb_status_name(status: Status) -> *const c_char {
    status.c_name().as_ptr()
}

/// Opens the process's bridge and starts recording; see `obsbridge.h`.
///
/// Errors, in the order checked: ABI_MISMATCH, NULL_ARGUMENT (`out_handle`), INVALID_ARGUMENT
/// (a capacity above 2^20), ALREADY_OPEN.
///
/// # Safety
///
/// `config` must be NULL or valid for reading a [`BridgeConfig`]; `out_handle` must be NULL or
/// valid for writing a [`BridgeHandle`].
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub unsafe extern "C" fn obsb_bridge_open(
    abi_version: u32,
    config: *const BridgeConfig,
    out_handle: *mut BridgeHandle,
) -> Status {
    // SAFETY: the recorder's function has this function's contract.
    unsafe { (runtime::get().bridge_open)(abi_version, config, out_handle) }
}

/// [`obsb_bridge_open`] in this copy (the recorder's implementation, see `runtime.rs`).
///
/// # Safety
///
/// As [`obsb_bridge_open`].
pub(crate) unsafe extern "C" fn local_bridge_open(
    abi_version: u32,
    config: *const BridgeConfig,
    out_handle: *mut BridgeHandle,
) -> Status {
    catch_status(|| {
        if abi_version != ABI_VERSION {
            // Name the loaded copy that speaks the caller's version, if there is one.
            bridge::scan_for_conflict();
            return Err(Status::ABI_MISMATCH);
        }
        if out_handle.is_null() {
            return Err(Status::NULL_ARGUMENT);
        }
        let config = if config.is_null() {
            BridgeConfig::default()
        } else {
            // SAFETY: non-null, and the caller guarantees it is valid for reads.
            unsafe { config.read_unaligned() }
        };
        let handle = bridge::open(&config)?;
        // SAFETY: non-null (checked), and the caller guarantees it is valid for writes.
        unsafe { out_handle.write_unaligned(handle) };
        Ok(())
    })
}

/// Stops recording and closes the bridge; spans in rings stay pending. Errors: INVALID_HANDLE,
/// CLOSED_HANDLE.
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub extern "C" fn obsb_bridge_close(handle: BridgeHandle) -> Status {
    (runtime::get().bridge_close)(handle)
}

/// [`obsb_bridge_close`] in this copy (the recorder's implementation, see `runtime.rs`).
pub(crate) extern "C" fn local_bridge_close(handle: BridgeHandle) -> Status {
    catch_status(|| bridge::close(handle))
}

/// Copies up to `capacity` finished spans from all rings into `out`; frees the rings of exited
/// threads once empty. Errors: NULL_ARGUMENT, INVALID_HANDLE, CLOSED_HANDLE.
///
/// # Safety
///
/// `out` must be NULL or valid for writing `capacity` records; `out_count` NULL or valid for
/// writing a `size_t`.
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub unsafe extern "C" fn obsb_bridge_drain_spans(
    handle: BridgeHandle,
    out: *mut SpanRecord,
    capacity: usize,
    out_count: *mut usize,
) -> Status {
    // SAFETY: the recorder's function has this function's contract.
    unsafe { (runtime::get().bridge_drain_spans)(handle, out, capacity, out_count) }
}

/// [`obsb_bridge_drain_spans`] in this copy (the recorder's implementation, see `runtime.rs`).
///
/// # Safety
///
/// As [`obsb_bridge_drain_spans`].
pub(crate) unsafe extern "C" fn local_bridge_drain_spans(
    handle: BridgeHandle,
    out: *mut SpanRecord,
    capacity: usize,
    out_count: *mut usize,
) -> Status {
    // SAFETY: the function's own contract, which drain_checked's requires.
    unsafe { drain_checked(handle, out, capacity, out_count, bridge::drain_spans) }
}

/// Like [`obsb_bridge_drain_spans`], for error records.
///
/// # Safety
///
/// `out` must be NULL or valid for writing `capacity` error records; `out_count` NULL or valid for
/// writing a `size_t`.
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub unsafe extern "C" fn obsb_bridge_drain_errors(
    handle: BridgeHandle,
    out: *mut ErrorRecord,
    capacity: usize,
    out_count: *mut usize,
) -> Status {
    // SAFETY: the recorder's function has this function's contract.
    unsafe { (runtime::get().bridge_drain_errors)(handle, out, capacity, out_count) }
}

/// [`obsb_bridge_drain_errors`] in this copy (the recorder's implementation, see `runtime.rs`).
///
/// # Safety
///
/// As [`obsb_bridge_drain_errors`].
pub(crate) unsafe extern "C" fn local_bridge_drain_errors(
    handle: BridgeHandle,
    out: *mut ErrorRecord,
    capacity: usize,
    out_count: *mut usize,
) -> Status {
    // SAFETY: the function's own contract, which drain_checked's requires.
    unsafe { drain_checked(handle, out, capacity, out_count, bridge::drain_errors) }
}

/// The body of both batched drains: NULL checks, the handle check, a capacity clamp, the drain and
/// the count, inside the panic-catching boundary.
///
/// # Safety
///
/// `out` must be NULL or valid for writing `capacity` `T`s; `out_count` NULL or valid for writing a
/// `size_t`; `drain` must write at most its capacity argument of records and return how many.
unsafe fn drain_checked<T>(
    handle: BridgeHandle,
    out: *mut T,
    capacity: usize,
    out_count: *mut usize,
    drain: unsafe fn(*mut T, usize) -> usize,
) -> Status {
    catch_status(|| {
        if out.is_null() || out_count.is_null() {
            return Err(Status::NULL_ARGUMENT);
        }
        bridge::check(handle)?;
        // No real buffer is larger; the clamp keeps pointer arithmetic in range.
        let capacity = capacity.min(isize::MAX as usize / size_of::<T>().max(1));
        // SAFETY: the caller guarantees `out` has room for `capacity` records.
        let count = unsafe { drain(out, capacity) };
        // SAFETY: non-null (checked), and the caller guarantees it is valid for writes.
        unsafe { out_count.write_unaligned(count) };
        Ok(())
    })
}

/// Reads the exact counters. Errors: NULL_ARGUMENT, INVALID_HANDLE, CLOSED_HANDLE.
///
/// # Safety
///
/// `out` must be NULL or valid for writing a [`Counters`].
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub unsafe extern "C" fn obsb_bridge_counters(handle: BridgeHandle, out: *mut Counters) -> Status {
    // SAFETY: the recorder's function has this function's contract.
    unsafe { (runtime::get().bridge_counters)(handle, out) }
}

/// [`obsb_bridge_counters`] in this copy (the recorder's implementation, see `runtime.rs`).
///
/// # Safety
///
/// As [`obsb_bridge_counters`].
pub(crate) unsafe extern "C" fn local_bridge_counters(
    handle: BridgeHandle,
    out: *mut Counters,
) -> Status {
    catch_status(|| {
        if out.is_null() {
            return Err(Status::NULL_ARGUMENT);
        }
        bridge::check(handle)?;
        let counters = bridge::counters();
        // SAFETY: non-null (checked), and the caller guarantees it is valid for writes.
        unsafe { out.write_unaligned(counters) };
        Ok(())
    })
}

/// Error records dropped by callsite: up to `capacity` entries into `out`, `*out_count` = how many
/// callsites have drops. Errors: NULL_ARGUMENT, INVALID_HANDLE, CLOSED_HANDLE.
///
/// # Safety
///
/// `out` must be NULL (with `capacity` 0) or valid for writing `capacity` entries; `out_count` NULL
/// or valid for writing a `size_t`.
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub unsafe extern "C" fn obsb_bridge_error_drops(
    handle: BridgeHandle,
    out: *mut CallsiteCount,
    capacity: usize,
    out_count: *mut usize,
) -> Status {
    // SAFETY: the recorder's function has this function's contract.
    unsafe { (runtime::get().bridge_error_drops)(handle, out, capacity, out_count) }
}

/// [`obsb_bridge_error_drops`] in this copy (the recorder's implementation, see `runtime.rs`).
///
/// # Safety
///
/// As [`obsb_bridge_error_drops`].
pub(crate) unsafe extern "C" fn local_bridge_error_drops(
    handle: BridgeHandle,
    out: *mut CallsiteCount,
    capacity: usize,
    out_count: *mut usize,
) -> Status {
    catch_status(|| {
        if out_count.is_null() || (out.is_null() && capacity > 0) {
            return Err(Status::NULL_ARGUMENT);
        }
        bridge::check(handle)?;
        let drops = bridge::error_drops();
        let total = drops.len();
        for (index, &(callsite, count)) in drops.iter().take(capacity).enumerate() {
            // SAFETY: `index < capacity`, and the caller guarantees room for `capacity` entries.
            unsafe {
                out.add(index).write_unaligned(CallsiteCount {
                    callsite,
                    reserved: 0,
                    count,
                })
            };
        }
        // SAFETY: non-null (checked), and the caller guarantees it is valid for writes.
        unsafe { out_count.write_unaligned(total) };
        Ok(())
    })
}

/// Blocks the collector until a ring or the error queue passes its high-water mark,
/// `obsb_bridge_wake` is called, or `timeout_ns` pass; sets `*out_woken` (when not NULL) to 1 if
/// woken, 0 on timeout. Errors: INVALID_HANDLE, CLOSED_HANDLE.
///
/// # Safety
///
/// `out_woken` must be NULL or valid for writing one byte.
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub unsafe extern "C" fn obsb_bridge_wait(
    handle: BridgeHandle,
    timeout_ns: u64,
    out_woken: *mut u8,
) -> Status {
    // SAFETY: the recorder's function has this function's contract.
    unsafe { (runtime::get().bridge_wait)(handle, timeout_ns, out_woken) }
}

/// [`obsb_bridge_wait`] in this copy (the recorder's implementation, see `runtime.rs`).
///
/// # Safety
///
/// As [`obsb_bridge_wait`].
pub(crate) unsafe extern "C" fn local_bridge_wait(
    handle: BridgeHandle,
    timeout_ns: u64,
    out_woken: *mut u8,
) -> Status {
    catch_status(|| {
        bridge::check(handle)?;
        let woken = wake::wait(Duration::from_nanos(timeout_ns));
        if !out_woken.is_null() {
            // SAFETY: non-null, and the caller guarantees it is valid for writes.
            unsafe { out_woken.write(u8::from(woken)) };
        }
        Ok(())
    })
}

/// Wakes the thread in `obsb_bridge_wait` at once. Errors: INVALID_HANDLE, CLOSED_HANDLE.
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub extern "C" fn obsb_bridge_wake(handle: BridgeHandle) -> Status {
    (runtime::get().bridge_wake)(handle)
}

/// [`obsb_bridge_wake`] in this copy (the recorder's implementation, see `runtime.rs`).
pub(crate) extern "C" fn local_bridge_wake(handle: BridgeHandle) -> Status {
    catch_status(|| {
        bridge::check(handle)?;
        wake::wake();
        Ok(())
    })
}

/// Fills `out` with the clock in use and its calibration (the first call in a process may spin for
/// about 10 ms to calibrate). Any thread. Errors: NULL_ARGUMENT.
///
/// # Safety
///
/// `out` must be NULL or valid for writing a [`ClockInfo`].
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub unsafe extern "C" fn obsb_clock_info_get(out: *mut ClockInfo) -> Status {
    // SAFETY: the recorder's function has this function's contract.
    unsafe { (runtime::get().clock_info_get)(out) }
}

/// [`obsb_clock_info_get`] in this copy (the recorder's implementation, see `runtime.rs`).
///
/// # Safety
///
/// As [`obsb_clock_info_get`].
pub(crate) unsafe extern "C" fn local_clock_info_get(out: *mut ClockInfo) -> Status {
    catch_status(|| {
        if out.is_null() {
            return Err(Status::NULL_ARGUMENT);
        }
        let info = clock::info();
        // SAFETY: non-null (checked), and the caller guarantees it is valid for writes.
        unsafe { out.write_unaligned(info) };
        Ok(())
    })
}

/// Reads the clock in use, in ticks. Any thread; never fails.
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub extern "C" fn obsb_clock_now() -> u64 {
    // No catch_unwind: an atomic load and RDTSC or clock_gettime cannot panic, and neither can the
    // first call's source selection (CPUID, an environment lookup, a compare-exchange).
    clock::now()
}

/// Registers a UTF-8 operation name (1..=128 bytes) and writes its id. Errors: NULL_ARGUMENT,
/// INVALID_ARGUMENT (empty), TOO_LONG, INVALID_UTF8, CAPACITY.
///
/// # Safety
///
/// `name` must be NULL or valid for reading `name_len` bytes; `out_id` NULL or valid for writing a
/// `u32`.
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub unsafe extern "C" fn obsb_callsite_register(
    name: *const u8,
    name_len: usize,
    out_id: *mut u32,
) -> Status {
    // SAFETY: the recorder's function has this function's contract.
    unsafe { (runtime::get().callsite_register)(name, name_len, out_id) }
}

/// [`obsb_callsite_register`] in this copy (the recorder's implementation, see `runtime.rs`).
///
/// # Safety
///
/// As [`obsb_callsite_register`].
pub(crate) unsafe extern "C" fn local_callsite_register(
    name: *const u8,
    name_len: usize,
    out_id: *mut u32,
) -> Status {
    // SAFETY: the function's own contract.
    unsafe { callsite_lookup(name, name_len, out_id, register_local) }
}

/// Like [`local_callsite_register`], but [`Status::NOT_FOUND`] for a name never registered: the
/// recorder's `callsite_find`.
///
/// # Safety
///
/// As [`obsb_callsite_register`].
pub(crate) unsafe extern "C" fn local_callsite_find(
    name: *const u8,
    name_len: usize,
    out_id: *mut u32,
) -> Status {
    // SAFETY: the function's own contract.
    unsafe { callsite_lookup(name, name_len, out_id, find_local) }
}

/// The checks and the output of a callsite registration or lookup, around `lookup`.
///
/// # Safety
///
/// As [`obsb_callsite_register`].
unsafe fn callsite_lookup(
    name: *const u8,
    name_len: usize,
    out_id: *mut u32,
    lookup: fn(&[u8]) -> Result<u32, Status>,
) -> Status {
    catch_status(|| {
        if name.is_null() || out_id.is_null() {
            return Err(Status::NULL_ARGUMENT);
        }
        if name_len == 0 {
            return Err(Status::INVALID_ARGUMENT);
        }
        if name_len > CALLSITE_NAME_CAPACITY {
            return Err(Status::TOO_LONG);
        }
        // SAFETY: non-null, and the caller guarantees `name_len` (here at most 128) readable bytes.
        let name = unsafe { std::slice::from_raw_parts(name, name_len) };
        let id = lookup(name)?;
        // SAFETY: non-null (checked), and the caller guarantees it is valid for writes.
        unsafe { out_id.write_unaligned(id) };
        Ok(())
    })
}

/// Copies the name of callsite `id` into `buf` and sets `*out_len`. Errors: NULL_ARGUMENT,
/// NOT_FOUND, TOO_LONG (then `*out_len` is the length needed).
///
/// # Safety
///
/// `buf` must be NULL or valid for writing `capacity` bytes; `out_len` NULL or valid for writing a
/// `size_t`.
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub unsafe extern "C" fn obsb_callsite_name(
    id: u32,
    buf: *mut u8,
    capacity: usize,
    out_len: *mut usize,
) -> Status {
    // SAFETY: the recorder's function has this function's contract.
    unsafe { (runtime::get().callsite_name)(id, buf, capacity, out_len) }
}

/// [`obsb_callsite_name`] in this copy (the recorder's implementation, see `runtime.rs`).
///
/// # Safety
///
/// As [`obsb_callsite_name`].
pub(crate) unsafe extern "C" fn local_callsite_name(
    id: u32,
    buf: *mut u8,
    capacity: usize,
    out_len: *mut usize,
) -> Status {
    catch_status(|| {
        if buf.is_null() || out_len.is_null() {
            return Err(Status::NULL_ARGUMENT);
        }
        let copied = with_callsite_name(id, |name| {
            // SAFETY: `out_len` is non-null (checked) and valid for writes (caller).
            unsafe { out_len.write_unaligned(name.len()) };
            if name.len() > capacity {
                return Err(Status::TOO_LONG);
            }
            // SAFETY: `buf` is non-null and valid for `capacity >= name.len()` bytes (caller), and
            // cannot overlap the table's own string.
            unsafe { std::ptr::copy_nonoverlapping(name.as_ptr(), buf, name.len()) };
            Ok(())
        });
        copied.unwrap_or(Err(Status::NOT_FOUND))
    })
}

/// Fills `*out` with the first ABI conflict between copies of this crate in the process (a copy
/// refused for its ABI version: see `runtime.rs`). Any thread. Errors: NULL_ARGUMENT, NOT_FOUND
/// (no conflict; `*out` untouched).
///
/// # Safety
///
/// `out` must be NULL or valid for writing a [`Conflict`].
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub unsafe extern "C" fn obsb_conflict_get(out: *mut Conflict) -> Status {
    // SAFETY: the recorder's function has this function's contract.
    unsafe { (runtime::get().conflict_get)(out) }
}

/// [`obsb_conflict_get`] in this copy (the recorder's implementation, see `runtime.rs`).
///
/// # Safety
///
/// As [`obsb_conflict_get`].
pub(crate) unsafe extern "C" fn local_conflict_get(out: *mut Conflict) -> Status {
    catch_status(|| {
        if out.is_null() {
            return Err(Status::NULL_ARGUMENT);
        }
        let conflict = bridge::conflict().ok_or(Status::NOT_FOUND)?;
        // SAFETY: non-null (checked), and the caller guarantees it is valid for writes.
        unsafe { out.write_unaligned(conflict) };
        Ok(())
    })
}

/// Fills `*out` with a child context of `parent` (same trace, `parent_span_id = parent->span_id`,
/// same flags, fresh span id) or, when `parent` is NULL or invalid, a new sampled root. `out`
/// NULL: does nothing. Any thread.
///
/// # Safety
///
/// `parent` must be NULL or valid for reading a [`TraceContext`]; `out` NULL or valid for writing
/// one.
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub unsafe extern "C" fn obsb_context_init_child(
    parent: *const TraceContext,
    callsite: u32,
    out: *mut TraceContext,
) {
    // No catch_unwind: this reads and writes plain memory and steps a thread-local generator whose
    // const-initialised `Cell` has no destructor (so the access cannot fail); its one-time seeding
    // reads the clock and bumps an atomic. None of it can panic.
    if out.is_null() {
        return;
    }
    let parent = if parent.is_null() {
        None
    } else {
        // SAFETY: non-null, and the caller guarantees it is valid for reads.
        Some(unsafe { parent.read_unaligned() })
    };
    let context = TraceContext::init_child(parent.as_ref(), callsite);
    // SAFETY: non-null (checked), and the caller guarantees it is valid for writes.
    unsafe { write_context(out, &context) };
}

/// Writes `context` to `out` as four 8-byte stores plus one for the 8-byte tail (callsite, flags,
/// context flags, reserved), composed in a register. Copying the struct whole made the compiler assemble the tail
/// from 4-, 2- and 1-byte stores and reload it with one 8-byte load, a store-forwarding stall that
/// cost about 5 ns per traced call.
///
/// # Safety
///
/// `out` must be valid for writing a [`TraceContext`] (any alignment).
#[inline(always)]
unsafe fn write_context(out: *mut TraceContext, context: &TraceContext) {
    let tail = u64::from(context.callsite).to_le()
        | u64::from(context.flags) << 32
        | u64::from(context.context_flags) << 40;
    let words = out.cast::<u64>();
    // SAFETY: the caller guarantees 40 writable bytes at `out`: five unaligned 8-byte writes, the
    // last at offset 32 where callsite (u32), flags (u8), context_flags (u8) and reserved ([u8; 2],
    // zero) lie, in
    // little-endian order (the only byte order this crate is built for, see the assert below).
    unsafe {
        words.write_unaligned(context.trace_id_hi);
        words.add(1).write_unaligned(context.trace_id_lo);
        words.add(2).write_unaligned(context.span_id);
        words.add(3).write_unaligned(context.parent_span_id);
        words.add(4).write_unaligned(tail);
    }
}

#[cfg(target_endian = "big")]
compile_error!("obsbridge's C ABI writers assume a little-endian target");

/// Records a span the caller timed itself (kind forced to CALLER, `thread_index` set to the
/// calling thread's ring) into the calling thread's ring. Does nothing while no bridge is open.
/// Errors: NULL_ARGUMENT.
///
/// # Safety
///
/// `record` must be NULL or valid for reading a [`SpanRecord`].
#[cfg_attr(not(elf_rendezvous), no_mangle)]
pub unsafe extern "C" fn obsb_span_emit(record: *const SpanRecord) -> Status {
    // No catch_unwind: the push is pointer arithmetic and stores, and the thread's first push
    // (ring creation: allocation, a lock) catches its own panics; nothing else here can panic.
    if record.is_null() {
        return Status::NULL_ARGUMENT;
    }
    if bridge::recording() || bridge::recording_after_start() {
        // SAFETY: non-null, and the caller guarantees it is valid for reads.
        let record = unsafe { record.read_unaligned() };
        registry::emit(SpanRecord {
            kind: SPAN_KIND_CALLER,
            ..record
        });
    }
    Status::OK
}

/// Runs an exported function's body: its `Err` status, [`Status::OK`], or [`Status::PANIC`] if it
/// panicked (the panic does not cross the C boundary).
fn catch_status(body: impl FnOnce() -> Result<(), Status>) -> Status {
    match panic::catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => Status::OK,
        Ok(Err(status)) => status,
        Err(payload) => {
            drop_payload(payload);
            Status::PANIC
        }
    }
}
