//! ChecksumKit's native library: checksums (CRC-32, Adler-32, FNV-1a) and PackBits run-length
//! compression over byte buffers, exported to Swift through [`obsbridge::boundary`] and declared
//! by `include/checksumkit.h`.
//!
//! The algorithms are plain safe Rust in their modules ([`crc32`], [`adler32`], [`fnv`],
//! [`packbits`]); this file holds every `extern "C"` function, each body one boundary call with a
//! static [`Callsite`], so every call is a span, a panic becomes `OBSB_STATUS_PANIC`, and a failure
//! carries a domain ([`DOMAIN`]) and a code ([`ErrorCode`]) that Swift can match. Pointer arguments
//! go through obsbridge's ownership helpers ([`in_bytes`], [`in_slice`], [`in_str`], [`out_buffer`],
//! [`out_slice`], [`out_bytes`], [`bytes_free`]): this crate has no unsafe code of its own beyond
//! calling them. Because it depends on `obsbridge`, its static library also exports the whole
//! `obsb_*` ABI.
//!
//! ```
//! use checksumkit::ck_crc32;
//! use obsbridge::Status;
//!
//! let mut crc = 0;
//! // SAFETY: valid input and output; NULL context and error are allowed.
//! let status = unsafe { ck_crc32(std::ptr::null(), b"123456789".as_ptr(), 9, &mut crc, std::ptr::null_mut()) };
//! assert_eq!((status, crc), (Status::OK, 0xCBF4_3926));
//! ```

#![deny(unsafe_op_in_unsafe_fn, missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

pub mod adler32;
pub mod crc32;
pub mod fnv;
pub mod packbits;

use obsbridge::abi::{ErrorInfo, TraceContext};
use obsbridge::{
    boundary, bytes_free, child_span, in_bytes, in_slice, in_str, out_buffer, out_ref, out_slice,
    Callsite, NativeError, Status,
};

/// The error domain of every ChecksumKit failure (`CK_ERROR_DOMAIN`).
pub const DOMAIN: &str = "checksumkit";

/// Codes within [`DOMAIN`] (`CK_ERROR_*` in the header). Permanent, like statuses: code 1 was
/// `BufferTooSmall`, retired for obsbridge's own `Status::BUFFER_TOO_SMALL`, and stays unused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum ErrorCode {
    /// Compressed input is malformed (a packet runs past the end).
    Malformed = 2,
    /// The output would exceed [`MAX_OUTPUT`].
    TooLarge = 3,
    /// An algorithm name that ChecksumKit does not know.
    UnknownAlgorithm = 4,
}

/// The most bytes one call will allocate for its output (`CK_MAX_OUTPUT`, 1 GiB).
pub const MAX_OUTPUT: usize = 1 << 30;

/// `ck_crc32`.
static CRC32: Callsite = Callsite::new("ck.crc32");
/// `ck_adler32`.
static ADLER32: Callsite = Callsite::new("ck.adler32");
/// `ck_fnv1a64`.
static FNV1A64: Callsite = Callsite::new("ck.fnv1a64");
/// `ck_crc32_batch`.
static CRC32_BATCH: Callsite = Callsite::new("ck.crc32_batch");
/// `ck_digest_hex`.
static DIGEST_HEX: Callsite = Callsite::new("ck.digest_hex");
/// `ck_packbits_compress`.
static COMPRESS: Callsite = Callsite::new("ck.packbits_compress");
/// `ck_packbits_decompress`.
static DECOMPRESS: Callsite = Callsite::new("ck.packbits_decompress");
/// Child span of `ck_packbits_decompress`: validating and sizing the input.
static DECOMPRESS_MEASURE: Callsite = Callsite::new("ck.packbits_decompress.measure");
/// Child span of `ck_packbits_decompress`: decoding into the new buffer.
static DECOMPRESS_DECODE: Callsite = Callsite::new("ck.packbits_decompress.decode");

impl ErrorCode {
    /// A [`NativeError`] in [`DOMAIN`] with this code.
    fn error(self, message: impl Into<String>) -> NativeError {
        NativeError::new(DOMAIN, self as i32, message)
    }
}

/// Computes the CRC-32 (IEEE) of (`bytes`, `len`) into `*out_crc`.
///
/// # Safety
///
/// `ctx` NULL or valid for reads; `bytes` NULL (with `len` 0) or valid for reading `len` bytes;
/// `out_crc` NULL or valid for writes; `err` NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn ck_crc32(
    ctx: *const TraceContext,
    bytes: *const u8,
    len: usize,
    out_crc: *mut u32,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is the one boundary, in_bytes and out_ref require.
    unsafe {
        boundary(ctx, err, &CRC32, || {
            let out = out_ref(out_crc, "out_crc")?;
            out.write(crc32::checksum(in_bytes(bytes, len, "bytes")?));
            Ok(())
        })
    }
}

