/*
 * obsbridge.h — the C ABI between a Swift (or C) caller and a Rust library instrumented with the
 * `obsbridge` crate. This file is canonical: Rust asserts the same sizes and offsets, and the Swift
 * package compiles it (and its _Static_asserts) on every build through the CObsBridge target.
 *
 * Thread safety. Every function may be called from any thread at any time, before, during and after
 * a bridge is open; none blocks for long and none unwinds (panics inside become OBSB_STATUS_PANIC).
 * Span recording is per thread and lock-free. The drain functions serialise themselves internally,
 * so concurrent drains are safe but pointless: exactly one collector should drain.
 *
 * Errors. Fallible functions return an obsb_status and write their outputs only on success.
 * Status values are permanent: a retired value stays reserved below as a comment.
 *
 * Ownership. The caller owns every buffer it passes; the library never keeps a caller's pointer
 * after returning. Strings are (pointer, length) UTF-8 byte ranges, never NUL-terminated on input.
 */
#ifndef OBSBRIDGE_H
#define OBSBRIDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The ABI version this header describes; obsb_bridge_open refuses any other. */
#define OBSB_ABI_VERSION 2u

/** Bytes of an error's domain and message buffers (UTF-8, not NUL-terminated). */
#define OBSB_ERROR_DOMAIN_CAPACITY 32u
#define OBSB_ERROR_MESSAGE_CAPACITY 464u
/** Longest callsite (operation) name, in bytes. */
#define OBSB_CALLSITE_NAME_CAPACITY 128u
/** Records per thread ring when obsb_bridge_config.ring_capacity is 0 (64 bytes each, 16 MiB of
 *  address space, committed only as the thread writes it). */
#define OBSB_DEFAULT_RING_CAPACITY 262144u
/** Records in a ring's hot lane at most (half the ring when it is smaller): the slots a thread
 *  cycles through while the collector keeps up; the rest of the ring is written only while the
 *  hot lane is full. The collector is woken when the hot lane is a quarter full. */
#define OBSB_RING_HOT_CAPACITY 32768u
/** Error records held for the collector when obsb_bridge_config.error_capacity is 0. */
#define OBSB_DEFAULT_ERROR_CAPACITY 32768u

/* ---------------------------------------------------------------------------------------------- */
/* Status codes. Permanent: never renumbered, never reused.                                         */

typedef int32_t obsb_status;
#define OBSB_STATUS_OK 0                /* success */
#define OBSB_STATUS_NULL_ARGUMENT 1     /* a required pointer was NULL */
#define OBSB_STATUS_INVALID_ARGUMENT 2  /* a value was out of range (zero length, bad flag, ...) */
#define OBSB_STATUS_ABI_MISMATCH 3      /* caller's OBSB_ABI_VERSION differs from the library's */
#define OBSB_STATUS_INVALID_HANDLE 4    /* a handle that this library never issued */
#define OBSB_STATUS_CLOSED_HANDLE 5     /* a handle that was issued and has been closed */
#define OBSB_STATUS_ALREADY_OPEN 6      /* a bridge is open already; one per process */
#define OBSB_STATUS_INVALID_UTF8 7      /* a name was not valid UTF-8 */
#define OBSB_STATUS_TOO_LONG 8          /* a name exceeded its capacity */
#define OBSB_STATUS_CAPACITY 9          /* a fixed table (callsites) is full */
#define OBSB_STATUS_LIBRARY_ERROR 10    /* the library reported an error: see obsb_error */
#define OBSB_STATUS_PANIC 11            /* the library panicked; the panic was caught */
#define OBSB_STATUS_INVALID_CONTEXT 12  /* a trace context with a zero trace id or span id */
#define OBSB_STATUS_NOT_FOUND 13        /* no such callsite id (or no conflict to report) */
#define OBSB_STATUS_BUFFER_TOO_SMALL 14 /* a caller's output buffer is short; *out_len = length needed */

