//! `#[repr(C)]` mirrors of the structs and constants of `include/obsbridge.h`.
//!
//! The header is canonical. Every size and offset that its `_Static_assert`s pin is asserted here at
//! compile time with the same numbers, and an integration test (`tests/abi_layout.rs`) parses the
//! header and compares every field offset and every constant with these definitions, so neither side
//! can drift alone. Field names are the header's; type names drop the `obsb_` prefix and are
//! CamelCase (`obsb_span_record` is [`SpanRecord`]); the status type is [`crate::Status`].
//!
//! ```
//! use obsbridge::abi::{SpanRecord, ABI_VERSION};
//!
//! assert_eq!(ABI_VERSION, 2);
//! assert_eq!(core::mem::size_of::<SpanRecord>(), 64);
//! ```

use crate::Status;
use std::borrow::Cow;
use std::fmt;
use std::mem::{offset_of, size_of};

/// The ABI version as a literal, for the rendezvous note's assembly (`concat!` needs a literal).
macro_rules! abi_version_literal {
    () => {
        2
    };
}
pub(crate) use abi_version_literal;

/// The ABI version this crate implements (`OBSB_ABI_VERSION`); `obsb_bridge_open` refuses others.
pub const ABI_VERSION: u32 = abi_version_literal!();

/// Bytes of a library's description in [`Conflict::name`] (`OBSB_LIBRARY_NAME_CAPACITY`).
pub const LIBRARY_NAME_CAPACITY: usize = 256;

/// Bytes of an error's domain buffer (`OBSB_ERROR_DOMAIN_CAPACITY`).
pub const ERROR_DOMAIN_CAPACITY: usize = 32;
/// Bytes of an error's message buffer (`OBSB_ERROR_MESSAGE_CAPACITY`).
pub const ERROR_MESSAGE_CAPACITY: usize = 464;
/// Longest callsite (operation) name, in bytes (`OBSB_CALLSITE_NAME_CAPACITY`).
pub const CALLSITE_NAME_CAPACITY: usize = 128;
/// Records per thread ring when [`BridgeConfig::ring_capacity`] is 0 (`OBSB_DEFAULT_RING_CAPACITY`).
pub const DEFAULT_RING_CAPACITY: u32 = 262_144;
/// Records in a ring's hot lane at most (`OBSB_RING_HOT_CAPACITY`): see `ring.rs`.
pub const RING_HOT_CAPACITY: u32 = 32_768;
/// Error records held when [`BridgeConfig::error_capacity`] is 0 (`OBSB_DEFAULT_ERROR_CAPACITY`).
pub const DEFAULT_ERROR_CAPACITY: u32 = 32_768;

/// W3C trace flag "sampled", bit 0 of [`TraceContext::flags`] (`OBSB_TRACE_FLAG_SAMPLED`).
pub const TRACE_FLAG_SAMPLED: u8 = 0x01;

/// This context was received from another process (`OBSB_CONTEXT_FLAG_REMOTE`), in
/// [`TraceContext::context_flags`].
pub const CONTEXT_FLAG_REMOTE: u8 = 0x01;
/// This context's parent was received from another process (`OBSB_CONTEXT_FLAG_PARENT_REMOTE`): set
/// by `obsb_context_init_child` on a child of a [`CONTEXT_FLAG_REMOTE`] context.
pub const CONTEXT_FLAG_PARENT_REMOTE: u8 = 0x02;

/// A span recorded by a boundary helper around an exported call (`OBSB_SPAN_KIND_BOUNDARY`).
pub const SPAN_KIND_BOUNDARY: u8 = 1;
/// A child span opened inside native code (`OBSB_SPAN_KIND_CHILD`).
pub const SPAN_KIND_CHILD: u8 = 2;
/// A span emitted by the caller itself through `obsb_span_emit` (`OBSB_SPAN_KIND_CALLER`).
pub const SPAN_KIND_CALLER: u8 = 3;

/// The span's parent is in another process (`OBSB_SPAN_FLAG_REMOTE_PARENT`), in
/// [`SpanRecord::span_flags`].
pub const SPAN_FLAG_REMOTE_PARENT: u16 = 0x0001;

