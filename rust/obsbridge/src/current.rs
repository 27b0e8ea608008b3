//! The calling thread's current span: what a boundary sets while its function runs and what a
//! child span takes as its parent.
//!
//! One const-initialised thread-local `Cell` of a small `Copy` struct, so entering a span is one
//! thread-local read and one write, and leaving it one write. It also says whether the thread is
//! inside a boundary, which the panic hook asks (see `panic_capture.rs`).
//!
//! The struct is four `u64`s with no padding, on purpose: saving and restoring it then compiles
//! to whole 16-byte moves, so the next call's read is forwarded from the previous call's write.
//! (With a `u8` and a `bool` at the end the copies overlapped, and every boundary paid a
//! store-forwarding stall of several nanoseconds.)

use std::cell::Cell;

/// A thread's current span (all zero: none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CurrentSpan {
    /// High half of the trace id.
    pub(crate) trace_id_hi: u64,
    /// Low half of the trace id.
    pub(crate) trace_id_lo: u64,
    /// The span's id; 0 when there is no current span.
    pub(crate) span_id: u64,
    /// Trace flags in the low 8 bits, [`IN_BOUNDARY`] above them.
    bits: u64,
}

/// [`CurrentSpan::bits`]: a boundary helper is running on this thread (its panics are captured,
/// not printed).
const IN_BOUNDARY: u64 = 1 << 8;

thread_local! {
    /// The thread's current span.
    static CURRENT: Cell<CurrentSpan> = const {
        Cell::new(CurrentSpan { trace_id_hi: 0, trace_id_lo: 0, span_id: 0, bits: 0 })
    };
}

impl CurrentSpan {
    /// A span with these ids and trace flags.
    #[inline(always)]
    pub(crate) fn new(
        trace_id_hi: u64,
        trace_id_lo: u64,
        span_id: u64,
        flags: u8,
        in_boundary: bool,
    ) -> CurrentSpan {
        let boundary = if in_boundary { IN_BOUNDARY } else { 0 };
        CurrentSpan {
            trace_id_hi,
            trace_id_lo,
            span_id,
            bits: u64::from(flags) | boundary,
        }
    }

    /// The trace flags.
    #[inline(always)]
    pub(crate) fn flags(&self) -> u8 {
        self.bits as u8
    }

    /// Whether a boundary helper is running.
    #[inline(always)]
    pub(crate) fn in_boundary(&self) -> bool {
        self.bits & IN_BOUNDARY != 0
    }
}

/// The thread's current span.
#[inline]
pub(crate) fn get() -> CurrentSpan {
    CURRENT.with(Cell::get)
}

/// Makes `span` current and returns the span it replaces, to be given back to [`restore`].
#[inline]
pub(crate) fn enter(span: CurrentSpan) -> CurrentSpan {
    CURRENT.with(|current| current.replace(span))
}

/// Makes `previous` (a value [`enter`] returned) current again.
#[inline]
pub(crate) fn restore(previous: CurrentSpan) {
    CURRENT.with(|current| current.set(previous));
}

/// Whether a boundary helper is running on this thread; `false` if the thread-local is gone.
pub(crate) fn in_boundary() -> bool {
    CURRENT
        .try_with(|current| current.get().in_boundary())
        .unwrap_or(false)
}