/* ---------------------------------------------------------------------------------------------- */
/* Trace context: the W3C trace-context fields, passed by pointer into every traced call.          */

/** Trace flags (W3C): bit 0 is "sampled". */
#define OBSB_TRACE_FLAG_SAMPLED 0x01u
/** Context flags (ObsBridge's own, not W3C). REMOTE: this context was received from another
 *  process (an incoming traceparent). PARENT_REMOTE: set by obsb_context_init_child on a child of a
 *  REMOTE context; a span recorded with it carries OBSB_SPAN_FLAG_REMOTE_PARENT (OpenTelemetry's
 *  "parent is remote"). */
#define OBSB_CONTEXT_FLAG_REMOTE 0x01u
#define OBSB_CONTEXT_FLAG_PARENT_REMOTE 0x02u

/**
 * A span's identity and parentage. The caller fills it (obsb_context_init_child is the fast way);
 * the callee only reads it. trace_id_hi holds the first 16 hex digits of the W3C trace id.
 * A zero trace id or span id is invalid; parent_span_id 0 means "root span".
 */
typedef struct obsb_trace_context {
    uint64_t trace_id_hi;
    uint64_t trace_id_lo;
    uint64_t span_id;
    uint64_t parent_span_id;
    uint32_t callsite;     /* operation id from obsb_callsite_register; 0 = the callee's own name */
    uint8_t flags;         /* OBSB_TRACE_FLAG_* */
    uint8_t context_flags; /* OBSB_CONTEXT_FLAG_* */
    uint8_t reserved[2];   /* zero */
} obsb_trace_context;

/* ---------------------------------------------------------------------------------------------- */
/* Span records: what the rings carry, one complete record per finished span.                     */

#define OBSB_SPAN_KIND_BOUNDARY 1u /* recorded by a boundary helper around an exported call */
#define OBSB_SPAN_KIND_CHILD 2u    /* a child span opened inside native code */
#define OBSB_SPAN_KIND_CALLER 3u   /* emitted by the caller itself (obsb_span_emit) */

/** Span flags: the parent span is in another process (from OBSB_CONTEXT_FLAG_PARENT_REMOTE). */
#define OBSB_SPAN_FLAG_REMOTE_PARENT 0x0001u

/** One finished span: ids and raw clock ticks only (see obsb_clock_info for the conversion). */
typedef struct obsb_span_record {
    uint64_t trace_id_hi;
    uint64_t trace_id_lo;
    uint64_t span_id;
    uint64_t parent_span_id;
    uint64_t start_ticks;
    uint64_t end_ticks;
    uint32_t callsite;     /* resolve with obsb_callsite_name */
    obsb_status status;    /* the call's status; OBSB_STATUS_OK for success */
    uint32_t thread_index; /* the producing thread's ring number, stable for the thread's life */
    uint8_t flags;         /* trace flags */
    uint8_t kind;          /* OBSB_SPAN_KIND_* */
    uint16_t span_flags;   /* OBSB_SPAN_FLAG_* */
} obsb_span_record;

/* ---------------------------------------------------------------------------------------------- */
/* Errors.                                                                                          */

/**
 * An error's details, filled when a traced call fails inside its boundary (LIBRARY_ERROR, PANIC,
 * or misuse the library reports, such as NULL_ARGUMENT for a NULL output pointer) and the caller
 * passed a non-NULL obsb_error*. Untouched on success and when the call was refused before it ran
 * (INVALID_CONTEXT), so the caller may pass uninitialised memory, and one that sets `status` to
 * OBSB_STATUS_OK first can tell whether it was written. domain and message are UTF-8 (invalid
 * input bytes were replaced by U+FFFD) and bounded; the message is NOT sanitized: the collector
 * sanitizes before anything is written anywhere. A library marks a message that must never be
 * written at all (it may hold personal data no rule can recognise) with sensitive = 1: the caller
 * and the collector then keep domain and code and drop the text.
 */
