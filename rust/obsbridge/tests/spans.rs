//! What the boundary and child spans record: ids from the context, parentage of nested child
//! spans, callsites, kinds, statuses, and nothing at all while no bridge is open.

mod common;

use common::{delta, open, reopen, test_op, FAIL, OK, PANIC, TEST_OP};
use obsbridge::abi::*;
use obsbridge::ffi::obsb_context_init_child;
use obsbridge::{boundary, child_span, register_callsite, Callsite, NativeError, Status};
use std::ptr::{null, null_mut};

static PIPELINE: Callsite = Callsite::new("spans.pipeline");
static STAGE: Callsite = Callsite::new("spans.stage");
static STEP: Callsite = Callsite::new("spans.step");

/// A traced function with two stages, the first with two steps:
/// pipeline -> stage A -> (step, step); pipeline -> stage B.
unsafe fn pipeline(ctx: *const TraceContext, panic_in_step: bool) -> Status {
    // SAFETY: the caller passes a NULL or valid context.
    unsafe {
        boundary(ctx, null_mut(), &PIPELINE, || {
            {
                let _stage = child_span(&STAGE);
                {
                    let _step = child_span(&STEP);
                }
                let _step = child_span(&STEP);
                if panic_in_step {
                    panic!("step failed");
                }
            }
            let _stage = child_span(&STAGE);
            Ok(())
        })
    }
}

fn find(records: &[SpanRecord], callsite: &Callsite) -> Vec<SpanRecord> {
    records
        .iter()
        .copied()
        .filter(|r| r.callsite == callsite.id())
        .collect()
}

#[test]
fn child_spans_nest_under_the_boundary_span() {
    let bridge = open(BridgeConfig::default());
    let mut ctx = TraceContext::default();
    // SAFETY: valid pointers.
    unsafe { obsb_context_init_child(null(), 0, &mut ctx) };
    // SAFETY: valid context.
    assert_eq!(unsafe { pipeline(&ctx, false) }, Status::OK);
    let records = bridge.drain_spans();
    assert_eq!(records.len(), 5);

    let root = find(&records, &PIPELINE);
    assert_eq!(root.len(), 1);
    let root = root[0];
    assert_eq!(
        (root.span_id, root.parent_span_id, root.kind),
        (ctx.span_id, 0, SPAN_KIND_BOUNDARY)
    );
    let stages = find(&records, &STAGE);
    let steps = find(&records, &STEP);
    assert_eq!((stages.len(), steps.len()), (2, 2));
    assert!(stages
        .iter()
        .all(|s| s.parent_span_id == root.span_id && s.kind == SPAN_KIND_CHILD));
    let stage_a = stages
        .iter()
        .find(|s| s.start_ticks <= steps[0].start_ticks)
        .unwrap();
    assert!(
        steps.iter().all(|s| s.parent_span_id == stage_a.span_id),
        "steps are stage A's"
    );
    for record in &records {
        assert_eq!(
            (record.trace_id_hi, record.trace_id_lo),
            (ctx.trace_id_hi, ctx.trace_id_lo)
        );
        assert_eq!(record.flags, ctx.flags);
        assert_eq!(record.status, Status::OK);
        assert!(record.start_ticks <= record.end_ticks);
        assert!(root.start_ticks <= record.start_ticks && record.end_ticks <= root.end_ticks);
        assert_eq!(record.thread_index, root.thread_index);
    }
    let ids: std::collections::HashSet<u64> = records.iter().map(|r| r.span_id).collect();
    assert_eq!(ids.len(), 5, "distinct span ids");
    // Children are recorded before their parents finish.
    assert_eq!(records.last().unwrap().span_id, root.span_id);
}

#[test]
fn a_panic_marks_the_open_child_spans_and_restores_the_parent() {
    let bridge = open(BridgeConfig::default());
    let ctx = TraceContext::new_root(0);
    // SAFETY: valid context.
    assert_eq!(unsafe { pipeline(&ctx, true) }, Status::PANIC);
    let records = bridge.drain_spans();
    assert_eq!(records.len(), 4, "stage B never started");
    let statuses: Vec<Status> = records.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [Status::OK, Status::PANIC, Status::PANIC, Status::PANIC]
    );
    bridge.drain_errors();

    // The thread's current span was restored: a child span now starts a new root trace.
    let outside = child_span(&STEP);
    drop(outside);
    let records = bridge.drain_spans();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].parent_span_id, 0);
    assert_ne!(records[0].trace_id_lo, ctx.trace_id_lo);
}

#[test]
fn contexts_give_the_ids_and_may_name_the_operation() {
    let bridge = open(BridgeConfig::default());
    let custom = register_callsite("spans.custom_name").unwrap();
    let parent = TraceContext::new_root(0);
    let ctx = TraceContext::init_child(Some(&parent), custom);
    // SAFETY: valid context.
    assert_eq!(unsafe { test_op(&ctx, OK, null_mut()) }, Status::OK);
    assert_eq!(
        // SAFETY: NULL context.
        unsafe { test_op(null(), FAIL, null_mut()) },
        Status::LIBRARY_ERROR
    );
    let records = bridge.drain_spans();
    assert_eq!(records.len(), 2);
    let (named, root) = (records[0], records[1]);
    assert_eq!(
        named.callsite, custom,
        "ctx.callsite overrides the callee's name"
    );
    assert_eq!(
        (named.span_id, named.parent_span_id),
        (ctx.span_id, parent.span_id)
    );
    assert_eq!(root.callsite, TEST_OP.id());
    assert_eq!(root.status, Status::LIBRARY_ERROR);
    assert_eq!(root.parent_span_id, 0);
    assert_eq!(root.flags, TRACE_FLAG_SAMPLED);
    assert!(root.span_id != 0 && (root.trace_id_hi, root.trace_id_lo) != (0, 0));
}

