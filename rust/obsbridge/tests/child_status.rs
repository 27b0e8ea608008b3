//! `in_child_span`: a step's span takes its status from the step's result, so `?` records the
//! failure.

mod common;

use common::open;
use obsbridge::abi::*;
use obsbridge::{boundary, in_child_span, Callsite, NativeError, Status};
use std::ptr::{null, null_mut};

static OUTER: Callsite = Callsite::new("child_status.outer");
static STEP: Callsite = Callsite::new("child_status.step");

/// A step that fails for odd input, with a plain (non-NativeError) error type.
fn parse_even(value: u32) -> Result<u32, String> {
    if value % 2 == 0 {
        Ok(value / 2)
    } else {
        Err(format!("{value} is odd"))
    }
}

/// An exported function whose inner steps use `?`.
///
/// # Safety
///
/// `err` NULL or valid for writes.
unsafe extern "C" fn outer(value: u32, err: *mut ErrorInfo) -> Status {
    // SAFETY: the function's contract is boundary's.
    unsafe {
        boundary(null(), err, &OUTER, || {
            let half = in_child_span(&STEP, || parse_even(value))
                .map_err(|e| NativeError::new("parse", 1, e))?;
            in_child_span(&STEP, || {
                if half > 100 {
                    return Err(NativeError::invalid_argument("value", "too large"));
                }
                Ok(())
            })
        })
    }
}

#[test]
fn a_failed_step_records_its_status() {
    let bridge = open(BridgeConfig::default());
    // SAFETY: NULL error is allowed.
    unsafe {
        assert_eq!(outer(4, null_mut()), Status::OK);
        assert_eq!(outer(5, null_mut()), Status::LIBRARY_ERROR);
        assert_eq!(outer(400, null_mut()), Status::INVALID_ARGUMENT);
    }
    let spans = bridge.drain_spans();
    let steps: Vec<Status> = spans
        .iter()
        .filter(|span| span.kind == SPAN_KIND_CHILD)
        .map(|span| span.status)
        .collect();
    assert_eq!(
        steps,
        vec![
            Status::OK,
            Status::OK,
            Status::LIBRARY_ERROR,
            Status::OK,
            Status::INVALID_ARGUMENT
        ],
        "ok, ok; odd fails its first step; too large fails its second with the NativeError's status"
    );
    bridge.drain_errors();
}