/// Invariant TSC, calibrated against CLOCK_MONOTONIC (`OBSB_CLOCK_SOURCE_TSC`).
pub const CLOCK_SOURCE_TSC: i32 = 1;
/// CLOCK_MONOTONIC; a tick is a nanosecond (`OBSB_CLOCK_SOURCE_MONOTONIC`).
pub const CLOCK_SOURCE_MONOTONIC: i32 = 2;

/// A span's identity and parentage, passed by pointer into every traced call (`obsb_trace_context`).
///
/// A zero trace id (both halves zero) or a zero span id is invalid; `parent_span_id` 0 means a root.
#[doc(alias = "obsb_trace_context")]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TraceContext {
    /// The first 16 hex digits of the W3C trace id.
    pub trace_id_hi: u64,
    /// The last 16 hex digits of the W3C trace id.
    pub trace_id_lo: u64,
    /// This span's id; never 0 in a valid context.
    pub span_id: u64,
    /// The parent span's id; 0 for a root span.
    pub parent_span_id: u64,
    /// Operation id from `obsb_callsite_register`; 0 means the callee's own name.
    pub callsite: u32,
    /// [`TRACE_FLAG_SAMPLED`] and other W3C flags.
    pub flags: u8,
    /// [`CONTEXT_FLAG_REMOTE`], [`CONTEXT_FLAG_PARENT_REMOTE`].
    pub context_flags: u8,
    /// Zero.
    pub reserved: [u8; 2],
}

/// One finished span, as the rings carry it (`obsb_span_record`): ids and raw clock ticks only.
#[doc(alias = "obsb_span_record")]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SpanRecord {
    /// High half of the trace id.
    pub trace_id_hi: u64,
    /// Low half of the trace id.
    pub trace_id_lo: u64,
    /// This span's id.
    pub span_id: u64,
    /// The parent span's id; 0 for a root.
    pub parent_span_id: u64,
    /// Clock reading at the start, in ticks of [`crate::clock`].
    pub start_ticks: u64,
    /// Clock reading at the end, in ticks.
    pub end_ticks: u64,
    /// The operation's callsite id; resolve it with `obsb_callsite_name`.
    pub callsite: u32,
    /// The call's status; [`Status::OK`] for success.
    pub status: Status,
    /// The producing thread's ring number (1, 2, ...), stable for the thread's life.
    pub thread_index: u32,
    /// Trace flags.
    pub flags: u8,
    /// One of the `SPAN_KIND_*` constants.
    pub kind: u8,
    /// [`SPAN_FLAG_REMOTE_PARENT`].
    pub span_flags: u16,
}

/// An error's details (`obsb_error`): bounded UTF-8 domain and message, not NUL-terminated.
#[doc(alias = "obsb_error")]
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ErrorInfo {
    /// The status the call returned.
    pub status: Status,
    /// Library-defined code within `domain`; 0 for a panic.
    pub code: i32,
    /// Bytes used in `domain`.
    pub domain_len: u16,
    /// Bytes used in `message`.
    pub message_len: u16,
    /// 1 if the message was cut to fit.
    pub truncated: u8,
    /// 1 if the message must never be written anywhere (the collector keeps domain and code).
    pub sensitive: u8,
    /// Zero.
    pub reserved: [u8; 2],
    /// The error's domain, UTF-8.
    pub domain: [u8; ERROR_DOMAIN_CAPACITY],
    /// The error's message, UTF-8, not sanitized.
    pub message: [u8; ERROR_MESSAGE_CAPACITY],
}

/// An error as the collector drains it: the error plus the span it belongs to (`obsb_error_record`).
#[doc(alias = "obsb_error_record")]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ErrorRecord {
    /// High half of the failed span's trace id.
    pub trace_id_hi: u64,
    /// Low half of the failed span's trace id.
    pub trace_id_lo: u64,
    /// The failed span's id.
    pub span_id: u64,
    /// The failed span's end, in ticks.
    pub end_ticks: u64,
    /// The failed operation's callsite id.
    pub callsite: u32,
    /// The failing thread's ring number (0 if the thread had no ring).
    pub thread_index: u32,
    /// The error itself.
    pub error: ErrorInfo,
}