#[test]
fn invalid_contexts_are_refused_without_running_the_function() {
    static REFUSED: Callsite = Callsite::new("spans.refused");
    let bridge = open(BridgeConfig::default());
    let valid = TraceContext::new_root(0);
    for invalid in [
        TraceContext {
            span_id: 0,
            ..valid
        },
        TraceContext {
            trace_id_hi: 0,
            trace_id_lo: 0,
            ..valid
        },
        TraceContext::default(),
    ] {
        let mut ran = false;
        let mut err = ErrorInfo {
            code: 1234,
            ..ErrorInfo::default()
        };
        // SAFETY: valid context and error.
        let status = unsafe {
            boundary(&invalid, &mut err, &REFUSED, || {
                ran = true;
                Ok(())
            })
        };
        assert_eq!(status, Status::INVALID_CONTEXT);
        assert!(!ran);
        assert_eq!(err.code, 1234, "err untouched");
    }
    let records = bridge.drain_spans();
    assert_eq!(records.len(), 3, "each refusal is recorded");
    assert!(records
        .iter()
        .all(|r| r.status == Status::INVALID_CONTEXT && r.span_id != 0));
    // What the context had is kept; what was zero is made up, so the record is usable.
    assert_eq!(records[0].trace_id_lo, valid.trace_id_lo);
    assert_ne!(records[0].span_id, valid.span_id);
    assert_eq!(records[1].span_id, valid.span_id);
    assert_ne!(records[1].trace_id_lo, valid.trace_id_lo);
    assert!(bridge.drain_errors().is_empty());

    let serial = bridge.close();
    let mut ran = false;
    // SAFETY: valid context; NULL error.
    let status = unsafe {
        boundary(&TraceContext::default(), null_mut(), &REFUSED, || {
            ran = true;
            Ok(())
        })
    };
    assert_eq!(
        (status, ran),
        (Status::INVALID_CONTEXT, false),
        "the same while closed"
    );
    drop(serial);
}

#[test]
fn nothing_is_recorded_while_closed() {
    let bridge = open(BridgeConfig::default());
    let before = bridge.counters();
    let serial = bridge.close();
    let ctx = TraceContext::new_root(0);
    // SAFETY: valid or NULL contexts; NULL errors.
    unsafe {
        assert_eq!(pipeline(&ctx, false), Status::OK);
        assert_eq!(pipeline(null(), true), Status::PANIC);
        assert_eq!(test_op(null(), FAIL, null_mut()), Status::LIBRARY_ERROR);
        assert_eq!(test_op(null(), PANIC, null_mut()), Status::PANIC);
    }
    let span = child_span(&STEP);
    assert!(span.span_id().is_none());
    drop(span);
    let bridge = reopen(serial, BridgeConfig::default());
    let grown = delta(&bridge.counters(), &before);
    assert_eq!((grown.emitted, grown.errors_emitted), (0, 0));
}

#[test]
fn child_span_status_can_be_set() {
    static FAILING_STEP: Callsite = Callsite::new("spans.failing_step");
    let bridge = open(BridgeConfig::default());
    {
        let mut span = child_span(&FAILING_STEP);
        assert!(span.span_id().is_some());
        span.set_status(Status::LIBRARY_ERROR);
    }
    let records = bridge.drain_spans();
    assert_eq!(records.len(), 1);
    assert_eq!(
        (records[0].status, records[0].kind),
        (Status::LIBRARY_ERROR, SPAN_KIND_CHILD)
    );
}

#[test]
fn nested_boundaries_restore_the_outer_span() {
    static OUTER: Callsite = Callsite::new("spans.outer");
    static INNER: Callsite = Callsite::new("spans.inner");
    let bridge = open(BridgeConfig::default());
    let outer_ctx = TraceContext::new_root(0);
    // SAFETY: valid context; NULL errors.
    let status = unsafe {
        boundary(&outer_ctx, null_mut(), &OUTER, || {
            let inner_ctx = TraceContext::new_root(0);
            let inner = boundary(&inner_ctx, null_mut(), &INNER, || {
                Err(NativeError::new("inner", 1, "inner failed"))
            });
            assert_eq!(inner, Status::LIBRARY_ERROR);
            let _after = child_span(&STEP);
            Ok(())
        })
    };
    assert_eq!(status, Status::OK);
    let records = bridge.drain_spans();
    let step = find(&records, &STEP)[0];
    assert_eq!(
        step.parent_span_id, outer_ctx.span_id,
        "the outer span is current again"
    );
    assert_eq!(step.trace_id_lo, outer_ctx.trace_id_lo);
}
