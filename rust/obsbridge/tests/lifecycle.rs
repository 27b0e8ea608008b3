//! The bridge's lifecycle and the C ABI's argument checks: open, close, re-open, ABI mismatch,
//! configuration limits, forged and closed handles, double close, and NULL for every pointer of
//! every exported function.

mod common;

use common::{delta, open, serial, test_op, OK};
use obsbridge::abi::*;
use obsbridge::ffi::*;
use obsbridge::Status;
use std::ffi::CStr;
use std::ptr::{null, null_mut};

/// Every handle-taking function's status for `handle` (with valid other arguments).
fn statuses_for(handle: BridgeHandle) -> [Status; 4] {
    let mut spans = [SpanRecord::default(); 4];
    let mut errors = [ErrorRecord::default(); 4];
    let mut counters = Counters::default();
    let mut count = 0;
    // SAFETY: valid pointers and capacities throughout.
    unsafe {
        [
            obsb_bridge_drain_spans(handle, spans.as_mut_ptr(), 4, &mut count),
            obsb_bridge_drain_errors(handle, errors.as_mut_ptr(), 4, &mut count),
            obsb_bridge_counters(handle, &mut counters),
            obsb_bridge_close(handle),
        ]
    }
}

#[test]
fn open_close_reopen_keeps_cumulative_counters_and_leftovers() {
    let _serial = serial(); // held throughout: no other test may drain in between
    let mut first = BridgeHandle::default();
    let mut before = Counters::default();
    let mut drained = [SpanRecord::default(); 64];
    let mut count = 0;
    // SAFETY: valid pointers and capacities throughout; NULL context and error are allowed.
    unsafe {
        assert_eq!(
            obsb_bridge_open(ABI_VERSION, null(), &mut first),
            Status::OK
        );
        while obsb_bridge_drain_spans(first, drained.as_mut_ptr(), 64, &mut count) == Status::OK
            && count > 0
        {}
        assert_eq!(obsb_bridge_counters(first, &mut before), Status::OK);
        assert_eq!(test_op(null(), OK, null_mut()), Status::OK);
        assert_eq!(test_op(null(), OK, null_mut()), Status::OK);
        assert_eq!(obsb_bridge_close(first), Status::OK); // two spans stay pending
        assert_eq!(
            test_op(null(), OK, null_mut()),
            Status::OK,
            "runs while closed"
        );
    }

    let mut second = BridgeHandle::default();
    assert_eq!(
        // SAFETY: valid pointers.
        unsafe { obsb_bridge_open(ABI_VERSION, null(), &mut second) },
        Status::OK
    );
    assert_ne!(second, first, "a new generation");
    assert_eq!(
        statuses_for(first),
        [Status::CLOSED_HANDLE; 4],
        "the old handle is closed"
    );

    let mut counters = Counters::default();
    assert_eq!(
        // SAFETY: valid pointer.
        unsafe { obsb_bridge_counters(second, &mut counters) },
        Status::OK
    );
    let grown = delta(&counters, &before);
    assert_eq!(
        (grown.emitted, grown.collected),
        (2, 0),
        "nothing recorded while closed"
    );

    // SAFETY: valid pointers and capacity.
    let status = unsafe { obsb_bridge_drain_spans(second, drained.as_mut_ptr(), 64, &mut count) };
    assert_eq!(
        (status, count),
        (Status::OK, 2),
        "leftovers drain after re-opening"
    );
    assert_eq!(obsb_bridge_close(second), Status::OK);
    assert_eq!(
        obsb_bridge_close(second),
        Status::CLOSED_HANDLE,
        "double close"
    );
}

#[test]
fn one_bridge_per_process() {
    let bridge = open(BridgeConfig::default());
    let mut other = BridgeHandle { value: 77 };
    // SAFETY: valid pointers.
    let status = unsafe { obsb_bridge_open(ABI_VERSION, null(), &mut other) };
    assert_eq!(status, Status::ALREADY_OPEN);
    assert_eq!(other.value, 77, "outputs are written only on success");
    drop(bridge);
}

