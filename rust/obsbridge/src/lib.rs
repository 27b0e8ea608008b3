//! ObsBridge, Rust side: makes every call from Swift (or C) into a Rust library observable.
//!
//! A library wraps each exported `extern "C"` function's body in [`boundary()`]: the call gets a span
//! (ids from the caller's [`abi::TraceContext`], raw clock ticks), panics are caught and reported,
//! and a [`Status`] comes back. Inner steps may open [`child_span`]s. Spans are fixed 64-byte
//! records pushed into a lock-free ring per producing thread; a collector (the Swift side, through
//! the C ABI in [`ffi`], declared by `include/obsbridge.h`) drains them in batches, with exact
//! counters: `emitted == collected + dropped + pending`. Pointer arguments are checked by the
//! [`ownership`] helpers, one per ownership pattern (slices, UTF-8 strings, caller-provided and
//! library-allocated buffers, opaque handles).
//!
//! ```
//! use obsbridge::abi::{BridgeHandle, Counters, SpanRecord, ABI_VERSION, SPAN_KIND_BOUNDARY};
//! use obsbridge::ffi::{obsb_bridge_close, obsb_bridge_counters, obsb_bridge_drain_spans, obsb_bridge_open};
//! use obsbridge::{boundary, out_ref, Callsite, NativeError, Status};
//! use std::ptr;
//!
//! static ADD: Callsite = Callsite::new("example.add");
//!
//! /// The library's exported function.
//! ///
//! /// # Safety
//! ///
//! /// `ctx` and `err` NULL or valid; `out` valid for writes or NULL.
//! pub unsafe extern "C" fn example_add(
//!     ctx: *const obsbridge::abi::TraceContext,
//!     a: u32,
//!     b: u32,
//!     out: *mut u32,
//!     err: *mut obsbridge::abi::ErrorInfo,
//! ) -> Status {
//!     // SAFETY: the function's own contract.
//!     unsafe {
//!         boundary(ctx, err, &ADD, || {
//!             let out = out_ref(out, "out")?;
//!             let sum = a.checked_add(b).ok_or_else(|| NativeError::new("math", 1, "overflow"))?;
//!             out.write(sum);
//!             Ok(())
//!         })
//!     }
//! }
//!
//! // The collector's side (normally Swift).
//! let mut handle = BridgeHandle::default();
//! // SAFETY: valid pointers throughout.
//! unsafe {
//!     assert_eq!(obsb_bridge_open(ABI_VERSION, ptr::null(), &mut handle), Status::OK);
//!     let mut sum = 0;
//!     assert_eq!(example_add(ptr::null(), 2, 3, &mut sum, ptr::null_mut()), Status::OK);
//!     assert_eq!(sum, 5);
//!     assert_eq!(example_add(ptr::null(), u32::MAX, 1, &mut sum, ptr::null_mut()), Status::LIBRARY_ERROR);
//!
//!     let mut records = vec![SpanRecord::default(); 16];
//!     let mut count = 0;
//!     obsb_bridge_drain_spans(handle, records.as_mut_ptr(), records.len(), &mut count);
//!     assert_eq!(count, 2);
//!     assert_eq!(records[0].kind, SPAN_KIND_BOUNDARY);
//!     assert_eq!(records[0].callsite, ADD.id());
//!     assert_eq!(records[1].status, Status::LIBRARY_ERROR);
//!
//!     let mut counters = Counters::default();
//!     obsb_bridge_counters(handle, &mut counters);
//!     assert_eq!((counters.emitted, counters.collected, counters.errors_emitted), (2, 2, 1));
//!     assert_eq!(obsb_bridge_close(handle), Status::OK);
//! }
//! ```
//!
//! Several libraries built on this crate may share one program (static archives from one Rust
//! toolchain, or shared libraries from any): the first copy of the crate to start is the process's
//! recorder and the others record into it, so one collector sees every span (`runtime.rs`).
//!
//! Requirements: `panic = "unwind"` (the default; "abort" would make panic capture impossible and
//! is refused at compile time), std only, no other crates.

#[cfg(panic = "abort")]
compile_error!(
    "obsbridge needs panic = \"unwind\": with panic = \"abort\", catch_unwind catches nothing, so a \
     panic inside a traced call would abort the whole process instead of becoming OBSB_STATUS_PANIC. \
     Remove `panic = \"abort\"` from the profile that builds this crate."
);

pub mod abi;
#[cfg(feature = "bench")]
pub mod bench;
mod boundary;
mod bridge;
mod cache_padded;
mod callsite;
pub mod clock;
mod context;
mod current;
mod error;
mod error_queue;
pub mod ffi;
mod id;
pub mod ownership;
mod pages;
mod panic_capture;
mod registry;
mod rendezvous;
mod ring;
mod runtime;
mod span;
mod status;
mod wake;
// The C names as weak trampolines on ELF (x86-64, AArch64); elsewhere `ffi.rs` exports them as
// `#[no_mangle]` definitions.
#[cfg(elf_rendezvous)]
mod weak_exports;

pub use boundary::{boundary, out_ref, OutRef};
pub use bridge::is_recording;
pub use callsite::{
    callsite_id, callsite_name, register_callsite, register_callsite_bytes, Callsite,
    MAX_CALLSITE_ID,
};
pub use error::NativeError;
pub use id::{SpanId, TraceId};
pub use ownership::{
    bytes_free, handle_free, handle_mut, handle_new, handle_ref, in_bytes, in_slice, in_str,
    out_buffer, out_bytes, out_slice, OutBuffer, OutBytes,
};
pub use span::{child_span, in_child_span, ChildSpan};
pub use status::Status;
