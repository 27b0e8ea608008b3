//! The boundary helper: the body of every traced exported function.
//!
//! [`boundary`] runs the native function's work, records one `BOUNDARY` span for it, catches any
//! panic (a panic leaving an `extern "C"` function aborts the process), and turns the outcome into a
//! [`Status`]. On any failure the function reports (a library error, a caught panic, or misuse
//! such as a NULL output pointer) it also fills the caller's `obsb_error` and queues an error
//! record for the collector. [`out_ref`] checks an output pointer; the [`ownership`](crate::ownership)
//! helpers check the other pointer arguments.
//!
//! The success path costs two clock reads, two thread-local accesses for the current span, one
//! thread-local access and a 64-byte store for the record, and one relaxed load: no allocation, no
//! lock, no read-modify-write.
//!
//! ```
//! use obsbridge::abi::{ErrorInfo, TraceContext};
//! use obsbridge::{boundary, in_bytes, out_ref, Callsite, NativeError, Status};
//!
//! static COUNT_ZEROS: Callsite = Callsite::new("example.count_zeros");
//!
//! /// Counts the zero bytes of (bytes, len).
//! ///
//! /// # Safety
//! ///
//! /// The usual C contract: each pointer is NULL or valid for its length.
//! #[no_mangle]
//! pub unsafe extern "C" fn example_count_zeros(
//!     ctx: *const TraceContext,
//!     bytes: *const u8,
//!     len: usize,
//!     out_count: *mut u64,
//!     err: *mut ErrorInfo,
//! ) -> Status {
//!     // SAFETY: the caller's contract is the one boundary, in_bytes and out_ref require.
//!     unsafe {
//!         boundary(ctx, err, &COUNT_ZEROS, || {
//!             let out = out_ref(out_count, "out_count")?;
//!             let bytes = in_bytes(bytes, len, "bytes")?;
//!             if bytes.len() > 1 << 30 {
//!                 return Err(NativeError::new("example", 1, "input too large"));
//!             }
//!             out.write(bytes.iter().filter(|&&b| b == 0).count() as u64);
//!             Ok(())
//!         })
//!     }
//! }
//!
//! let mut count = 0;
//! // SAFETY: valid pointers; NULL context and error are allowed.
//! let status = unsafe {
//!     example_count_zeros(std::ptr::null(), b"a\0b\0".as_ptr(), 4, &mut count, std::ptr::null_mut())
//! };
//! assert_eq!((status, count), (Status::OK, 2));
//! ```
//!
//! Context rules: a NULL `ctx` records the span as a fresh root; a valid `ctx` gives the span its
//! ids, flags and (if nonzero) callsite; a `ctx` with a zero trace id or span id is refused with
//! [`Status::INVALID_CONTEXT`] without running the function (the refusal is recorded as a span
//! with that status while a bridge is open).

use crate::abi::{
    ErrorInfo, ErrorRecord, SpanRecord, TraceContext, CONTEXT_FLAG_PARENT_REMOTE,
    SPAN_FLAG_REMOTE_PARENT, SPAN_KIND_BOUNDARY,
};
use crate::current::{self, CurrentSpan};
use crate::id::{SpanId, TraceId};
use crate::{bridge, clock, error_queue, panic_capture, registry, Callsite, NativeError, Status};
use std::any::Any;
use std::marker::PhantomData;
use std::panic::{self, AssertUnwindSafe};
use std::ptr::NonNull;

/// A checked, writable output pointer; see [`out_ref`].
#[derive(Debug)]
pub struct OutRef<'a, T> {
    /// Non-null; valid for a write of `T`, by [`out_ref`]'s contract.
    ptr: NonNull<T>,
    /// Borrows the pointee mutably for `'a`.
    _pointee: PhantomData<&'a mut T>,
}

/// What `catch_unwind` around the native function returns.
type Outcome = std::thread::Result<Result<(), NativeError>>;

/// Runs `f` as the body of a traced exported function and returns its status.
///
/// - While a bridge is open: reads the clock, makes the call's span current (so child spans take
///   it as their parent), runs `f` catching any panic, reads the clock, and pushes one `BOUNDARY`
///   record (callsite: `ctx.callsite` if nonzero, else `callsite`'s id) into the thread's ring.
/// - While none is open: the same, minus the clock reads and the record.
/// - When `f` fails or panics (whatever the [`NativeError`]'s status: a library error, or
///   [`Status::NULL_ARGUMENT`] from [`out_ref`], ...): writes `*err` (if `err` is not NULL) with
///   the status, domain, code and message and, while a bridge is open, queues an error record.
///   `*err` is left untouched on success and when the context is refused
///   ([`Status::INVALID_CONTEXT`]), so a caller that sets `err->status` to OK first can tell.
///
/// Context rules: a NULL `ctx` records the span as a fresh root; a valid `ctx` gives the span its
/// ids, flags and (if nonzero) callsite; a `ctx` with a zero trace id or span id is refused with
/// [`Status::INVALID_CONTEXT`] without running `f` (the refusal is recorded as a span with that
/// status while a bridge is open, keeping the context's nonzero ids).
///
/// The success path costs two clock reads, a thread-local read and two writes for the current
/// span, and a thread-local read plus a 64-byte store for the record: no allocation, no lock, no
/// read-modify-write.
///
/// # Safety
///
/// `ctx` must be NULL or valid for reading a [`TraceContext`]; `err` must be NULL or valid for
/// writing an [`ErrorInfo`] (it need not be initialised).
#[inline]
pub unsafe fn boundary<F>(
    ctx: *const TraceContext,
    err: *mut ErrorInfo,
    callsite: &Callsite,
    f: F,
) -> Status
where
    F: FnOnce() -> Result<(), NativeError>,
{
    let ctx = if ctx.is_null() {
        None
    } else {
        // SAFETY: non-null, and the caller guarantees it is valid for reads. Unaligned-tolerant:
        // a misaligned pointer from C must not trip Rust's debug alignment check (a panic here
        // would escape the catch below).
        Some(unsafe { ctx.read_unaligned() })
    };
    if bridge::recording() {
        // SAFETY: as for this function.
        unsafe { run_recorded(ctx, err, callsite, f) }
    } else {
        // SAFETY: as for this function.
        unsafe { run_unrecorded(ctx, err, callsite, f) }
    }
}

