//! Errors through the boundary: the caller's `obsb_error` and the collector's error records.
//! Bounded, cut at a character boundary, invalid UTF-8 replaced, written only for LIBRARY_ERROR
//! and PANIC, untouched otherwise.

mod common;

use common::{delta, open, reopen, test_op, FAIL, NULL_ARG, OK, PANIC};
use obsbridge::abi::{BridgeConfig, ErrorInfo, TraceContext, ERROR_MESSAGE_CAPACITY};
use obsbridge::{boundary, Callsite, NativeError, Status};
use std::ptr::{null, null_mut};

static LONG: Callsite = Callsite::new("errors.long");

/// A traced function failing with `message` in a domain of `domain`.
fn fail_with(err: *mut ErrorInfo, domain: String, message: NativeErrorMessage) -> Status {
    // SAFETY: NULL context; `err` is NULL or valid (callers pass either).
    unsafe {
        boundary(null(), err, &LONG, || {
            Err(match message {
                NativeErrorMessage::Text(text) => NativeError::new(domain, 7, text),
                NativeErrorMessage::Bytes(bytes) => NativeError::from_utf8_lossy(domain, 7, &bytes),
            })
        })
    }
}

enum NativeErrorMessage {
    Text(String),
    Bytes(Vec<u8>),
}

/// An `ErrorInfo` full of a recognisable pattern.
fn poisoned() -> ErrorInfo {
    ErrorInfo {
        status: Status(-7),
        code: -7,
        domain_len: 0xAAAA,
        message_len: 0xAAAA,
        truncated: 0xAA,
        sensitive: 0xAA,
        reserved: [0xAA; 2],
        domain: [0xAA; 32],
        message: [0xAA; ERROR_MESSAGE_CAPACITY],
    }
}

#[test]
fn long_messages_are_cut_at_a_character_boundary() {
    let bridge = open(BridgeConfig::default());
    // 1 + 3 * 200 bytes: a 464-byte cut falls inside a 3-byte character (1 + 3 * 154 = 463).
    let message = format!("x{}", "€".repeat(200));
    let mut err = poisoned();
    let status = fail_with(
        &mut err,
        "a-domain-longer-than-32-bytes-is-cut".into(),
        NativeErrorMessage::Text(message.clone()),
    );
    assert_eq!(status, Status::LIBRARY_ERROR);
    assert_eq!(err.status, Status::LIBRARY_ERROR);
    assert_eq!(err.code, 7);
    assert_eq!(err.truncated, 1);
    assert_eq!(usize::from(err.message_len), 463);
    assert_eq!(err.message_str(), &message[..463]);
    assert!(std::str::from_utf8(&err.message[..463]).is_ok());
    assert_eq!(err.domain_len, 32);
    assert_eq!(err.domain_str(), "a-domain-longer-than-32-bytes-is");
    assert_eq!(err.sensitive, 0);
    assert_eq!(err.reserved, [0; 2]);

    let records = bridge.drain_errors();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].error, err, "the record carries the same details");
    assert_eq!(records[0].callsite, LONG.id());
}

#[test]
fn short_messages_are_not_marked_truncated() {
    let _bridge = open(BridgeConfig::default());
    let exact = "y".repeat(ERROR_MESSAGE_CAPACITY);
    let mut err = poisoned();
    fail_with(
        &mut err,
        "d".into(),
        NativeErrorMessage::Text(exact.clone()),
    );
    assert_eq!(
        (usize::from(err.message_len), err.truncated),
        (ERROR_MESSAGE_CAPACITY, 0)
    );
    assert_eq!(err.message_str(), exact);
}

#[test]
fn invalid_utf8_is_replaced() {
    let _bridge = open(BridgeConfig::default());
    let mut err = poisoned();
    fail_with(
        &mut err,
        "io".into(),
        NativeErrorMessage::Bytes(b"read \xFF\xFE failed \xC3".to_vec()),
    );
    assert_eq!(err.message_str(), "read \u{FFFD}\u{FFFD} failed \u{FFFD}");
    assert!(std::str::from_utf8(&err.message[..usize::from(err.message_len)]).is_ok());
}