/// The clock in use and how to turn its ticks into nanoseconds (`obsb_clock_info`).
///
/// `ns = base_ns + ((ticks - base_ticks) * ns_per_tick_q32) >> 32`, where `base_ns` is
/// CLOCK_MONOTONIC; [`ClockInfo::ticks_to_ns`] does exactly that.
#[doc(alias = "obsb_clock_info")]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ClockInfo {
    /// [`CLOCK_SOURCE_TSC`] or [`CLOCK_SOURCE_MONOTONIC`].
    pub source: i32,
    /// Zero.
    pub reserved: u32,
    /// Ticks per second.
    pub ticks_per_second: u64,
    /// Nanoseconds per tick, 32.32 fixed point.
    pub ns_per_tick_q32: u64,
    /// A tick reading taken together with `base_ns`.
    pub base_ticks: u64,
    /// CLOCK_MONOTONIC nanoseconds at `base_ticks`.
    pub base_ns: u64,
}

/// An open bridge (`obsb_bridge_handle`): opaque and checked, never dereferenced.
#[doc(alias = "obsb_bridge_handle")]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct BridgeHandle {
    /// The handle's value: a magic tag and a generation.
    pub value: u64,
}

/// Options for `obsb_bridge_open` (`obsb_bridge_config`); zero fields take the default.
#[doc(alias = "obsb_bridge_config")]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct BridgeConfig {
    /// Records per thread ring, rounded up to a power of two; 0 means [`DEFAULT_RING_CAPACITY`];
    /// at most 2^20.
    pub ring_capacity: u32,
    /// Error records held for the collector; 0 means [`DEFAULT_ERROR_CAPACITY`]; at most 2^20.
    pub error_capacity: u32,
}

/// Exact accounting, cumulative over the process (`obsb_counters`).
///
/// `emitted == collected + dropped + pending`, where pending spans are in rings and not yet
/// drained; `errors_*` likewise for error records.
#[doc(alias = "obsb_counters")]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Counters {
    /// Spans recorded (pushed or dropped).
    pub emitted: u64,
    /// Spans drained by the collector.
    pub collected: u64,
    /// Spans dropped because a ring was full (or the thread had no ring left, during its exit).
    pub dropped: u64,
    /// Rings of threads that still run, or not yet drained and freed.
    pub rings_live: u64,
    /// Rings of exited threads, drained and freed.
    pub rings_retired: u64,
    /// Error records produced.
    pub errors_emitted: u64,
    /// Error records drained by the collector.
    pub errors_collected: u64,
    /// Error records dropped because the error queue was full.
    pub errors_dropped: u64,
    /// Times a producer woke the collector (a ring or the error queue past its high-water mark).
    pub wakeups: u64,
}

/// A count for one callsite (`obsb_callsite_count`), as `obsb_bridge_error_drops` reports them.
#[doc(alias = "obsb_callsite_count")]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CallsiteCount {
    /// The callsite (operation) id.
    pub callsite: u32,
    /// Zero.
    pub reserved: u32,
    /// The count.
    pub count: u64,
}

/// A copy of the crate refused by the process's recorder for speaking another ABI version
/// (`obsb_conflict`).
#[doc(alias = "obsb_conflict")]
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Conflict {
    /// The refused copy's ABI version.
    pub library_abi_version: u32,
    /// The process recorder's ABI version.
    pub recorder_abi_version: u32,
    /// Bytes used in `name`.
    pub name_len: u32,
    /// Zero.
    pub reserved: u32,
    /// Which library: `"<file> (obsbridge <version>)"`, UTF-8, not NUL-terminated.
    pub name: [u8; LIBRARY_NAME_CAPACITY],
}