typedef struct obsb_error {
    obsb_status status;   /* the status the call returned */
    int32_t code;         /* library-defined code within domain; 0 for a panic */
    uint16_t domain_len;  /* bytes used in domain */
    uint16_t message_len; /* bytes used in message */
    uint8_t truncated;    /* 1 if the message was cut to fit */
    uint8_t sensitive;    /* 1: never write the message anywhere (keep domain and code) */
    uint8_t reserved[2];
    char domain[OBSB_ERROR_DOMAIN_CAPACITY];
    char message[OBSB_ERROR_MESSAGE_CAPACITY];
} obsb_error;

/** An error as the collector drains it: the error plus the span it belongs to. */
typedef struct obsb_error_record {
    uint64_t trace_id_hi;
    uint64_t trace_id_lo;
    uint64_t span_id;
    uint64_t end_ticks;
    uint32_t callsite;
    uint32_t thread_index;
    obsb_error error;
} obsb_error_record;

/* ---------------------------------------------------------------------------------------------- */
/* Clock.                                                                                           */

#define OBSB_CLOCK_SOURCE_TSC 1       /* invariant TSC, calibrated against CLOCK_MONOTONIC */
#define OBSB_CLOCK_SOURCE_MONOTONIC 2 /* CLOCK_MONOTONIC; a tick is a nanosecond */

/**
 * How to turn ticks into nanoseconds: ns = base_ns + ((ticks - base_ticks) * ns_per_tick_q32) >> 32,
 * where base_ns is CLOCK_MONOTONIC. Durations are (end - start) * ns_per_tick_q32 >> 32.
 */
typedef struct obsb_clock_info {
    int32_t source;           /* OBSB_CLOCK_SOURCE_* */
    uint32_t reserved;
    uint64_t ticks_per_second;
    uint64_t ns_per_tick_q32; /* nanoseconds per tick, 32.32 fixed point */
    uint64_t base_ticks;
    uint64_t base_ns;
} obsb_clock_info;

/* ---------------------------------------------------------------------------------------------- */
/* Bridge lifecycle and collection.                                                                 */

/** An open bridge. Opaque and checked: a closed or forged value yields a status, never UB. */
typedef struct obsb_bridge_handle {
    uint64_t value;
} obsb_bridge_handle;

/** Options for obsb_bridge_open. Zero fields take the default. */
typedef struct obsb_bridge_config {
    uint32_t ring_capacity;  /* records per thread ring, rounded up to a power of two;
                                default OBSB_DEFAULT_RING_CAPACITY */
    uint32_t error_capacity; /* error records held for the collector; default
                                OBSB_DEFAULT_ERROR_CAPACITY */
} obsb_bridge_config;

/**
 * Exact accounting, cumulative over the process. emitted = collected + dropped + pending, where
 * pending spans are in rings and not yet drained. errors_* likewise for error records. wakeups
 * counts the times a producer woke the collector (a ring or the error queue past its high-water
 * mark).
 */
typedef struct obsb_counters {
    uint64_t emitted;
    uint64_t collected;
    uint64_t dropped;
    uint64_t rings_live;    /* rings of threads that still run, or not yet drained and freed */
    uint64_t rings_retired; /* rings of exited threads, drained and freed */
    uint64_t errors_emitted;
    uint64_t errors_collected;
    uint64_t errors_dropped;
    uint64_t wakeups;
} obsb_counters;

/** The ABI version of the linked library. Any thread; never fails. */
uint32_t obsb_abi_version(void);

/** A static, NUL-terminated name for a status ("OBSB_STATUS_OK"; "OBSB_STATUS_UNKNOWN" for others). */
const char *obsb_status_name(obsb_status status);

