//! HashKit's native library: SipHash-2-4 and hexadecimal decoding, exported to Swift through
//! [`obsbridge::boundary`] and declared by `include/hashkit.h`.
//!
//! The second instrumented library of the examples: the `hash-and-checksum` app links it together
//! with ChecksumKit's, each library with its own copy of the `obsbridge` crate, and every call of
//! both reaches the one collector (the copies find each other at run time).
//!
//! ```
//! use hashkit::hk_siphash24;
//! use obsbridge::Status;
//!
//! let key = [0u8; 16];
//! let mut hash = 0;
//! // SAFETY: valid key, input and output; NULL context and error are allowed.
//! let status = unsafe {
//!     hk_siphash24(std::ptr::null(), key.as_ptr(), b"abc".as_ptr(), 3, &mut hash, std::ptr::null_mut())
//! };
//! assert_eq!(status, Status::OK);
//! assert_eq!(hash, hashkit::siphash::siphash24(&key, b"abc"));
//! ```

#![deny(unsafe_op_in_unsafe_fn, missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

pub mod hex;
pub mod siphash;

use hex::HexError;
use obsbridge::abi::{ErrorInfo, TraceContext};
use obsbridge::{boundary, in_bytes, in_child_span, out_ref, Callsite, NativeError, Status};

/// The error domain of every HashKit failure (`HK_ERROR_DOMAIN`).
pub const DOMAIN: &str = "hashkit";

/// Codes within [`DOMAIN`] (`HK_ERROR_*` in the header). Permanent, like statuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum ErrorCode {
    /// Text that is not hexadecimal.
    Malformed = 1,
    /// The output buffer is too small; the size needed was written to `*out_len`.
    BufferTooSmall = 2,
}

/// `hk_siphash24`.
static SIPHASH24: Callsite = Callsite::new("hk.siphash24");
/// `hk_hex_decode`.
static HEX_DECODE: Callsite = Callsite::new("hk.hex_decode");
/// The digits' check inside `hk_hex_decode`.
static HEX_DIGITS: Callsite = Callsite::new("hk.hex_decode.digits");

/// SipHash-2-4 of `(bytes, len)` under the 16-byte `key`, into `*out`. See `hashkit.h`.
///
/// # Safety
///
/// `ctx` and `err` NULL or valid; `key` NULL or 16 readable bytes; `bytes` NULL or `len` readable
/// bytes; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn hk_siphash24(
    ctx: *const TraceContext,
    key: *const u8,
    bytes: *const u8,
    len: usize,
    out: *mut u64,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: the function's contract is the one boundary, in_bytes and out_ref require.
    unsafe {
        boundary(ctx, err, &SIPHASH24, || {
            let out = out_ref(out, "out")?;
            let key = in_bytes(key, 16, "key")?;
            let bytes = in_bytes(bytes, len, "bytes")?;
            let key: &[u8; 16] = key.try_into().expect("16 bytes");
            out.write(siphash::siphash24(key, bytes));
            Ok(())
        })
    }
}

/// Decodes hexadecimal `(text, text_len)` into `(out, out_capacity)`, setting `*out_len`. See
/// `hashkit.h`.
///
/// # Safety
///
/// `ctx` and `err` NULL or valid; `text` NULL or `text_len` readable bytes; `out` NULL or
/// `out_capacity` writable bytes; `out_len` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn hk_hex_decode(
    ctx: *const TraceContext,
    text: *const u8,
    text_len: usize,
    out: *mut u8,
    out_capacity: usize,
    out_len: *mut usize,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: the function's contract is the one boundary, in_bytes and out_ref require.
    unsafe {
        boundary(ctx, err, &HEX_DECODE, || {
            let out_len = out_ref(out_len, "out_len")?;
            let text = in_bytes(text, text_len, "text")?;
            let needed = text.len() / 2;
            if needed > out_capacity {
                out_len.write(needed);
                return Err(NativeError::new(
                    DOMAIN,
                    ErrorCode::BufferTooSmall as i32,
                    format!("the output needs {needed} bytes, the buffer holds {out_capacity}"),
                ));
            }
            if out.is_null() && needed > 0 {
                return Err(NativeError::null_argument("out"));
            }
            let written = in_child_span(&HEX_DIGITS, || {
                let buffer = if needed == 0 {
                    &mut [][..]
                } else {
                    // SAFETY: non-null, and the caller guarantees `out_capacity >= needed`
                    // writable bytes that nothing else uses during the call.
                    std::slice::from_raw_parts_mut(out, needed)
                };
                hex::decode_into(text, buffer).map_err(|error| {
                    let message = match error {
                        HexError::OddLength(len) => format!("{len} digits: an odd number"),
                        HexError::NotADigit(at) => format!("byte {at} is not a hexadecimal digit"),
                    };
                    NativeError::new(DOMAIN, ErrorCode::Malformed as i32, message)
                })
            })?;
            out_len.write(written);
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    #[test]
    fn decode_reports_the_size_needed_and_malformed_text() {
        let mut out = [0u8; 2];
        let mut len = 0;
        let mut err = ErrorInfo::default();
        // SAFETY: valid pointers throughout.
        unsafe {
            let status = hk_hex_decode(
                ptr::null(),
                b"a1b2c3".as_ptr(),
                6,
                out.as_mut_ptr(),
                2,
                &mut len,
                &mut err,
            );
            assert_eq!((status, len, err.code), (Status::LIBRARY_ERROR, 3, 2));
            let status = hk_hex_decode(
                ptr::null(),
                b"zz".as_ptr(),
                2,
                out.as_mut_ptr(),
                2,
                &mut len,
                &mut err,
            );
            assert_eq!((status, err.code), (Status::LIBRARY_ERROR, 1));
            assert_eq!(err.message_str(), "byte 0 is not a hexadecimal digit");
            let status = hk_hex_decode(
                ptr::null(),
                b"CAfe".as_ptr(),
                4,
                out.as_mut_ptr(),
                2,
                &mut len,
                &mut err,
            );
            assert_eq!((status, len, out), (Status::OK, 2, [0xCA, 0xFE]));
        }
    }
}
