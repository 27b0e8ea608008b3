//! The span clock: monotonic, and its calibration converts ticks to CLOCK_MONOTONIC nanoseconds
//! within a few percent over ~20 ms (in practice far better).

use obsbridge::abi::{ClockInfo, CLOCK_SOURCE_MONOTONIC, CLOCK_SOURCE_TSC};
use obsbridge::clock;
use obsbridge::ffi::{obsb_clock_info_get, obsb_clock_now};
use obsbridge::Status;
use std::time::{Duration, Instant};

fn info() -> ClockInfo {
    let mut info = ClockInfo::default();
    // SAFETY: valid pointer.
    assert_eq!(unsafe { obsb_clock_info_get(&mut info) }, Status::OK);
    info
}

#[test]
fn readings_are_monotonic_on_every_thread() {
    let workers: Vec<_> = (0..4)
        .map(|_| {
            std::thread::spawn(|| {
                let mut last = obsb_clock_now();
                for _ in 0..20_000 {
                    let now = obsb_clock_now();
                    assert!(now >= last, "{now} < {last}");
                    last = now;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
}

#[test]
fn calibration_is_self_consistent() {
    let info = info();
    assert!(info.source == CLOCK_SOURCE_TSC || info.source == CLOCK_SOURCE_MONOTONIC);
    assert_eq!(info.source, clock::source());
    assert_eq!(info.reserved, 0);
    assert_eq!(info, self::info(), "calibrated once");
    // ticks/s x ns/tick = 1e9 ns/s.
    let product = info.ticks_per_second as f64 * info.ns_per_tick_q32 as f64 / 4_294_967_296.0;
    assert!((product - 1e9).abs() < 1e9 * 1e-3, "{product}");
    if info.source == CLOCK_SOURCE_MONOTONIC {
        assert_eq!(
            (info.ticks_per_second, info.ns_per_tick_q32),
            (1_000_000_000, 1 << 32)
        );
        assert_eq!(info.base_ticks, info.base_ns);
    } else {
        assert!(
            info.ticks_per_second > 100_000_000,
            "a TSC runs at 100 MHz or more"
        );
    }
}

#[test]
fn ticks_convert_to_monotonic_nanoseconds() {
    let info = info();
    let start_ticks = obsb_clock_now();
    let start = Instant::now();
    std::thread::sleep(Duration::from_millis(20));
    let end_ticks = obsb_clock_now();
    let elapsed = start.elapsed().as_nanos() as f64;
    let converted = info.duration_ns(start_ticks, end_ticks) as f64;
    let error = (converted - elapsed).abs() / elapsed;
    assert!(
        error < 0.03,
        "{converted} ns from ticks vs {elapsed} ns: {:.3}%",
        error * 100.0
    );

    // Absolute: ticks_to_ns lands on CLOCK_MONOTONIC.
    let ticks = obsb_clock_now();
    let monotonic = clock::monotonic_ns();
    let converted = info.ticks_to_ns(ticks);
    let since_base = monotonic.saturating_sub(info.base_ns) as f64;
    let tolerance = 1_000_000.0 + since_base * 1e-3;
    assert!(
        (converted as f64 - monotonic as f64).abs() < tolerance,
        "{converted} vs {monotonic} (tolerance {tolerance} ns)"
    );
}