/// The process's recorder (`obsb_runtime`), published by the first copy of the crate to start and
/// used by every later copy; see `runtime.rs`. The first three fields never change.
#[doc(alias = "obsb_runtime")]
#[repr(C)]
#[derive(Debug)]
pub struct Runtime {
    /// The publisher's ABI version (in every ABI version).
    pub abi_version: u32,
    /// `size_of::<Runtime>()` of the publisher (in every ABI version).
    pub size: u32,
    /// Records a conflict: the refused copy's ABI version and name (in every ABI version).
    pub report_incompatible: unsafe extern "C" fn(u32, *const u8, usize),
    /// Adds a member.
    pub attach: unsafe extern "C" fn(*const RuntimeMember) -> Status,
    /// `obsb_bridge_open`.
    pub bridge_open: unsafe extern "C" fn(u32, *const BridgeConfig, *mut BridgeHandle) -> Status,
    /// `obsb_bridge_close`.
    pub bridge_close: extern "C" fn(BridgeHandle) -> Status,
    /// `obsb_bridge_drain_spans`.
    pub bridge_drain_spans:
        unsafe extern "C" fn(BridgeHandle, *mut SpanRecord, usize, *mut usize) -> Status,
    /// `obsb_bridge_drain_errors`.
    pub bridge_drain_errors:
        unsafe extern "C" fn(BridgeHandle, *mut ErrorRecord, usize, *mut usize) -> Status,
    /// `obsb_bridge_counters`.
    pub bridge_counters: unsafe extern "C" fn(BridgeHandle, *mut Counters) -> Status,
    /// `obsb_bridge_error_drops`.
    pub bridge_error_drops:
        unsafe extern "C" fn(BridgeHandle, *mut CallsiteCount, usize, *mut usize) -> Status,
    /// `obsb_bridge_wait`.
    pub bridge_wait: unsafe extern "C" fn(BridgeHandle, u64, *mut u8) -> Status,
    /// `obsb_bridge_wake`.
    pub bridge_wake: extern "C" fn(BridgeHandle) -> Status,
    /// `obsb_clock_info_get`.
    pub clock_info_get: unsafe extern "C" fn(*mut ClockInfo) -> Status,
    /// `obsb_callsite_register`.
    pub callsite_register: unsafe extern "C" fn(*const u8, usize, *mut u32) -> Status,
    /// Like `callsite_register`, but [`Status::NOT_FOUND`] for a name never registered.
    pub callsite_find: unsafe extern "C" fn(*const u8, usize, *mut u32) -> Status,
    /// `obsb_callsite_name`.
    pub callsite_name: unsafe extern "C" fn(u32, *mut u8, usize, *mut usize) -> Status,
    /// `obsb_conflict_get`.
    pub conflict_get: unsafe extern "C" fn(*mut Conflict) -> Status,
    /// Numbers a new ring (process-wide, from 1).
    pub ring_index_next: extern "C" fn() -> u32,
    /// Asks the collector to drain.
    pub wake_request: extern "C" fn(),
    /// The clock source every copy reads ([`CLOCK_SOURCE_TSC`] or [`CLOCK_SOURCE_MONOTONIC`]).
    pub clock_source: extern "C" fn() -> i32,
}

/// A copy of the crate recording into the process's recorder (`obsb_runtime_member`).
#[doc(alias = "obsb_runtime_member")]
#[repr(C)]
#[derive(Debug)]
pub struct RuntimeMember {
    /// The member's ABI version.
    pub abi_version: u32,
    /// `size_of::<RuntimeMember>()` of the member.
    pub size: u32,
    /// Recording on (1, with the ring and error capacities) or off (0).
    pub set_recording: extern "C" fn(u8, u32, u32),
    /// Moves up to `capacity` span records to `out`; returns how many.
    pub drain_spans: unsafe extern "C" fn(*mut SpanRecord, usize) -> usize,
    /// Moves up to `capacity` error records to `out`; returns how many.
    pub drain_errors: unsafe extern "C" fn(*mut ErrorRecord, usize) -> usize,
    /// The member's counters (`wakeups` 0).
    pub counters: unsafe extern "C" fn(*mut Counters),
    /// Copies up to `capacity` error drops by callsite; returns how many callsites have drops.
    pub error_drops: unsafe extern "C" fn(*mut CallsiteCount, usize) -> usize,
}