/**
 * Opens the process's bridge and starts recording spans. config may be NULL (defaults).
 * Errors: ABI_MISMATCH if abi_version != OBSB_ABI_VERSION; ALREADY_OPEN if a bridge is open;
 * NULL_ARGUMENT if out_handle is NULL; INVALID_ARGUMENT for a capacity above 2^20.
 */
obsb_status obsb_bridge_open(uint32_t abi_version, const obsb_bridge_config *config,
                             obsb_bridge_handle *out_handle);

/**
 * Stops recording and closes the bridge. Spans still in rings stay there and are counted as
 * pending; drain before closing to collect them. Errors: INVALID_HANDLE, CLOSED_HANDLE.
 */
obsb_status obsb_bridge_close(obsb_bridge_handle handle);

/**
 * Copies up to capacity finished spans, from all threads' rings, into out and sets *out_count.
 * Frees the rings of exited threads once they are empty. Call from one collector thread.
 * Errors: NULL_ARGUMENT (out or out_count NULL), INVALID_HANDLE, CLOSED_HANDLE.
 */
obsb_status obsb_bridge_drain_spans(obsb_bridge_handle handle, obsb_span_record *out,
                                    size_t capacity, size_t *out_count);

/** Like obsb_bridge_drain_spans, for error records. */
obsb_status obsb_bridge_drain_errors(obsb_bridge_handle handle, obsb_error_record *out,
                                     size_t capacity, size_t *out_count);

/** Reads the exact counters. Errors: NULL_ARGUMENT, INVALID_HANDLE, CLOSED_HANDLE. */
obsb_status obsb_bridge_counters(obsb_bridge_handle handle, obsb_counters *out);

/** A count for one callsite (operation). */
typedef struct obsb_callsite_count {
    uint32_t callsite;
    uint32_t reserved; /* zero */
    uint64_t count;
} obsb_callsite_count;

/**
 * Error records dropped (error queue full), cumulative, by the failed span's callsite: copies up to
 * capacity entries in callsite order into out and sets *out_count to how many callsites have drops
 * (more than capacity: call again with a larger buffer). The per-callsite counts add up to
 * obsb_counters.errors_dropped. Errors: NULL_ARGUMENT (out_count NULL, or out NULL with capacity
 * above 0), INVALID_HANDLE, CLOSED_HANDLE.
 */
obsb_status obsb_bridge_error_drops(obsb_bridge_handle handle, obsb_callsite_count *out,
                                    size_t capacity, size_t *out_count);

/**
 * Blocks the calling thread (the collector's) until there is work, or timeout_ns pass: a ring
 * filled past a quarter of its capacity, the error queue a quarter full, or obsb_bridge_wake. A
 * producer asks for the wake-up once per crossing, with no system call on the common path. Sets
 * *out_woken (if not NULL) to 1 when woken, 0 on timeout. Call from one collector thread.
 * Errors: INVALID_HANDLE, CLOSED_HANDLE.
 */
obsb_status obsb_bridge_wait(obsb_bridge_handle handle, uint64_t timeout_ns, uint8_t *out_woken);

/** Wakes the thread in obsb_bridge_wait at once (to stop it). Any thread.
 *  Errors: INVALID_HANDLE, CLOSED_HANDLE. */
obsb_status obsb_bridge_wake(obsb_bridge_handle handle);

/** Fills out with the clock in use and its calibration. Any thread. Errors: NULL_ARGUMENT. */
obsb_status obsb_clock_info_get(obsb_clock_info *out);

/** Reads the clock in use, in ticks. Any thread; never fails. */
uint64_t obsb_clock_now(void);

/* ---------------------------------------------------------------------------------------------- */
/* Callsites: operation names, registered once, referred to by id.                                  */

/**
 * Registers a UTF-8 operation name (1..OBSB_CALLSITE_NAME_CAPACITY bytes) and writes its id (never 0)
 * to *out_id; the same name always gets the same id. Any thread. Errors: NULL_ARGUMENT,
 * INVALID_ARGUMENT (empty), TOO_LONG, INVALID_UTF8, CAPACITY (more than 65535 names).
 */
