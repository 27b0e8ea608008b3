//! Child spans: timing the steps inside a native call.
//!
//! [`child_span`] returns a [`ChildSpan`] guard that records one span of kind `CHILD` when it is
//! dropped. Its parent is the thread's current span: the boundary's span inside a boundary, or the
//! enclosing child span, since a guard makes itself current until it drops (guards nest like the
//! scopes that hold them). Outside any span the guard starts a new root trace. While no bridge is
//! open a guard records nothing and costs one relaxed load and one Acquire load (whether this copy
//! of the crate has started, see `runtime.rs`).
//!
//! ```
//! use obsbridge::{child_span, Callsite};
//!
//! static DECODE: Callsite = Callsite::new("image.decode");
//!
//! fn decode(bytes: &[u8]) -> usize {
//!     let _span = child_span(&DECODE);
//!     bytes.len() // the work being timed
//! }
//! assert_eq!(decode(b"abc"), 3);
//! ```
//!
//! A step that can fail is better wrapped in [`in_child_span`]: the span's status comes from the
//! step's result, so a `?` inside records the failure without a `set_status` to remember.
//!
//! ```
//! use obsbridge::{in_child_span, Callsite, NativeError};
//!
//! static PARSE: Callsite = Callsite::new("config.parse");
//!
//! fn parse(text: &str) -> Result<u32, NativeError> {
//!     in_child_span(&PARSE, || {
//!         let value: u32 = text.trim().parse().map_err(|e| NativeError::new("config", 1, format!("{e}")))?;
//!         Ok(value)
//!     })
//! }
//! assert_eq!(parse(" 7 ").unwrap(), 7);
//! assert!(parse("x").is_err()); // recorded with status LIBRARY_ERROR
//! ```

use crate::abi::{SpanRecord, SPAN_KIND_CHILD, TRACE_FLAG_SAMPLED};
use crate::current::{self, CurrentSpan};
use crate::id::{SpanId, TraceId};
use crate::{bridge, clock, registry, Callsite, NativeError, Status};
use std::any::Any;
use std::marker::PhantomData;

/// A running child span; records itself when dropped. See [`child_span`].
///
/// Not `Send`: it must drop on the thread that created it, after every guard created inside it
/// (which scoped guards do; `mem::forget` on a guard leaves it current until the boundary ends).
#[must_use = "a child span ends when this guard drops; bind it with `let _span = ...`"]
#[derive(Debug)]
pub struct ChildSpan {
    /// The record to emit (everything but `end_ticks`) and the span to restore, while recording.
    active: Option<(SpanRecord, CurrentSpan)>,
    /// Not `Send` and not `Sync`: the guard manipulates its thread's current span.
    _thread_bound: PhantomData<*const ()>,
}

/// Starts a child span of the thread's current span, named by `callsite`.
///
/// Costs one relaxed load and one Acquire load when no bridge is open; otherwise a new span id, two thread-local
/// accesses and a clock read now, a clock read and a ring push at drop.
#[inline]
pub fn child_span(callsite: &Callsite) -> ChildSpan {
    if !bridge::recording() && !bridge::recording_after_start() {
        return ChildSpan {
            active: None,
            _thread_bound: PhantomData,
        };
    }
    let parent = current::get();
    let span_id = SpanId::random().get();
    let (trace_id_hi, trace_id_lo, parent_span_id, flags) = if parent.span_id != 0 {
        (
            parent.trace_id_hi,
            parent.trace_id_lo,
            parent.span_id,
            parent.flags(),
        )
    } else {
        let trace = TraceId::random();
        (trace.hi(), trace.lo(), 0, TRACE_FLAG_SAMPLED)
    };
    let outer = current::enter(CurrentSpan::new(
        trace_id_hi,
        trace_id_lo,
        span_id,
        flags,
        parent.in_boundary(),
    ));
    let mut record = SpanRecord {
        trace_id_hi,
        trace_id_lo,
        span_id,
        parent_span_id,
        start_ticks: 0,
        end_ticks: 0,
        callsite: callsite.id(),
        status: Status::OK,
        thread_index: 0,
        flags,
        kind: SPAN_KIND_CHILD,
        span_flags: 0,
    };
    // Read last, so the bookkeeping above is not part of the span.
    record.start_ticks = clock::now();
    ChildSpan {
        active: Some((record, outer)),
        _thread_bound: PhantomData,
    }
}

/// Runs `step` in a child span named by `callsite` whose status is the step's result: `Ok` records
/// [`Status::OK`]; `Err` records the error's status when it is a [`NativeError`] (usually
/// [`Status::LIBRARY_ERROR`]) and [`Status::LIBRARY_ERROR`] for any other error type; a panic
/// records [`Status::PANIC`] and keeps unwinding (the boundary around it catches it).
///
/// The error itself is returned unchanged: report it from the boundary as usual.
pub fn in_child_span<T, E: 'static>(
    callsite: &'static Callsite,
    step: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    let mut span = child_span(callsite);
    let result = step();
    if let Err(error) = &result {
        let status = (error as &dyn Any)
            .downcast_ref::<NativeError>()
            .map_or(Status::LIBRARY_ERROR, NativeError::status);
        span.set_status(status);
    }
    result
}

impl ChildSpan {
    /// The span's id, or `None` if it is not recording (no bridge was open when it started).
    pub fn span_id(&self) -> Option<SpanId> {
        self.active
            .as_ref()
            .and_then(|(record, _)| SpanId::new(record.span_id))
    }

    /// Sets the status the span records (default [`Status::OK`]; [`Status::PANIC`] if it drops
    /// while the thread unwinds from a panic).
    pub fn set_status(&mut self, status: Status) {
        if let Some((record, _)) = &mut self.active {
            record.status = status;
        }
    }
}

impl Drop for ChildSpan {
    /// Ends the span: records it and makes its parent current again.
    fn drop(&mut self) {
        if let Some((mut record, outer)) = self.active.take() {
            record.end_ticks = clock::now();
            current::restore(outer);
            if record.status.is_ok() && std::thread::panicking() {
                record.status = Status::PANIC;
            }
            registry::emit(record);
        }
    }
}