#[test]
fn the_error_is_untouched_on_success_and_filled_for_misuse_failures() {
    let bridge = open(BridgeConfig::default());
    let before = bridge.counters();
    let mut err = poisoned();
    // SAFETY: NULL context, valid error.
    let status = unsafe { test_op(null(), OK, &mut err) };
    assert_eq!(status, Status::OK);
    assert_eq!(err, poisoned(), "untouched on success");

    let mut err = poisoned();
    // SAFETY: NULL context, valid error.
    let status = unsafe { test_op(null(), NULL_ARG, &mut err) };
    assert_eq!(status, Status::NULL_ARGUMENT);
    assert_eq!(
        err.status,
        Status::NULL_ARGUMENT,
        "filled for a NULL output pointer"
    );
    assert_eq!(err.domain_str(), "obsbridge");
    assert!(
        err.message_str().contains("is NULL"),
        "{}",
        err.message_str()
    );
    let grown = delta(&bridge.counters(), &before);
    assert_eq!(
        (grown.emitted, grown.errors_emitted),
        (2, 1),
        "the misuse is queued as an error record too"
    );
}

#[test]
fn a_null_error_pointer_is_allowed() {
    let bridge = open(BridgeConfig::default());
    let before = bridge.counters();
    // SAFETY: NULL context and error are allowed.
    unsafe {
        assert_eq!(test_op(null(), FAIL, null_mut()), Status::LIBRARY_ERROR);
        assert_eq!(test_op(null(), PANIC, null_mut()), Status::PANIC);
    }
    let errors = bridge.drain_errors();
    assert_eq!(errors.len(), 2, "still reported to the collector");
    assert_eq!(errors[0].error.domain_str(), "test");
    assert_eq!(errors[0].error.message_str(), "mode 1 failed");
    assert_eq!(errors[1].error.status, Status::PANIC);
    let grown = delta(&bridge.counters(), &before);
    assert_eq!(
        (
            grown.errors_emitted,
            grown.errors_collected,
            grown.errors_dropped
        ),
        (2, 2, 0)
    );
}

#[test]
fn errors_carry_the_span_identity() {
    let bridge = open(BridgeConfig::default());
    let ctx = TraceContext::new_root(0);
    let mut err = ErrorInfo::default();
    assert_eq!(
        // SAFETY: valid context and error.
        unsafe { test_op(&ctx, FAIL, &mut err) },
        Status::LIBRARY_ERROR
    );
    let spans = bridge.drain_spans();
    let errors = bridge.drain_errors();
    assert_eq!((spans.len(), errors.len()), (1, 1));
    let (span, error) = (spans[0], errors[0]);
    assert_eq!(
        (error.trace_id_hi, error.trace_id_lo),
        (ctx.trace_id_hi, ctx.trace_id_lo)
    );
    assert_eq!(error.span_id, ctx.span_id);
    assert_eq!(
        (error.end_ticks, error.callsite),
        (span.end_ticks, span.callsite)
    );
    assert_eq!(error.thread_index, span.thread_index);
    assert_eq!(error.error, err);
}

#[test]
fn while_closed_the_error_is_filled_but_nothing_is_queued() {
    let bridge = open(BridgeConfig::default());
    let before = bridge.counters();
    let serial = bridge.close();
    let mut err = poisoned();
    assert_eq!(
        // SAFETY: NULL context, valid error.
        unsafe { test_op(null(), FAIL, &mut err) },
        Status::LIBRARY_ERROR
    );
    assert_eq!(err.message_str(), "mode 1 failed");
    let bridge = reopen(serial, BridgeConfig::default());
    let grown = delta(&bridge.counters(), &before);
    assert_eq!((grown.emitted, grown.errors_emitted), (0, 0));
}
