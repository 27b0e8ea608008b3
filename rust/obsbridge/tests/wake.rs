//! Waking the collector: a ring's hot lane or the error queue past its high-water mark (a quarter
//! of its capacity) wakes a thread blocked in `obsb_bridge_wait`; `obsb_bridge_wake` does too; below the
//! mark nothing wakes it. Also the ABI 2 flags that travel with records: a remote parent and a
//! sensitive message.

mod common;

use common::{delta, open, test_op, FAIL, OK};
use obsbridge::abi::*;
use obsbridge::ffi::*;
use obsbridge::{boundary, Callsite, NativeError, Status};
use std::ptr::{null, null_mut};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// Blocks in `obsb_bridge_wait` on another thread; the receiver gets whether it was woken.
fn waiter(handle: BridgeHandle, timeout: Duration) -> mpsc::Receiver<u8> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut woken = 9;
        // SAFETY: valid pointer.
        let status = unsafe { obsb_bridge_wait(handle, timeout.as_nanos() as u64, &mut woken) };
        assert_eq!(status, Status::OK);
        sender.send(woken).unwrap();
    });
    receiver
}

/// Records `count` successful calls on a fresh thread (so it gets a fresh ring).
fn calls_on_new_thread(count: usize) {
    thread::spawn(move || {
        for _ in 0..count {
            // SAFETY: NULL context and error.
            assert_eq!(unsafe { test_op(null(), OK, null_mut()) }, Status::OK);
        }
    })
    .join()
    .unwrap();
}

#[test]
fn a_ring_past_its_high_water_mark_wakes_the_collector() {
    let bridge = open(BridgeConfig {
        ring_capacity: 64,
        error_capacity: 0,
    });
    // Consume any wake-up an earlier test left pending.
    // SAFETY: NULL out_woken is allowed.
    unsafe { obsb_bridge_wait(bridge.handle, 0, null_mut()) };
    let before = bridge.counters();

    // A ring of 64 has a hot lane of 32, whose mark is 8. Below it (7): nobody wakes the
    // waiter; it times out.
    calls_on_new_thread(7);
    let quiet = waiter(bridge.handle, Duration::from_millis(50));
    assert_eq!(
        quiet.recv().unwrap(),
        0,
        "no wake-up below the high-water mark"
    );

    // Past it (a push that finds 8 of the 32 hot slots used): the waiter is woken; its long
    // timeout never matters.
    let woken = waiter(bridge.handle, Duration::from_secs(600));
    calls_on_new_thread(9);
    assert_eq!(woken.recv().unwrap(), 1);
    let grown = delta(&bridge.counters(), &before);
    assert!(grown.wakeups >= 1, "{grown:?}");
    assert_eq!(bridge.drain_spans().len(), 16);
}

#[test]
fn a_filling_error_queue_wakes_the_collector_and_wake_does_too() {
    let bridge = open(BridgeConfig {
        ring_capacity: 0,
        error_capacity: 8,
    });
    // SAFETY: NULL out_woken is allowed.
    unsafe { obsb_bridge_wait(bridge.handle, 0, null_mut()) };
    let woken = waiter(bridge.handle, Duration::from_secs(600));
    for _ in 0..2 {
        // SAFETY: NULL context and error.
        let status = unsafe { test_op(null(), FAIL, null_mut()) };
        assert_eq!(status, Status::LIBRARY_ERROR);
    }
    assert_eq!(woken.recv().unwrap(), 1, "2 of 8 error records is the mark");
    assert_eq!(bridge.drain_errors().len(), 2);

    let stopped = waiter(bridge.handle, Duration::from_secs(600));
    assert_eq!(obsb_bridge_wake(bridge.handle), Status::OK);
    assert_eq!(stopped.recv().unwrap(), 1);
    bridge.drain_spans();
}

