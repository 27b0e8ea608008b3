//! The demo native library: a small workload of realistic operations, each exported through the
//! `obsbridge` boundary helper, declared by `include/obsbridge_demo.h`.
//!
//! Each traced function's body is one [`obsbridge::boundary`] call with a static [`Callsite`]; the
//! work itself lives in the modules ([`image`], [`json`], [`kv`], [`checksum`]) as safe Rust. As a
//! static library this crate also exports the whole `obsb_*` ABI, because it depends on
//! `obsbridge`, whose `#[no_mangle]` functions every dependent static library re-exports.
//!
//! ```
//! use obsbridge::Status;
//! use obsbridge_demo::demo_kv_get;
//!
//! let mut value = 0;
//! // SAFETY: valid output pointer; NULL context and error are allowed.
//! let status = unsafe { demo_kv_get(std::ptr::null(), 7, &mut value, std::ptr::null_mut()) };
//! assert_eq!(status, Status::OK);
//! assert_eq!(value, obsbridge_demo::kv::get(7).unwrap());
//! ```

pub mod checksum;
pub mod image;
pub mod json;
pub mod kv;

use obsbridge::abi::{ErrorInfo, TraceContext};
use obsbridge::{bench, boundary, in_bytes, out_ref, Callsite, Status};

/// `demo_image_resize`.
static IMAGE_RESIZE: Callsite = Callsite::new("demo.image_resize");
/// `demo_json_parse`.
static JSON_PARSE: Callsite = Callsite::new("demo.json_parse");
/// `demo_kv_get`.
static KV_GET: Callsite = Callsite::new("demo.kv_get");
/// `demo_checksum`.
static CHECKSUM: Callsite = Callsite::new("demo.checksum");
/// `demo_noop_traced`.
static NOOP: Callsite = Callsite::new("demo.noop");
/// `demo_fail_with`.
static FAIL_WITH: Callsite = Callsite::new("demo.fail_with");
/// `demo_fail_sensitive`.
static FAIL_SENSITIVE: Callsite = Callsite::new("demo.fail_sensitive");
/// `demo_bench_native_spans_ns`.
static BENCH_NATIVE_SPANS: Callsite = Callsite::new("demo.bench_native_spans");

/// Resizes a synthetic `width` x `height` RGBA image (child spans image.decode, image.scale,
/// image.encode) and writes the encoded output's byte count to `*out_bytes`.
///
/// Fails with domain "image", code 22 when a dimension is 0 or above 8192.
///
/// # Safety
///
/// `ctx` NULL or valid for reads; `out_bytes` NULL or valid for writes; `err` NULL or valid for
/// writes.
#[no_mangle]
pub unsafe extern "C" fn demo_image_resize(
    ctx: *const TraceContext,
    width: u32,
    height: u32,
    out_bytes: *mut u64,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is the one boundary and out_ref require.
    unsafe {
        boundary(ctx, err, &IMAGE_RESIZE, || {
            let out = out_ref(out_bytes, "out_bytes")?;
            out.write(image::resize(width, height)?);
            Ok(())
        })
    }
}

/// Parses the JSON document (`bytes`, `len`) and writes the number of values in it.
///
/// Fails with domain "json", code 1 on malformed input (the message quotes part of the input).
///
/// # Safety
///
/// `ctx` NULL or valid for reads; `bytes` NULL (with `len` 0) or valid for reading `len` bytes;
/// `out_values` NULL or valid for writes; `err` NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn demo_json_parse(
    ctx: *const TraceContext,
    bytes: *const u8,
    len: usize,
    out_values: *mut u64,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is the one boundary, in_bytes and out_ref require.
    unsafe {
        boundary(ctx, err, &JSON_PARSE, || {
            let out = out_ref(out_values, "out_values")?;
            let document = in_bytes(bytes, len, "bytes")?;
            out.write(json::count_values(document)?);
            Ok(())
        })
    }
}

/// Looks `key` up in an in-memory store and writes its value: mostly fast hits, slow misses for
/// keys divisible by 10.
///
/// Fails with domain "kv", code 404 for keys divisible by 97; the message carries a (fake)
/// credential, so the collector must sanitize it.
///
/// # Safety
///
/// `ctx` NULL or valid for reads; `out_value` NULL or valid for writes; `err` NULL or valid for
/// writes.
#[no_mangle]
pub unsafe extern "C" fn demo_kv_get(
    ctx: *const TraceContext,
    key: u64,
    out_value: *mut u64,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is the one boundary and out_ref require.
    unsafe {
        boundary(ctx, err, &KV_GET, || {
            let out = out_ref(out_value, "out_value")?;
            out.write(kv::get(key)?);
            Ok(())
        })
    }
}

