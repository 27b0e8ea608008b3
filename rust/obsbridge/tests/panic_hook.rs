//! The panic hook chain: panics inside a boundary are captured silently; panics elsewhere still
//! reach the hook that was installed before the bridge opened.

mod common;

use common::{open, test_op, PANIC};
use obsbridge::abi::{BridgeConfig, ErrorInfo};
use obsbridge::Status;
use std::panic;
use std::ptr::null;
use std::sync::atomic::{AtomicUsize, Ordering};

static PREVIOUS_HOOK_CALLS: AtomicUsize = AtomicUsize::new(0);

#[test]
fn only_panics_outside_boundaries_reach_the_previous_hook() {
    // This file has a single test, so this hook is installed before any bridge opens.
    panic::set_hook(Box::new(|_| {
        PREVIOUS_HOOK_CALLS.fetch_add(1, Ordering::Relaxed);
    }));
    let bridge = open(BridgeConfig::default());

    let mut err = ErrorInfo::default();
    // SAFETY: NULL context; valid error.
    assert_eq!(unsafe { test_op(null(), PANIC, &mut err) }, Status::PANIC);
    assert_eq!(
        PREVIOUS_HOOK_CALLS.load(Ordering::Relaxed),
        0,
        "captured, not passed on"
    );
    assert!(
        err.message_str().contains("(panicked at "),
        "{}",
        err.message_str()
    );

    let outside = std::thread::spawn(|| panic!("outside any boundary")).join();
    assert!(outside.is_err());
    assert_eq!(PREVIOUS_HOOK_CALLS.load(Ordering::Relaxed), 1, "passed on");

    // Still chained after the bridge closes.
    drop(bridge);
    let outside_again = std::thread::spawn(|| panic!("still outside")).join();
    assert!(outside_again.is_err());
    assert_eq!(PREVIOUS_HOOK_CALLS.load(Ordering::Relaxed), 2);
}