// The same numbers as the header's _Static_asserts; tests/abi_layout.rs checks every other field.
const _: () = {
    assert!(size_of::<TraceContext>() == 40);
    assert!(offset_of!(TraceContext, span_id) == 16);
    assert!(offset_of!(TraceContext, callsite) == 32);
    assert!(offset_of!(TraceContext, flags) == 36);
    assert!(offset_of!(TraceContext, context_flags) == 37);
    assert!(size_of::<SpanRecord>() == 64);
    assert!(offset_of!(SpanRecord, start_ticks) == 32);
    assert!(offset_of!(SpanRecord, callsite) == 48);
    assert!(offset_of!(SpanRecord, status) == 52);
    assert!(offset_of!(SpanRecord, thread_index) == 56);
    assert!(offset_of!(SpanRecord, kind) == 61);
    assert!(offset_of!(SpanRecord, span_flags) == 62);
    assert!(size_of::<ErrorInfo>() == 512);
    assert!(offset_of!(ErrorInfo, sensitive) == 13);
    assert!(offset_of!(ErrorInfo, domain) == 16);
    assert!(offset_of!(ErrorInfo, message) == 48);
    assert!(size_of::<ErrorRecord>() == 552);
    assert!(offset_of!(ErrorRecord, error) == 40);
    assert!(size_of::<ClockInfo>() == 40);
    assert!(size_of::<BridgeHandle>() == 8);
    assert!(size_of::<BridgeConfig>() == 8);
    assert!(size_of::<Counters>() == 72);
    assert!(size_of::<CallsiteCount>() == 16);
    assert!(size_of::<Status>() == 4);
    assert!(size_of::<Conflict>() == 272);
    assert!(offset_of!(Conflict, name) == 16);
    assert!(offset_of!(Runtime, report_incompatible) == 8);
    assert!(offset_of!(Runtime, attach) == 16);
    assert!(size_of::<Runtime>() == 152);
    assert!(size_of::<RuntimeMember>() == 48);
};

impl ErrorInfo {
    /// The domain as text (lossy if the bytes are not UTF-8, which this crate never writes).
    pub fn domain_str(&self) -> Cow<'_, str> {
        let len = usize::from(self.domain_len).min(ERROR_DOMAIN_CAPACITY);
        String::from_utf8_lossy(&self.domain[..len])
    }

    /// The message as text (lossy if the bytes are not UTF-8, which this crate never writes).
    pub fn message_str(&self) -> Cow<'_, str> {
        let len = usize::from(self.message_len).min(ERROR_MESSAGE_CAPACITY);
        String::from_utf8_lossy(&self.message[..len])
    }
}

impl Conflict {
    /// The library's description as text (lossy if not UTF-8).
    pub fn name_str(&self) -> Cow<'_, str> {
        let len = (self.name_len as usize).min(LIBRARY_NAME_CAPACITY);
        String::from_utf8_lossy(&self.name[..len])
    }
}

impl Default for Conflict {
    fn default() -> Self {
        Conflict {
            library_abi_version: 0,
            recorder_abi_version: 0,
            name_len: 0,
            reserved: 0,
            name: [0; LIBRARY_NAME_CAPACITY],
        }
    }
}

impl fmt::Debug for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Conflict")
            .field("library_abi_version", &self.library_abi_version)
            .field("recorder_abi_version", &self.recorder_abi_version)
            .field("name", &self.name_str())
            .finish()
    }
}

impl Default for ErrorInfo {
    fn default() -> Self {
        ErrorInfo {
            status: Status::OK,
            code: 0,
            domain_len: 0,
            message_len: 0,
            truncated: 0,
            sensitive: 0,
            reserved: [0; 2],
            domain: [0; ERROR_DOMAIN_CAPACITY],
            message: [0; ERROR_MESSAGE_CAPACITY],
        }
    }
}

impl fmt::Debug for ErrorInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorInfo")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("domain", &self.domain_str())
            .field("message", &self.message_str())
            .field("truncated", &self.truncated)
            .field("sensitive", &self.sensitive)
            .finish()
    }
}
