//! `obsb_bridge_error_drops`: error records dropped by a full queue, counted by operation, adding
//! up to the total.

mod common;

use common::{delta, open, test_op, FAIL};
use obsbridge::abi::*;
use obsbridge::ffi::*;
use obsbridge::Status;
use std::ptr::{null, null_mut};

/// Every callsite's drops now.
fn drops(handle: BridgeHandle) -> Vec<CallsiteCount> {
    let mut total = 0;
    // SAFETY: NULL with capacity 0 asks for the count only.
    let status = unsafe { obsb_bridge_error_drops(handle, null_mut(), 0, &mut total) };
    assert_eq!(status, Status::OK);
    let mut out = vec![CallsiteCount::default(); total];
    let mut again = 0;
    // SAFETY: `out` holds `total` entries.
    let status =
        unsafe { obsb_bridge_error_drops(handle, out.as_mut_ptr(), out.len(), &mut again) };
    assert_eq!((status, again), (Status::OK, total));
    out
}

#[test]
fn drops_are_counted_by_operation_and_add_up() {
    let bridge = open(BridgeConfig {
        ring_capacity: 0,
        error_capacity: 4,
    });
    let before = bridge.counters();
    let earlier: u64 = drops(bridge.handle).iter().map(|entry| entry.count).sum();
    for _ in 0..10 {
        // SAFETY: NULL context and error.
        let status = unsafe { test_op(null(), FAIL, null_mut()) };
        assert_eq!(status, Status::LIBRARY_ERROR);
    }
    let grown = delta(&bridge.counters(), &before);
    assert_eq!(grown.errors_dropped, 6, "4 fit, 6 dropped");
    let entries = drops(bridge.handle);
    let total: u64 = entries.iter().map(|entry| entry.count).sum();
    assert_eq!(total - earlier, 6);
    assert_eq!(
        total,
        bridge.counters().errors_dropped,
        "by operation adds up to the total"
    );
    assert!(entries.iter().all(|entry| entry.reserved == 0));
    assert!(entries
        .windows(2)
        .all(|pair| pair[0].callsite < pair[1].callsite));
    bridge.drain_errors();
    bridge.drain_spans();
}

#[test]
fn bad_arguments_get_a_status() {
    let bridge = open(BridgeConfig::default());
    let mut count = 0;
    // SAFETY: deliberately NULL pointers.
    unsafe {
        assert_eq!(
            obsb_bridge_error_drops(bridge.handle, null_mut(), 1, &mut count),
            Status::NULL_ARGUMENT
        );
        assert_eq!(
            obsb_bridge_error_drops(bridge.handle, null_mut(), 0, null_mut()),
            Status::NULL_ARGUMENT
        );
        assert_eq!(
            obsb_bridge_error_drops(BridgeHandle { value: 1 }, null_mut(), 0, &mut count),
            Status::INVALID_HANDLE
        );
    }
    let _ = null::<u8>();
}