#[test]
fn open_checks_abi_version_output_and_capacities() {
    let _serial = serial();
    let mut handle = BridgeHandle { value: 5 };
    // SAFETY: valid or NULL pointers, as each case says.
    unsafe {
        assert_eq!(
            obsb_bridge_open(ABI_VERSION + 1, null(), &mut handle),
            Status::ABI_MISMATCH
        );
        assert_eq!(
            obsb_bridge_open(0, null(), &mut handle),
            Status::ABI_MISMATCH
        );
        assert_eq!(
            obsb_bridge_open(ABI_VERSION, null(), null_mut()),
            Status::NULL_ARGUMENT
        );
        for config in [
            BridgeConfig {
                ring_capacity: (1 << 20) + 1,
                error_capacity: 0,
            },
            BridgeConfig {
                ring_capacity: 0,
                error_capacity: (1 << 20) + 1,
            },
            BridgeConfig {
                ring_capacity: u32::MAX,
                error_capacity: u32::MAX,
            },
        ] {
            assert_eq!(
                obsb_bridge_open(ABI_VERSION, &config, &mut handle),
                Status::INVALID_ARGUMENT
            );
        }
        assert_eq!(handle.value, 5, "untouched by failed opens");
        let largest = BridgeConfig {
            ring_capacity: 1 << 20,
            error_capacity: 1 << 20,
        };
        assert_eq!(
            obsb_bridge_open(ABI_VERSION, &largest, &mut handle),
            Status::OK
        );
        assert_eq!(obsb_bridge_close(handle), Status::OK);
    }
    assert_eq!(obsb_abi_version(), ABI_VERSION);
}

#[test]
fn forged_handles_are_invalid_and_closed_ones_closed() {
    let bridge = open(BridgeConfig::default());
    let value = bridge.handle.value;
    let tag = value & !0xFFFF_FFFF_FFFF;
    let generation = value & 0xFFFF_FFFF_FFFF;
    for forged in [
        0,
        1,
        u64::MAX,
        value ^ (1 << 63),
        generation,
        tag,
        tag | (generation + 1),
    ] {
        let forged = BridgeHandle { value: forged };
        assert_eq!(
            statuses_for(forged),
            [Status::INVALID_HANDLE; 4],
            "{forged:?}"
        );
    }
    if generation > 1 {
        let earlier = BridgeHandle {
            value: tag | (generation - 1),
        };
        assert_eq!(statuses_for(earlier), [Status::CLOSED_HANDLE; 4]);
    }
    drop(bridge);
    let closed = BridgeHandle { value };
    assert_eq!(statuses_for(closed), [Status::CLOSED_HANDLE; 4]);
}

#[test]
fn null_pointers_are_refused_everywhere() {
    let bridge = open(BridgeConfig::default());
    let handle = bridge.handle;
    let mut spans = [SpanRecord::default(); 2];
    let mut errors = [ErrorRecord::default(); 2];
    let mut count = 99;
    let mut name = [0u8; 8];
    let mut id = 0;
    // SAFETY: every non-NULL pointer is valid; NULL is what is being tested.
    unsafe {
        assert_eq!(
            obsb_bridge_drain_spans(handle, null_mut(), 2, &mut count),
            Status::NULL_ARGUMENT
        );
        assert_eq!(
            obsb_bridge_drain_spans(handle, spans.as_mut_ptr(), 2, null_mut()),
            Status::NULL_ARGUMENT
        );
        assert_eq!(
            obsb_bridge_drain_errors(handle, null_mut(), 2, &mut count),
            Status::NULL_ARGUMENT
        );
        assert_eq!(
            obsb_bridge_drain_errors(handle, errors.as_mut_ptr(), 2, null_mut()),
            Status::NULL_ARGUMENT
        );
        assert_eq!(
            obsb_bridge_counters(handle, null_mut()),
            Status::NULL_ARGUMENT
        );
        assert_eq!(obsb_clock_info_get(null_mut()), Status::NULL_ARGUMENT);
        assert_eq!(
            obsb_callsite_register(null(), 3, &mut id),
            Status::NULL_ARGUMENT
        );
        assert_eq!(
            obsb_callsite_register(b"abc".as_ptr(), 3, null_mut()),
            Status::NULL_ARGUMENT
        );
        assert_eq!(
            obsb_callsite_name(1, null_mut(), 8, &mut count),
            Status::NULL_ARGUMENT
        );
        assert_eq!(
            obsb_callsite_name(1, name.as_mut_ptr(), 8, null_mut()),
            Status::NULL_ARGUMENT
        );
        assert_eq!(obsb_span_emit(null()), Status::NULL_ARGUMENT);
        obsb_context_init_child(null(), 0, null_mut()); // does nothing, does not crash
                                                        // NULL checks come first, so a NULL with a forged handle is still NULL_ARGUMENT.
        let forged = BridgeHandle { value: 1 };
        assert_eq!(
            obsb_bridge_counters(forged, null_mut()),
            Status::NULL_ARGUMENT
        );

        // A zero capacity is fine.
        assert_eq!(
            obsb_bridge_drain_spans(handle, spans.as_mut_ptr(), 0, &mut count),
            Status::OK
        );
        assert_eq!(count, 0);
    }
    assert_eq!((count, id), (0, 0), "outputs are written only on success");
    drop(bridge);
}

