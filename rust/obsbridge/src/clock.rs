//! The span clock: raw invariant-TSC ticks where the CPU has them, CLOCK_MONOTONIC otherwise.
//!
//! [`now`] is on every span's hot path, so it costs one relaxed atomic load (the chosen source) plus
//! the read itself (`rdtsc`, about 10 ns; or a vDSO `clock_gettime`, about 25 ns). Records carry raw
//! ticks; the collector converts them with [`info`], a calibration against CLOCK_MONOTONIC taken
//! once per process (lazily, spinning for about 10 ms; `obsb_bridge_open` takes it up front).
//!
//! The source is chosen on first use: the TSC when CPUID says it is invariant (leaf 0x8000_0007,
//! EDX bit 8) on x86_64, CLOCK_MONOTONIC otherwise, or always when the environment variable
//! `OBSBRIDGE_CLOCK=monotonic` is set. On targets without `clock_gettime` bindings here (neither
//! 64-bit Linux/Android nor Apple), "monotonic" falls back to [`std::time::Instant`] nanoseconds since
//! the clock's first use.
//!
//! ```
//! let info = obsbridge::clock::info();
//! let start = obsbridge::clock::now();
//! let end = obsbridge::clock::now();
//! assert!(end >= start);
//! assert!(info.duration_ns(start, end) < 1_000_000_000);
//! ```

use crate::abi::{ClockInfo, CLOCK_SOURCE_MONOTONIC, CLOCK_SOURCE_TSC};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

/// The source chosen by [`select_source`]: [`UNSELECTED`] until the first read, then [`TSC`] or
/// [`MONOTONIC`].
static SOURCE: AtomicU8 = AtomicU8::new(UNSELECTED);

/// [`SOURCE`] before the first read.
const UNSELECTED: u8 = 0;
/// [`SOURCE`] when the TSC is in use ([`CLOCK_SOURCE_TSC`], a small positive constant).
const TSC: u8 = CLOCK_SOURCE_TSC as u8;
/// [`SOURCE`] when CLOCK_MONOTONIC is in use ([`CLOCK_SOURCE_MONOTONIC`]).
const MONOTONIC: u8 = CLOCK_SOURCE_MONOTONIC as u8;

/// The calibration, taken once per process.
static CALIBRATION: OnceLock<ClockInfo> = OnceLock::new();

/// How long the TSC calibration spins against CLOCK_MONOTONIC.
const CALIBRATION_NS: u64 = 10_000_000;

/// Reads the clock in use, in ticks (TSC ticks, or nanoseconds for CLOCK_MONOTONIC).
///
/// Any thread; never fails, never panics, never blocks.
#[inline(always)]
pub fn now() -> u64 {
    match SOURCE.load(Ordering::Relaxed) {
        TSC => read_tsc(),
        MONOTONIC => monotonic_ns(),
        _ => now_first(),
    }
}

/// The clock source in use: [`CLOCK_SOURCE_TSC`] or [`CLOCK_SOURCE_MONOTONIC`].
pub fn source() -> i32 {
    match SOURCE.load(Ordering::Relaxed) {
        UNSELECTED => i32::from(select_source()),
        chosen => i32::from(chosen),
    }
}

/// Reads `source` from now on: a copy of this crate that records into another copy's recorder
/// reads that recorder's clock, so every record's ticks mean the same. Unknown values are ignored.
pub(crate) fn adopt(source: i32) {
    if source == i32::from(TSC) || source == i32::from(MONOTONIC) {
        SOURCE.store(source as u8, Ordering::Relaxed);
    }
}

/// The clock in use and its calibration against CLOCK_MONOTONIC.
///
/// The first call in the process calibrates (about 10 ms when the source is the TSC); later calls
/// return the same value.
pub fn info() -> ClockInfo {
    *CALIBRATION.get_or_init(calibrate)
}