#[test]
fn a_lagging_error_drain_wakes_the_collector_once_until_it_drains() {
    let bridge = open(BridgeConfig {
        ring_capacity: 0,
        error_capacity: 8,
    });
    let fail = || {
        // SAFETY: NULL context and error.
        let status = unsafe { test_op(null(), FAIL, null_mut()) };
        assert_eq!(status, Status::LIBRARY_ERROR);
    };
    // SAFETY: NULL out_woken is allowed.
    unsafe { obsb_bridge_wait(bridge.handle, 0, null_mut()) };
    let woken = waiter(bridge.handle, Duration::from_secs(600));
    fail();
    fail();
    assert_eq!(woken.recv().unwrap(), 1, "the mark asks once");

    // Still past the mark, not drained: more failures do not wake the collector again.
    let quiet = waiter(bridge.handle, Duration::from_millis(50));
    fail();
    fail();
    assert_eq!(
        quiet.recv().unwrap(),
        0,
        "asked already, and nothing drained since"
    );

    // A drain re-arms the mark.
    assert_eq!(bridge.drain_errors().len(), 4);
    let again = waiter(bridge.handle, Duration::from_secs(600));
    fail();
    fail();
    assert_eq!(again.recv().unwrap(), 1);
    assert_eq!(bridge.drain_errors().len(), 2);
    bridge.drain_spans();
}

#[test]
fn wait_and_wake_check_the_handle() {
    let bridge = open(BridgeConfig::default());
    let forged = BridgeHandle { value: 12345 };
    // SAFETY: NULL out_woken is allowed.
    let status = unsafe { obsb_bridge_wait(forged, 0, null_mut()) };
    assert_eq!(status, Status::INVALID_HANDLE);
    assert_eq!(obsb_bridge_wake(forged), Status::INVALID_HANDLE);
    let handle = bridge.handle;
    drop(bridge);
    assert_eq!(obsb_bridge_wake(handle), Status::CLOSED_HANDLE);
}

static SENSITIVE: Callsite = Callsite::new("test.sensitive");

/// Fails with a message marked sensitive.
///
/// # Safety
///
/// `err` NULL or valid for writes.
unsafe extern "C" fn fail_sensitive(err: *mut ErrorInfo) -> Status {
    // SAFETY: the function's contract is boundary's.
    unsafe {
        boundary(null(), err, &SENSITIVE, || {
            Err(NativeError::new("users", 4, "no account for jane@example.org").sensitive())
        })
    }
}

#[test]
fn a_sensitive_message_never_crosses_the_boundary() {
    let bridge = open(BridgeConfig::default());
    let mut err = ErrorInfo::default();
    // SAFETY: valid pointer.
    assert_eq!(unsafe { fail_sensitive(&mut err) }, Status::LIBRARY_ERROR);
    assert_eq!((err.sensitive, err.message_len, err.code), (1, 0, 4));
    assert_eq!(err.domain_str(), "users");
    let records = bridge.drain_errors();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].error, err);
    assert!(!format!("{:?}", records[0]).contains("jane"));
    bridge.drain_spans();
}

#[test]
fn a_call_whose_parent_is_remote_says_so_in_its_record() {
    let bridge = open(BridgeConfig::default());
    let mut remote = TraceContext::default();
    // SAFETY: valid pointers.
    unsafe { obsb_context_init_child(null(), 0, &mut remote) };
    remote.context_flags = CONTEXT_FLAG_REMOTE;
    let mut call = TraceContext::default();
    let mut local = TraceContext::default();
    // SAFETY: valid pointers.
    unsafe {
        obsb_context_init_child(&remote, 0, &mut call);
        assert_eq!(test_op(&call, OK, null_mut()), Status::OK);
        obsb_context_init_child(&call, 0, &mut local);
        assert_eq!(test_op(&local, OK, null_mut()), Status::OK);
    }
    let spans = bridge.drain_spans();
    assert_eq!(spans.len(), 2);
    assert_eq!(spans[0].span_flags, SPAN_FLAG_REMOTE_PARENT);
    assert_eq!(spans[0].parent_span_id, remote.span_id);
    assert_eq!(spans[1].span_flags, 0, "its own child has a local parent");
}
