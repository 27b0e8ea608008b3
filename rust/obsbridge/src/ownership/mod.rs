//! Checked conversions for the ownership patterns of a C boundary: what a traced function does
//! with each pointer argument before its body runs.
//!
//! | pattern | C shape | helper |
//! |---|---|---|
//! | input slice | `const T *p, size_t n` (NULL only with `n == 0`) | [`in_bytes`], [`in_slice`] |
//! | UTF-8 string in | `const uint8_t *s, size_t len` | [`in_str`] (`INVALID_UTF8`) |
//! | caller-provided output | `uint8_t *out, size_t capacity, size_t *out_len` | [`out_buffer`] (`BUFFER_TOO_SMALL`, length needed in `*out_len`) |
//! | caller-provided array | `T *out, size_t capacity` | [`out_slice`] |
//! | library-allocated bytes or string | `uint8_t **out_bytes, size_t *out_len` + a free function | [`out_bytes`], [`bytes_free`] |
//! | opaque handle | `mylib_thing *` from `*_new`, released by `*_free` | [`handle_new`], [`handle_ref`], [`handle_mut`], [`handle_free`] |
//!
//! Every checking helper returns a [`NativeError`](crate::NativeError) with one of the existing
//! statuses (`NULL_ARGUMENT`, `INVALID_ARGUMENT`, `INVALID_UTF8`, `INVALID_HANDLE`,
//! `BUFFER_TOO_SMALL`), so a `?` inside [`boundary`](crate::boundary) turns misuse into a status
//! and an `obsb_error` naming the argument. Each is `unsafe` for the one thing it cannot check: that
//! a non-NULL pointer really is valid for the length the caller gave.
//!
//! ```
//! use obsbridge::abi::{ErrorInfo, TraceContext};
//! use obsbridge::{boundary, in_str, out_buffer, Callsite, Status};
//!
//! static SHOUT: Callsite = Callsite::new("example.shout");
//!
//! /// Writes the upper-case form of the UTF-8 string (text, len) into (out, capacity, *out_len).
//! ///
//! /// # Safety
//! ///
//! /// Each pointer NULL or valid for its length; `out` does not overlap `text`.
//! pub unsafe extern "C" fn example_shout(
//!     ctx: *const TraceContext,
//!     text: *const u8,
//!     len: usize,
//!     out: *mut u8,
//!     capacity: usize,
//!     out_len: *mut usize,
//!     err: *mut ErrorInfo,
//! ) -> Status {
//!     // SAFETY: this function's contract is the one boundary, in_str and out_buffer require.
//!     unsafe {
//!         boundary(ctx, err, &SHOUT, || {
//!             let out = out_buffer(out, capacity, out_len, "out")?;
//!             let text = in_str(text, len, "text")?;
//!             out.write_str(&text.to_uppercase())?;
//!             Ok(())
//!         })
//!     }
//! }
//!
//! let (mut buffer, mut len) = ([0u8; 8], 0);
//! // SAFETY: valid pointers; NULL context and error are allowed.
//! let call = |text: &[u8], buffer: &mut [u8], len: &mut usize| unsafe {
//!     example_shout(std::ptr::null(), text.as_ptr(), text.len(), buffer.as_mut_ptr(),
//!                   buffer.len(), len, std::ptr::null_mut())
//! };
//! assert_eq!(call(b"hi", &mut buffer, &mut len), Status::OK);
//! assert_eq!(&buffer[..len], b"HI");
//! assert_eq!(call(b"much too long", &mut buffer, &mut len), Status::BUFFER_TOO_SMALL);
//! assert_eq!(len, 13); // the length needed: grow the buffer and call again
//! assert_eq!(call(b"\xFF", &mut buffer, &mut len), Status::INVALID_UTF8);
//! ```

mod handle;
mod lib_bytes;
mod out_buffer;
mod slices;
mod strings;

pub use handle::{handle_free, handle_mut, handle_new, handle_ref};
pub use lib_bytes::{bytes_free, out_bytes, OutBytes};
pub use out_buffer::{out_buffer, OutBuffer};
pub use slices::{in_bytes, in_slice, out_slice};
pub use strings::in_str;