#[test]
fn status_names_are_static_c_strings() {
    let name = |status| {
        // SAFETY: obsb_status_name returns a static NUL-terminated string.
        unsafe { CStr::from_ptr(obsb_status_name(status)) }
            .to_str()
            .unwrap()
    };
    assert_eq!(name(Status::OK), "OBSB_STATUS_OK");
    assert_eq!(name(Status::NOT_FOUND), "OBSB_STATUS_NOT_FOUND");
    assert_eq!(
        name(Status::BUFFER_TOO_SMALL),
        "OBSB_STATUS_BUFFER_TOO_SMALL"
    );
    assert_eq!(name(Status(1000)), "OBSB_STATUS_UNKNOWN");
    assert_eq!(name(Status(i32::MIN)), "OBSB_STATUS_UNKNOWN");
    assert_eq!(
        obsb_status_name(Status::PANIC),
        obsb_status_name(Status::PANIC),
        "static"
    );
}

#[test]
fn span_emit_records_only_while_open_and_forces_the_kind() {
    let record = SpanRecord {
        trace_id_hi: 1,
        trace_id_lo: 2,
        span_id: 3,
        parent_span_id: 4,
        start_ticks: 5,
        end_ticks: 6,
        callsite: 7,
        status: Status::LIBRARY_ERROR,
        thread_index: 999,
        flags: 1,
        kind: SPAN_KIND_CHILD,
        span_flags: SPAN_FLAG_REMOTE_PARENT,
    };
    {
        let _serial = serial();
        assert_eq!(
            // SAFETY: valid pointer.
            unsafe { obsb_span_emit(&record) },
            Status::OK,
            "closed: accepted, ignored"
        );
    }
    let bridge = open(BridgeConfig::default());
    let before = bridge.counters();
    let emitted = std::thread::spawn(move || {
        // SAFETY: valid pointer.
        assert_eq!(unsafe { obsb_span_emit(&record) }, Status::OK);
    });
    emitted.join().unwrap();
    let drained = bridge.drain_spans();
    assert_eq!(drained.len(), 1);
    let got = drained[0];
    assert_eq!(got.kind, SPAN_KIND_CALLER);
    assert_eq!(
        got.span_flags, SPAN_FLAG_REMOTE_PARENT,
        "the caller's span flags are kept"
    );
    assert_ne!(got.thread_index, 999, "thread_index is the ring's number");
    assert_ne!(got.thread_index, 0);
    let expected = SpanRecord {
        kind: SPAN_KIND_CALLER,
        thread_index: got.thread_index,
        ..record
    };
    assert_eq!(got, expected);
    let grown = delta(&bridge.counters(), &before);
    assert_eq!((grown.emitted, grown.collected, grown.dropped), (1, 1, 0));
}

#[test]
fn context_init_child_follows_the_header() {
    let mut root = TraceContext {
        span_id: 77,
        ..TraceContext::default()
    };
    // SAFETY: valid pointers.
    unsafe { obsb_context_init_child(null(), 5, &mut root) };
    assert!(root.is_valid());
    assert_eq!(
        (root.parent_span_id, root.callsite, root.flags),
        (0, 5, TRACE_FLAG_SAMPLED)
    );
    assert_eq!((root.context_flags, root.reserved), (0, [0; 2]));

    let parent = TraceContext { flags: 0, ..root };
    let mut child = TraceContext::default();
    // SAFETY: valid pointers.
    unsafe { obsb_context_init_child(&parent, 9, &mut child) };
    assert_eq!(
        (child.trace_id_hi, child.trace_id_lo),
        (root.trace_id_hi, root.trace_id_lo)
    );
    assert_eq!(
        (child.parent_span_id, child.callsite, child.flags),
        (root.span_id, 9, 0)
    );
    assert!(child.span_id != 0 && child.span_id != root.span_id);
    assert_eq!(child.context_flags, 0, "a local parent");

    // A context received from another process: its child says its parent is remote, and the
    // grandchild (a local parent again) does not.
    let remote = TraceContext {
        context_flags: CONTEXT_FLAG_REMOTE,
        ..root
    };
    let mut of_remote = TraceContext::default();
    let mut grandchild = TraceContext::default();
    // SAFETY: valid pointers.
    unsafe {
        obsb_context_init_child(&remote, 9, &mut of_remote);
        obsb_context_init_child(&of_remote, 9, &mut grandchild);
    }
    assert_eq!(of_remote.context_flags, CONTEXT_FLAG_PARENT_REMOTE);
    assert_eq!(grandchild.context_flags, 0);

    let invalid = TraceContext { span_id: 0, ..root };
    let mut fresh = TraceContext::default();
    // SAFETY: valid pointers.
    unsafe { obsb_context_init_child(&invalid, 1, &mut fresh) };
    assert!(fresh.is_valid());
    assert_eq!(fresh.parent_span_id, 0);
    assert_ne!(fresh.trace_id_lo, root.trace_id_lo, "a new trace");
}
