//! `OBSBRIDGE_CLOCK=monotonic` forces CLOCK_MONOTONIC: ticks are nanoseconds. (Its own process: the
//! source is chosen once, on the first clock read, which this file's only test controls.)

use obsbridge::abi::{ClockInfo, CLOCK_SOURCE_MONOTONIC};
use obsbridge::clock;
use obsbridge::ffi::{obsb_clock_info_get, obsb_clock_now};
use obsbridge::Status;

#[test]
fn the_environment_forces_clock_monotonic() {
    // Before any clock read in this process; no other thread reads the environment meanwhile.
    std::env::set_var("OBSBRIDGE_CLOCK", "monotonic");
    let ticks = obsb_clock_now();
    let monotonic = clock::monotonic_ns();
    assert!(
        monotonic >= ticks && monotonic - ticks < 50_000_000,
        "{ticks} vs {monotonic}"
    );
    let mut info = ClockInfo::default();
    // SAFETY: valid pointer.
    assert_eq!(unsafe { obsb_clock_info_get(&mut info) }, Status::OK);
    assert_eq!(info.source, CLOCK_SOURCE_MONOTONIC);
    assert_eq!(
        (info.ticks_per_second, info.ns_per_tick_q32),
        (1_000_000_000, 1 << 32)
    );
    assert_eq!(info.ticks_to_ns(ticks), ticks);
}