obsb_status obsb_callsite_register(const uint8_t *name, size_t name_len, uint32_t *out_id);

/**
 * Copies the name of callsite id into buf (not NUL-terminated) and sets *out_len.
 * Errors: NULL_ARGUMENT, NOT_FOUND, TOO_LONG (capacity smaller than the name; *out_len is set to
 * the length needed).
 */
obsb_status obsb_callsite_name(uint32_t id, uint8_t *buf, size_t capacity, size_t *out_len);

/* ---------------------------------------------------------------------------------------------- */
/* Caller-side spans and contexts.                                                                  */

/**
 * Fills *out with a new context for a call: a child of parent (same trace id, parent_span_id =
 * parent->span_id, same flags; context_flags PARENT_REMOTE when parent is REMOTE) or, when parent
 * is NULL or invalid, a new sampled root with a fresh trace id. Ids come from a per-thread
 * generator seeded once. out NULL: does nothing.
 */
void obsb_context_init_child(const obsb_trace_context *parent, uint32_t callsite,
                             obsb_trace_context *out);

/**
 * Records a span that the caller timed itself (kind is forced to OBSB_SPAN_KIND_CALLER) into the
 * calling thread's ring. Does nothing while no bridge is open. Errors: NULL_ARGUMENT.
 */
obsb_status obsb_span_emit(const obsb_span_record *record);

/* ---------------------------------------------------------------------------------------------- */
/* Several instrumented libraries in one process.                                                   */
/*                                                                                                  */
/* Every Rust library built on the obsbridge crate carries its own copy of the crate. The first     */
/* copy to start publishes an obsb_runtime (the process's recorder) through one rendezvous: an ELF  */
/* note named "ObsBridge" in every copy (Docs/ARCHITECTURE.md, "Several libraries, one recorder").   */
/* Later copies attach to it with their obsb_runtime_member, so every span reaches the one           */
/* collector, whichever copy's obsb_* functions the program calls. A copy whose ABI version differs  */
/* from the recorder's is refused and reported (obsb_conflict_get; obsb_bridge_open then fails).    */
/* Programs never call the tables below; they are ABI because copies of different releases share    */
/* them. The first three fields of obsb_runtime are the same in every ABI version.                  */

/** Bytes of a library's description in obsb_conflict. */
#define OBSB_LIBRARY_NAME_CAPACITY 256u

/**
 * A copy of the obsbridge crate that cannot record into this process's recorder because the two
 * speak different ABI versions. name says which library: "<file> (obsbridge <version>)", UTF-8,
 * not NUL-terminated, cut to OBSB_LIBRARY_NAME_CAPACITY bytes.
 */
typedef struct obsb_conflict {
    uint32_t library_abi_version;  /* the refused copy's ABI version */
    uint32_t recorder_abi_version; /* the process recorder's ABI version */
    uint32_t name_len;             /* bytes used in name */
    uint32_t reserved;             /* zero */
    char name[OBSB_LIBRARY_NAME_CAPACITY];
} obsb_conflict;

/**
 * Fills *out with the first ABI conflict between copies of the crate in this process: a copy that
 * was refused when it started, or one found loaded when a bridge opened. Any thread.
 * Errors: NULL_ARGUMENT, NOT_FOUND (no conflict; *out untouched).
 */
obsb_status obsb_conflict_get(obsb_conflict *out);

struct obsb_runtime_member;

/* The recorder's functions, as a later copy calls them. Same contracts as the obsb_* functions of
 * the same names; report_incompatible records a conflict (name as in obsb_conflict), attach adds a
 * member (and switches its recording on while a bridge is open), ring_index_next numbers a new
 * ring, wake_request asks the collector to drain, clock_source is the clock every copy must read. */