/// Reads CLOCK_MONOTONIC, in nanoseconds.
///
/// This is what the benchmarks time themselves with and what [`ClockInfo::base_ns`] refers to.
#[inline]
pub fn monotonic_ns() -> u64 {
    sys::monotonic_ns()
}

/// The first read in the process: choose the source, then read it.
#[cold]
#[inline(never)]
fn now_first() -> u64 {
    if select_source() == TSC {
        read_tsc()
    } else {
        monotonic_ns()
    }
}

/// Chooses the source once; every thread that races here computes the same answer, and the first
/// store wins if the environment changed in between.
fn select_source() -> u8 {
    let forced = std::env::var_os("OBSBRIDGE_CLOCK").is_some_and(|v| v == "monotonic");
    let chosen = if !forced && tsc_is_invariant() {
        TSC
    } else {
        MONOTONIC
    };
    match SOURCE.compare_exchange(UNSELECTED, chosen, Ordering::Relaxed, Ordering::Relaxed) {
        Ok(_) => chosen,
        Err(already) => already,
    }
}

/// Measures the chosen source against CLOCK_MONOTONIC.
fn calibrate() -> ClockInfo {
    if source() != CLOCK_SOURCE_TSC {
        let now = monotonic_ns();
        return ClockInfo {
            source: CLOCK_SOURCE_MONOTONIC,
            reserved: 0,
            ticks_per_second: 1_000_000_000,
            ns_per_tick_q32: 1 << 32,
            base_ticks: now,
            base_ns: now,
        };
    }
    let (ticks0, ns0) = paired_reading();
    while monotonic_ns().saturating_sub(ns0) < CALIBRATION_NS {
        std::hint::spin_loop();
    }
    let (ticks1, ns1) = paired_reading();
    let ticks = ticks1.saturating_sub(ticks0).max(1);
    let ns = ns1.saturating_sub(ns0).max(1);
    ClockInfo {
        source: CLOCK_SOURCE_TSC,
        reserved: 0,
        ticks_per_second: saturate(u128::from(ticks) * 1_000_000_000 / u128::from(ns)),
        ns_per_tick_q32: saturate((u128::from(ns) << 32) / u128::from(ticks)),
        base_ticks: ticks1,
        base_ns: ns1,
    }
}

/// A TSC reading and the CLOCK_MONOTONIC time it was taken at: of a few tries, the one that two
/// CLOCK_MONOTONIC reads bracket most tightly (so a preemption does not skew the calibration).
fn paired_reading() -> (u64, u64) {
    let mut best = (0, 0, u64::MAX);
    for _ in 0..8 {
        let before = monotonic_ns();
        let ticks = read_tsc();
        let after = monotonic_ns();
        let gap = after.saturating_sub(before);
        if gap < best.2 {
            best = (ticks, before + gap / 2, gap);
        }
    }
    (best.0, best.1)
}

/// A `u128` clamped into `u64`.
fn saturate(value: u128) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

/// Whether CPUID reports an invariant TSC (constant rate, runs in every C-state).
#[cfg(target_arch = "x86_64")]
// `__cpuid` is a safe function in recent Rust and an unsafe one in older releases.
#[allow(unused_unsafe)]
fn tsc_is_invariant() -> bool {
    use core::arch::x86_64::__cpuid;
    // SAFETY: CPUID exists on every x86_64 CPU, and leaf 0x8000_0000 (the highest extended leaf) is
    // always valid; leaf 0x8000_0007 is only queried when that maximum says it exists.
    unsafe {
        let max_extended = __cpuid(0x8000_0000).eax;
        max_extended >= 0x8000_0007 && (__cpuid(0x8000_0007).edx >> 8) & 1 == 1
    }
}

/// Other architectures have no TSC here.
#[cfg(not(target_arch = "x86_64"))]
fn tsc_is_invariant() -> bool {
    false
}

/// Reads the time-stamp counter.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn read_tsc() -> u64 {
    // SAFETY: RDTSC is available on every x86_64 CPU and has no memory effects.
    unsafe { core::arch::x86_64::_rdtsc() }
}