/// Computes the Adler-32 of (`bytes`, `len`) into `*out_adler`.
///
/// # Safety
///
/// As [`ck_crc32`].
#[no_mangle]
pub unsafe extern "C" fn ck_adler32(
    ctx: *const TraceContext,
    bytes: *const u8,
    len: usize,
    out_adler: *mut u32,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is the one boundary, in_bytes and out_ref require.
    unsafe {
        boundary(ctx, err, &ADLER32, || {
            let out = out_ref(out_adler, "out_adler")?;
            out.write(adler32::checksum(in_bytes(bytes, len, "bytes")?));
            Ok(())
        })
    }
}

/// Computes the 64-bit FNV-1a hash of (`bytes`, `len`) into `*out_hash`.
///
/// # Safety
///
/// As [`ck_crc32`].
#[no_mangle]
pub unsafe extern "C" fn ck_fnv1a64(
    ctx: *const TraceContext,
    bytes: *const u8,
    len: usize,
    out_hash: *mut u64,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is the one boundary, in_bytes and out_ref require.
    unsafe {
        boundary(ctx, err, &FNV1A64, || {
            let out = out_ref(out_hash, "out_hash")?;
            out.write(fnv::fnv1a64(in_bytes(bytes, len, "bytes")?));
            Ok(())
        })
    }
}

/// Computes the CRC-32 of each of `count` buffers packed back to back in (`data`, `data_len`),
/// buffer `i` being `lengths[i]` bytes long, into `out_crcs[0..count]`: one boundary crossing and
/// one span for the whole batch.
///
/// Errors: `INVALID_ARGUMENT` when the lengths do not add up to `data_len`; `BUFFER_TOO_SMALL`
/// when `out_capacity < count` (the length needed is `count`).
///
/// # Safety
///
/// `ctx` NULL or valid for reads; `data` NULL (with `data_len` 0) or valid for reading `data_len`
/// bytes; `lengths` NULL (with `count` 0) or valid for reading `count` aligned `size_t`s;
/// `out_crcs` NULL (with `out_capacity` 0) or valid for writing `out_capacity` aligned `u32`s;
/// `err` NULL or valid for writes. None of the ranges overlap.
#[no_mangle]
pub unsafe extern "C" fn ck_crc32_batch(
    ctx: *const TraceContext,
    data: *const u8,
    data_len: usize,
    lengths: *const usize,
    count: usize,
    out_crcs: *mut u32,
    out_capacity: usize,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is the one boundary, in_bytes, in_slice and out_slice need.
    unsafe {
        boundary(ctx, err, &CRC32_BATCH, || {
            let data = in_bytes(data, data_len, "data")?;
            let lengths = in_slice(lengths, count, "lengths")?;
            let out = out_slice(out_crcs, out_capacity, "out_crcs")?;
            let total = lengths
                .iter()
                .try_fold(0usize, |sum, &len| sum.checked_add(len));
            if total != Some(data.len()) {
                return Err(NativeError::invalid_argument(
                    "lengths",
                    format_args!(
                        "the {count} lengths do not add up to data_len {}",
                        data.len()
                    ),
                ));
            }
            if out.len() < count {
                return Err(NativeError::buffer_too_small("out_crcs", out.len(), count));
            }
            let mut rest = data;
            for (slot, &len) in out.iter_mut().zip(lengths) {
                let (item, tail) = rest.split_at(len);
                slot.write(crc32::checksum(item));
                rest = tail;
            }
            Ok(())
        })
    }
}

/// Writes the lowercase hexadecimal digest of (`bytes`, `len`) under the algorithm named by the
/// UTF-8 string (`algorithm`, `algorithm_len`) (`"crc32"`, `"adler32"` or `"fnv1a64"`) into the
/// caller's buffer (`out_text`, `capacity`), not NUL-terminated, and its length into `*out_len`.
///
/// Errors: `INVALID_UTF8` for a name that is not UTF-8; `LIBRARY_ERROR`
/// [`ErrorCode::UnknownAlgorithm`] (the message quotes the name); `BUFFER_TOO_SMALL`, with the
/// length needed written to `*out_len` and nothing to `out_text`.
///
/// # Safety
///
/// `ctx` NULL or valid for reads; `algorithm` and `bytes` NULL (with length 0) or valid for
/// reading their lengths; `out_text` NULL (with `capacity` 0) or valid for writing `capacity`
/// bytes; `out_len` NULL or valid for writes; `err` NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn ck_digest_hex(
    ctx: *const TraceContext,
    algorithm: *const u8,
    algorithm_len: usize,
    bytes: *const u8,
    len: usize,
    out_text: *mut u8,
    capacity: usize,
    out_len: *mut usize,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is the one boundary, in_str, in_bytes and out_buffer need.
    unsafe {
        boundary(ctx, err, &DIGEST_HEX, || {
            let out = out_buffer(out_text, capacity, out_len, "out_text")?;
            let name = in_str(algorithm, algorithm_len, "algorithm")?;
            let input = in_bytes(bytes, len, "bytes")?;
            let text = match name {
                "crc32" => format!("{:08x}", crc32::checksum(input)),
                "adler32" => format!("{:08x}", adler32::checksum(input)),
                "fnv1a64" => format!("{:016x}", fnv::fnv1a64(input)),
                _ => {
                    let shown: String = name.chars().take(64).collect();
                    return Err(ErrorCode::UnknownAlgorithm.error(format!(
                        "unknown algorithm {shown:?}; expected crc32, adler32 or fnv1a64"
                    )));
                }
            };
            out.write_str(&text)?;
            Ok(())
        })
    }
}