typedef void (*obsb_runtime_report_fn)(uint32_t abi_version, const uint8_t *name, size_t name_len);
typedef obsb_status (*obsb_runtime_attach_fn)(const struct obsb_runtime_member *member);
typedef obsb_status (*obsb_runtime_open_fn)(uint32_t abi_version, const obsb_bridge_config *config,
                                            obsb_bridge_handle *out_handle);
typedef obsb_status (*obsb_runtime_handle_fn)(obsb_bridge_handle handle);
typedef obsb_status (*obsb_runtime_drain_spans_fn)(obsb_bridge_handle handle, obsb_span_record *out,
                                                   size_t capacity, size_t *out_count);
typedef obsb_status (*obsb_runtime_drain_errors_fn)(obsb_bridge_handle handle, obsb_error_record *out,
                                                    size_t capacity, size_t *out_count);
typedef obsb_status (*obsb_runtime_counters_fn)(obsb_bridge_handle handle, obsb_counters *out);
typedef obsb_status (*obsb_runtime_error_drops_fn)(obsb_bridge_handle handle, obsb_callsite_count *out,
                                                   size_t capacity, size_t *out_count);
typedef obsb_status (*obsb_runtime_wait_fn)(obsb_bridge_handle handle, uint64_t timeout_ns,
                                            uint8_t *out_woken);
typedef obsb_status (*obsb_runtime_clock_info_fn)(obsb_clock_info *out);
typedef obsb_status (*obsb_runtime_callsite_register_fn)(const uint8_t *name, size_t name_len,
                                                         uint32_t *out_id);
typedef obsb_status (*obsb_runtime_callsite_name_fn)(uint32_t id, uint8_t *buf, size_t capacity,
                                                     size_t *out_len);
typedef obsb_status (*obsb_runtime_conflict_fn)(obsb_conflict *out);
typedef uint32_t (*obsb_runtime_ring_index_fn)(void);
typedef void (*obsb_runtime_wake_request_fn)(void);
typedef int32_t (*obsb_runtime_clock_source_fn)(void);

/** The process's recorder, published by the first copy of the crate to start. */
typedef struct obsb_runtime {
    uint32_t abi_version;                       /* every ABI version: the publisher's */
    uint32_t size;                              /* every ABI version: sizeof(obsb_runtime) */
    obsb_runtime_report_fn report_incompatible; /* every ABI version */
    obsb_runtime_attach_fn attach;
    obsb_runtime_open_fn bridge_open;
    obsb_runtime_handle_fn bridge_close;
    obsb_runtime_drain_spans_fn bridge_drain_spans;
    obsb_runtime_drain_errors_fn bridge_drain_errors;
    obsb_runtime_counters_fn bridge_counters;
    obsb_runtime_error_drops_fn bridge_error_drops;
    obsb_runtime_wait_fn bridge_wait;
    obsb_runtime_handle_fn bridge_wake;
    obsb_runtime_clock_info_fn clock_info_get;
    obsb_runtime_callsite_register_fn callsite_register;
    obsb_runtime_callsite_register_fn callsite_find; /* like register, but NOT_FOUND for new names */
    obsb_runtime_callsite_name_fn callsite_name;
    obsb_runtime_conflict_fn conflict_get;
    obsb_runtime_ring_index_fn ring_index_next;
    obsb_runtime_wake_request_fn wake_request;
    obsb_runtime_clock_source_fn clock_source;
} obsb_runtime;

/* A member's functions, as the recorder calls them: switch recording on (1, with the bridge's
 * capacities) or off (0); move up to capacity records out; read the member's counters (wakeups
 * 0); copy its error drops by callsite and return how many callsites have drops. */
typedef void (*obsb_member_set_recording_fn)(uint8_t on, uint32_t ring_capacity,
                                             uint32_t error_capacity);