/// Never called: the source is never the TSC on other architectures.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn read_tsc() -> u64 {
    monotonic_ns()
}

impl ClockInfo {
    /// Converts a tick reading into CLOCK_MONOTONIC nanoseconds:
    /// `base_ns + ((ticks - base_ticks) * ns_per_tick_q32) >> 32` (readings before `base_ticks`
    /// convert the same way, backwards).
    pub fn ticks_to_ns(&self, ticks: u64) -> u64 {
        if ticks >= self.base_ticks {
            self.base_ns
                .saturating_add(self.duration_ns(self.base_ticks, ticks))
        } else {
            self.base_ns
                .saturating_sub(self.duration_ns(ticks, self.base_ticks))
        }
    }

    /// Nanoseconds between two tick readings: `(end - start) * ns_per_tick_q32 >> 32`
    /// (0 if `end < start`).
    pub fn duration_ns(&self, start: u64, end: u64) -> u64 {
        let ticks = u128::from(end.saturating_sub(start));
        saturate((ticks * u128::from(self.ns_per_tick_q32)) >> 32)
    }
}

/// CLOCK_MONOTONIC through `clock_gettime`, declared here because the crate uses std only.
#[cfg(any(
    all(
        any(target_os = "linux", target_os = "android"),
        target_pointer_width = "64"
    ),
    target_vendor = "apple"
))]
mod sys {
    use std::os::raw::{c_int, c_long};

    /// `struct timespec` where `time_t` is a C `long` (64-bit Linux/Android, Apple).
    #[repr(C)]
    struct Timespec {
        tv_sec: c_long,
        tv_nsec: c_long,
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    const CLOCK_MONOTONIC: c_int = 1;
    #[cfg(target_vendor = "apple")]
    const CLOCK_MONOTONIC: c_int = 6;

    extern "C" {
        fn clock_gettime(clock_id: c_int, tp: *mut Timespec) -> c_int;
    }

    /// CLOCK_MONOTONIC in nanoseconds.
    #[inline]
    pub(super) fn monotonic_ns() -> u64 {
        let mut ts = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec and CLOCK_MONOTONIC is a valid clock id, so
        // clock_gettime only writes `ts` (it cannot fail with these arguments).
        unsafe { clock_gettime(CLOCK_MONOTONIC, &mut ts) };
        // Both fields are non-negative for CLOCK_MONOTONIC.
        (ts.tv_sec as u64)
            .wrapping_mul(1_000_000_000)
            .wrapping_add(ts.tv_nsec as u64)
    }
}

/// Fallback: nanoseconds of [`std::time::Instant`] since the clock's first use.
#[cfg(not(any(
    all(
        any(target_os = "linux", target_os = "android"),
        target_pointer_width = "64"
    ),
    target_vendor = "apple"
)))]
mod sys {
    use std::sync::OnceLock;
    use std::time::Instant;

    static ORIGIN: OnceLock<Instant> = OnceLock::new();

    /// Monotonic nanoseconds since the first call.
    #[inline]
    pub(super) fn monotonic_ns() -> u64 {
        let origin = *ORIGIN.get_or_init(Instant::now);
        u64::try_from(origin.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_never_go_backwards() {
        let mut last = now();
        for _ in 0..10_000 {
            let next = now();
            assert!(next >= last, "{next} < {last}");
            last = next;
        }
    }

    #[test]
    fn conversion_is_the_documented_formula() {
        let info = ClockInfo {
            source: CLOCK_SOURCE_TSC,
            reserved: 0,
            ticks_per_second: 2_000_000_000,
            ns_per_tick_q32: 1 << 31, // half a nanosecond per tick
            base_ticks: 1_000,
            base_ns: 5_000,
        };
        assert_eq!(info.duration_ns(0, 2_000), 1_000);
        assert_eq!(info.duration_ns(10, 5), 0);
        assert_eq!(info.ticks_to_ns(3_000), 6_000);
        assert_eq!(info.ticks_to_ns(0), 4_500);
    }
}