/// [`boundary`] while recording: time the call and record its span.
///
/// # Safety
///
/// `err` must be NULL or valid for writing an [`ErrorInfo`].
#[inline(always)]
unsafe fn run_recorded<F>(
    ctx: Option<TraceContext>,
    err: *mut ErrorInfo,
    callsite: &Callsite,
    f: F,
) -> Status
where
    F: FnOnce() -> Result<(), NativeError>,
{
    {
        let start = clock::now();
        let ctx = match ctx {
            None => TraceContext::new_root(0),
            Some(ctx) if ctx.is_valid() => ctx,
            Some(ctx) => return refuse_context(&ctx, callsite, start),
        };
        let outer = current::enter(CurrentSpan::new(
            ctx.trace_id_hi,
            ctx.trace_id_lo,
            ctx.span_id,
            ctx.flags,
            true,
        ));
        let outcome = panic::catch_unwind(AssertUnwindSafe(f));
        current::restore(outer);
        let end = clock::now();
        let record = SpanRecord {
            trace_id_hi: ctx.trace_id_hi,
            trace_id_lo: ctx.trace_id_lo,
            span_id: ctx.span_id,
            parent_span_id: ctx.parent_span_id,
            start_ticks: start,
            end_ticks: end,
            callsite: if ctx.callsite != 0 {
                ctx.callsite
            } else {
                callsite.id()
            },
            status: Status::OK,
            thread_index: 0, // set by the ring
            flags: ctx.flags,
            kind: SPAN_KIND_BOUNDARY,
            span_flags: span_flags(&ctx),
        };
        if succeeded(&outcome) {
            forget_success(outcome);
            registry::emit(record);
            Status::OK
        } else {
            // SAFETY: the caller guarantees `err` is NULL or valid for writes.
            unsafe { finish_failed(outcome, record, err) }
        }
    }
}

/// Checks an output pointer argument, for writing the result at the end of a traced function.
///
/// # Errors
///
/// [`NativeError::null_argument`]`(what)` if `ptr` is NULL.
///
/// # Safety
///
/// `ptr` must be NULL or valid for writing a `T` for `'a` (it need not be initialised), and not
/// be read or written through any other pointer meanwhile.
pub unsafe fn out_ref<'a, T>(ptr: *mut T, what: &str) -> Result<OutRef<'a, T>, NativeError> {
    match NonNull::new(ptr) {
        Some(ptr) => Ok(OutRef {
            ptr,
            _pointee: PhantomData,
        }),
        None => Err(NativeError::null_argument(what)),
    }
}

impl<T> OutRef<'_, T> {
    /// Writes the output (without reading or dropping what was there before).
    #[inline]
    pub fn write(self, value: T) {
        // SAFETY: `out_ref`'s caller guaranteed the pointer valid for writing a `T`. An unaligned
        // write costs nothing extra on the targets we run on and cannot trip alignment checks.
        unsafe { self.ptr.as_ptr().write_unaligned(value) };
    }
}

/// Whether the function returned `Ok(())`.
#[inline(always)]
fn succeeded(outcome: &Outcome) -> bool {
    matches!(outcome, Ok(Ok(())))
}

/// Disposes of a successful outcome. `Ok(Ok(()))` owns nothing, but LLVM keeps an out-of-line
/// call to the outcome's drop glue on the success path unless the value is forgotten.
#[inline(always)]
fn forget_success(outcome: Outcome) {
    debug_assert!(succeeded(&outcome));
    std::mem::forget(outcome);
}

/// The status for an outcome.
fn status_of(outcome: &Outcome) -> Status {
    match outcome {
        Ok(Ok(())) => Status::OK,
        Ok(Err(error)) => error.status(),
        Err(_) => Status::PANIC,
    }
}