/// The largest compressed size of `len` input bytes, for sizing `ck_packbits_compress`'s output:
/// `len + ceil(len / 128)`, saturating. Pure and untraced; never fails.
#[no_mangle]
pub extern "C" fn ck_packbits_bound(len: usize) -> usize {
    packbits::bound(len)
}

/// Compresses (`bytes`, `len`) with PackBits into the caller's buffer (`out`, `capacity`) and
/// writes the compressed length to `*out_len`.
///
/// Errors: `BUFFER_TOO_SMALL` when `capacity` is short: the exact size needed is written to
/// `*out_len` and nothing to `out` (a buffer of [`ck_packbits_bound`] bytes never is).
///
/// # Safety
///
/// `ctx` NULL or valid for reads; `bytes` NULL (with `len` 0) or valid for reading `len` bytes;
/// `out` NULL (with `capacity` 0) or valid for writing `capacity` bytes, not overlapping `bytes`;
/// `out_len` NULL or valid for writes; `err` NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn ck_packbits_compress(
    ctx: *const TraceContext,
    bytes: *const u8,
    len: usize,
    out: *mut u8,
    capacity: usize,
    out_len: *mut usize,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is the one boundary, in_bytes and out_buffer require.
    unsafe {
        boundary(ctx, err, &COMPRESS, || {
            let out = out_buffer(out, capacity, out_len, "out")?;
            let input = in_bytes(bytes, len, "bytes")?;
            out.write_with(|buffer| packbits::compress_into_uninit(input, buffer))?;
            Ok(())
        })
    }
}

/// Decompresses PackBits data (`bytes`, `len`) into a buffer this library allocates: on success
/// `*out_bytes` points to `*out_len` bytes that the caller owns and must release with
/// [`ck_bytes_free`]`(*out_bytes, *out_len)`; an empty result is `(NULL, 0)`.
///
/// Errors: `LIBRARY_ERROR` [`ErrorCode::Malformed`] (the message gives the packet's offset),
/// [`ErrorCode::TooLarge`] above [`MAX_OUTPUT`]. On failure nothing is allocated or written.
///
/// # Safety
///
/// `ctx` NULL or valid for reads; `bytes` NULL (with `len` 0) or valid for reading `len` bytes;
/// `out_bytes` and `out_len` NULL or valid for writes; `err` NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn ck_packbits_decompress(
    ctx: *const TraceContext,
    bytes: *const u8,
    len: usize,
    out_bytes: *mut *mut u8,
    out_len: *mut usize,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract is the one boundary, in_bytes and out_bytes require.
    unsafe {
        boundary(ctx, err, &DECOMPRESS, || {
            let out = obsbridge::out_bytes(out_bytes, out_len, "out_bytes")?;
            let input = in_bytes(bytes, len, "bytes")?;
            let size = {
                let _measure = child_span(&DECOMPRESS_MEASURE);
                packbits::decompressed_len(input, MAX_OUTPUT).map_err(|error| match error {
                    packbits::DecodeError::Truncated { offset } => ErrorCode::Malformed.error(
                        format!("malformed PackBits data: the packet at byte {offset} of {len} runs past the end"),
                    ),
                    packbits::DecodeError::TooLarge { limit } => ErrorCode::TooLarge
                        .error(format!("decompressed data would exceed {limit} bytes")),
                })?
            };
            let mut buffer = Vec::with_capacity(size);
            {
                let _decode = child_span(&DECOMPRESS_DECODE);
                packbits::decode_checked(input, &mut buffer);
            }
            debug_assert_eq!(buffer.len(), size);
            out.write(buffer); // empty: (NULL, 0)
            Ok(())
        })
    }
}

/// Releases a buffer that [`ck_packbits_decompress`] returned. `(NULL, any length)` does nothing.
///
/// Not traced: it cannot fail, and cannot panic (dropping a byte buffer runs no user code).
///
/// # Safety
///
/// `bytes` must be NULL or exactly a pointer this library returned with exactly its length, not
/// freed before; the buffer must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn ck_bytes_free(bytes: *mut u8, len: usize) {
    // SAFETY: this function's contract is bytes_free's.
    unsafe { bytes_free(bytes, len) }
}