/// Computes the 64-bit FNV-1a checksum of (`bytes`, `len`).
///
/// Panics (caught: status PANIC) when the first byte is 0xFF.
///
/// # Safety
///
/// `ctx` NULL or valid for reads; `bytes` NULL (with `len` 0) or valid for reading `len` bytes;
/// `out_checksum` NULL or valid for writes; `err` NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn demo_checksum(
    ctx: *const TraceContext,
    bytes: *const u8,
    len: usize,
    out_checksum: *mut u64,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is the one boundary, in_bytes and out_ref require.
    unsafe {
        boundary(ctx, err, &CHECKSUM, || {
            let out = out_ref(out_checksum, "out_checksum")?;
            let input = in_bytes(bytes, len, "bytes")?;
            out.write(checksum::fnv1a(input));
            Ok(())
        })
    }
}

/// Always fails (domain "demo", code 7) with exactly the bytes (`message`, `len`) as its message:
/// hostile-text tests use it to send control characters, escape sequences, invalid UTF-8 (which the
/// boundary turns into U+FFFD) and over-long text through the error channel.
///
/// # Safety
///
/// `ctx` NULL or valid for reads; `message` NULL (with `len` 0) or valid for reading `len` bytes;
/// `err` NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn demo_fail_with(
    ctx: *const TraceContext,
    message: *const u8,
    len: usize,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is the one boundary and in_bytes require.
    unsafe {
        boundary(ctx, err, &FAIL_WITH, || {
            let bytes = in_bytes(message, len, "message")?;
            Err(obsbridge::NativeError::from_utf8_lossy("demo", 7, bytes))
        })
    }
}

/// Like [`demo_fail_with`], but the message is marked sensitive (domain "demo", code 8): its text
/// never crosses the boundary.
///
/// # Safety
///
/// As [`demo_fail_with`].
#[no_mangle]
pub unsafe extern "C" fn demo_fail_sensitive(
    ctx: *const TraceContext,
    message: *const u8,
    len: usize,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is the one boundary and in_bytes require.
    unsafe {
        boundary(ctx, err, &FAIL_SENSITIVE, || {
            let bytes = in_bytes(message, len, "message")?;
            Err(obsbridge::NativeError::from_utf8_lossy("demo", 8, bytes).sensitive())
        })
    }
}

/// Does nothing inside the boundary: the cost of a traced call.
///
/// # Safety
///
/// `ctx` NULL or valid for reads; `err` NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn demo_noop_traced(ctx: *const TraceContext, err: *mut ErrorInfo) -> Status {
    // SAFETY: this function's contract is the one boundary requires.
    unsafe { boundary(ctx, err, &NOOP, || Ok(())) }
}

/// Does nothing and records nothing: the cost of a bare call. Returns [`Status::OK`].
#[no_mangle]
pub extern "C" fn demo_noop_bare(ctx: *const TraceContext) -> Status {
    std::hint::black_box(ctx);
    Status::OK
}

/// Benchmark floor: `iterations` rounds of two clock reads plus one 64-byte store; returns the
/// elapsed CLOCK_MONOTONIC nanoseconds.
#[no_mangle]
pub extern "C" fn demo_bench_floor_ns(iterations: u64) -> u64 {
    // Cannot panic: clock reads and stores into a local array.
    bench::floor_ns(iterations)
}

/// Benchmark: `iterations` native child spans inside one boundary; returns the elapsed
/// CLOCK_MONOTONIC nanoseconds (spans are recorded only while a bridge is open).
#[no_mangle]
pub extern "C" fn demo_bench_native_spans_ns(iterations: u64) -> u64 {
    let mut elapsed = 0;
    // SAFETY: NULL context and NULL error are allowed.
    let status = unsafe {
        boundary(
            std::ptr::null(),
            std::ptr::null_mut(),
            &BENCH_NATIVE_SPANS,
            || {
                elapsed = bench::native_spans_ns(iterations);
                Ok(())
            },
        )
    };
    debug_assert!(status.is_ok());
    elapsed
}