/// [`boundary`] while this copy is not recording: start the copy (it may join a recorder whose
/// bridge is open, and record this very call), else run, catch, fill `*err`; record nothing.
///
/// # Safety
///
/// `err` must be NULL or valid for writing an [`ErrorInfo`].
#[inline(never)]
unsafe fn run_unrecorded<F>(
    ctx: Option<TraceContext>,
    err: *mut ErrorInfo,
    callsite: &Callsite,
    f: F,
) -> Status
where
    F: FnOnce() -> Result<(), NativeError>,
{
    if bridge::recording_after_start() {
        // SAFETY: as for this function.
        return unsafe { run_recorded(ctx, err, callsite, f) };
    }
    let ctx = match ctx {
        None => TraceContext::default(),
        Some(ctx) if ctx.is_valid() => ctx,
        Some(_) => return Status::INVALID_CONTEXT,
    };
    // Capture (rather than print) panics even if no bridge was ever opened.
    panic_capture::install();
    let outer = current::enter(CurrentSpan::new(
        ctx.trace_id_hi,
        ctx.trace_id_lo,
        ctx.span_id,
        ctx.flags,
        true,
    ));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    current::restore(outer);
    if succeeded(&outcome) {
        forget_success(outcome);
        return Status::OK;
    }
    let status = status_of(&outcome);
    // SAFETY: the caller guarantees `err` is NULL or valid for writes.
    unsafe { report(outcome, err, None) };
    status
}

/// A recorded call failed: record its span with the failure's status, then report the details.
///
/// # Safety
///
/// `err` must be NULL or valid for writing an [`ErrorInfo`].
#[cold]
#[inline(never)]
unsafe fn finish_failed(outcome: Outcome, record: SpanRecord, err: *mut ErrorInfo) -> Status {
    let status = status_of(&outcome);
    let record = SpanRecord { status, ..record };
    registry::emit(record);
    // SAFETY: the caller guarantees `err` is NULL or valid for writes.
    unsafe { report(outcome, err, Some(&record)) };
    status
}

/// Records a refused (invalid) context as a span, if recording; returns INVALID_CONTEXT.
#[cold]
#[inline(never)]
fn refuse_context(ctx: &TraceContext, callsite: &Callsite, start: u64) -> Status {
    let (trace_id_hi, trace_id_lo) = if ctx.trace_id_hi == 0 && ctx.trace_id_lo == 0 {
        let trace = TraceId::random();
        (trace.hi(), trace.lo())
    } else {
        (ctx.trace_id_hi, ctx.trace_id_lo)
    };
    registry::emit(SpanRecord {
        trace_id_hi,
        trace_id_lo,
        span_id: if ctx.span_id == 0 {
            SpanId::random().get()
        } else {
            ctx.span_id
        },
        parent_span_id: ctx.parent_span_id,
        start_ticks: start,
        end_ticks: clock::now(),
        callsite: if ctx.callsite != 0 {
            ctx.callsite
        } else {
            callsite.id()
        },
        status: Status::INVALID_CONTEXT,
        thread_index: 0,
        flags: ctx.flags,
        kind: SPAN_KIND_BOUNDARY,
        span_flags: span_flags(ctx),
    });
    Status::INVALID_CONTEXT
}

/// The record's span flags for a call made with `ctx`: whether its parent is in another process.
#[inline(always)]
fn span_flags(ctx: &TraceContext) -> u16 {
    if ctx.context_flags & CONTEXT_FLAG_PARENT_REMOTE != 0 {
        SPAN_FLAG_REMOTE_PARENT
    } else {
        0
    }
}

/// A failed call's details: write `*err` and queue an error record (when `span` is given, i.e.
/// while recording). Never unwinds.
///
/// # Safety
///
/// `err` must be NULL or valid for writing an [`ErrorInfo`].
#[cold]
#[inline(never)]
unsafe fn report(outcome: Outcome, err: *mut ErrorInfo, span: Option<&SpanRecord>) {
    let reported = panic::catch_unwind(AssertUnwindSafe(|| {
        let error = match outcome {
            Ok(Ok(())) => return,
            Ok(Err(error)) => error,
            Err(payload) => {
                let message = panic_capture::message(&*payload);
                drop_payload(payload);
                NativeError::panic(message)
            }
        };
        let info = error.to_error_info();
        if let Some(span) = span {
            error_queue::push(&ErrorRecord {
                trace_id_hi: span.trace_id_hi,
                trace_id_lo: span.trace_id_lo,
                span_id: span.span_id,
                end_ticks: span.end_ticks,
                callsite: span.callsite,
                thread_index: registry::thread_index(),
                error: info,
            });
        }
        if !err.is_null() {
            // SAFETY: the caller guarantees a non-null `err` is valid for writes; the write is
            // unaligned-tolerant and does not read the (possibly uninitialised) old value.
            unsafe { err.write_unaligned(info) };
        }
    }));
    if let Err(payload) = reported {
        // Only a panicking Drop of a panic payload gets here; do not risk another.
        std::mem::forget(payload);
    }
}

/// Drops a panic payload; a payload whose destructor panics is leaked instead of unwinding.
pub(crate) fn drop_payload(payload: Box<dyn Any + Send>) {
    if let Err(again) = panic::catch_unwind(AssertUnwindSafe(move || drop(payload))) {
        std::mem::forget(again);
    }
}