typedef size_t (*obsb_member_drain_spans_fn)(obsb_span_record *out, size_t capacity);
typedef size_t (*obsb_member_drain_errors_fn)(obsb_error_record *out, size_t capacity);
typedef void (*obsb_member_counters_fn)(obsb_counters *out);
typedef size_t (*obsb_member_error_drops_fn)(obsb_callsite_count *out, size_t capacity);

/** A copy of the crate that records into the recorder (the recorder's own copy is one too). */
typedef struct obsb_runtime_member {
    uint32_t abi_version; /* the member's */
    uint32_t size;        /* sizeof(obsb_runtime_member) */
    obsb_member_set_recording_fn set_recording;
    obsb_member_drain_spans_fn drain_spans;
    obsb_member_drain_errors_fn drain_errors;
    obsb_member_counters_fn counters;
    obsb_member_error_drops_fn error_drops;
} obsb_runtime_member;

/* ---------------------------------------------------------------------------------------------- */
/* Layout: the same numbers are asserted in Rust (abi.rs).                                          */

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
_Static_assert(sizeof(obsb_trace_context) == 40, "obsb_trace_context size");
_Static_assert(offsetof(obsb_trace_context, span_id) == 16, "obsb_trace_context.span_id");
_Static_assert(offsetof(obsb_trace_context, callsite) == 32, "obsb_trace_context.callsite");
_Static_assert(offsetof(obsb_trace_context, flags) == 36, "obsb_trace_context.flags");
_Static_assert(offsetof(obsb_trace_context, context_flags) == 37, "obsb_trace_context.context_flags");
_Static_assert(sizeof(obsb_span_record) == 64, "obsb_span_record size");
_Static_assert(offsetof(obsb_span_record, start_ticks) == 32, "obsb_span_record.start_ticks");
_Static_assert(offsetof(obsb_span_record, callsite) == 48, "obsb_span_record.callsite");
_Static_assert(offsetof(obsb_span_record, status) == 52, "obsb_span_record.status");
_Static_assert(offsetof(obsb_span_record, thread_index) == 56, "obsb_span_record.thread_index");
_Static_assert(offsetof(obsb_span_record, kind) == 61, "obsb_span_record.kind");
_Static_assert(offsetof(obsb_span_record, span_flags) == 62, "obsb_span_record.span_flags");
_Static_assert(sizeof(obsb_error) == 512, "obsb_error size");
_Static_assert(offsetof(obsb_error, sensitive) == 13, "obsb_error.sensitive");
_Static_assert(offsetof(obsb_error, domain) == 16, "obsb_error.domain");
_Static_assert(offsetof(obsb_error, message) == 48, "obsb_error.message");
_Static_assert(sizeof(obsb_error_record) == 552, "obsb_error_record size");
_Static_assert(offsetof(obsb_error_record, error) == 40, "obsb_error_record.error");
_Static_assert(sizeof(obsb_clock_info) == 40, "obsb_clock_info size");
_Static_assert(sizeof(obsb_bridge_handle) == 8, "obsb_bridge_handle size");
_Static_assert(sizeof(obsb_bridge_config) == 8, "obsb_bridge_config size");
_Static_assert(sizeof(obsb_counters) == 72, "obsb_counters size");
_Static_assert(sizeof(obsb_callsite_count) == 16, "obsb_callsite_count size");
_Static_assert(sizeof(obsb_conflict) == 272, "obsb_conflict size");
_Static_assert(offsetof(obsb_conflict, name) == 16, "obsb_conflict.name");
_Static_assert(offsetof(obsb_runtime, report_incompatible) == 8, "obsb_runtime.report_incompatible");
_Static_assert(offsetof(obsb_runtime, attach) == 16, "obsb_runtime.attach");
_Static_assert(sizeof(obsb_runtime) == 152, "obsb_runtime size");
_Static_assert(sizeof(obsb_runtime_member) == 48, "obsb_runtime_member size");
#endif

#ifdef __cplusplus
}
#endif

#endif /* OBSBRIDGE_H */
