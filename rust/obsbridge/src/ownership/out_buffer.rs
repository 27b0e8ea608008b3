//! Caller-provided output buffers: (pointer, capacity, out-length), answered with
//! `BUFFER_TOO_SMALL` and the length needed when short.

use super::slices::out_slice;
use crate::{out_ref, NativeError, OutRef};
use std::mem::MaybeUninit;

/// A checked caller-provided byte buffer and its out-length; see [`out_buffer`].
///
/// Consumed by one of its writers, each of which sets the out-length: on success to the length
/// written, on `BUFFER_TOO_SMALL` to the length needed (the caller grows the buffer and calls
/// again).
#[must_use = "an output buffer is filled by write, write_str or write_with"]
pub struct OutBuffer<'a> {
    /// The caller's bytes, possibly uninitialised.
    buffer: &'a mut [MaybeUninit<u8>],
    /// Where the written (or needed) length goes.
    out_len: OutRef<'a, usize>,
    /// The buffer's argument name, for errors.
    what: &'a str,
}

/// Checks a caller-provided output buffer (`ptr`, `capacity`) and its out-length `out_len`.
///
/// `ptr` may be NULL with `capacity` 0: a caller's way to ask for the length needed first.
///
/// # Errors
///
/// [`NativeError::null_argument`] if `out_len` is NULL, or `ptr` is NULL with a nonzero capacity;
/// [`NativeError::invalid_argument`] if `capacity` exceeds `isize::MAX`.
///
/// # Safety
///
/// Unless NULL, `ptr` must be valid for writing `capacity` bytes (they need not be initialised)
/// and `out_len` for writing a `usize`, both for `'a` and accessed through no other pointer
/// meanwhile (in particular, the buffer must not overlap any input).
pub unsafe fn out_buffer<'a>(
    ptr: *mut u8,
    capacity: usize,
    out_len: *mut usize,
    what: &'a str,
) -> Result<OutBuffer<'a>, NativeError> {
    // SAFETY: the caller's contract covers both pointers.
    let (out_len, buffer) = unsafe {
        (
            out_ref(out_len, "out_len")?,
            out_slice(ptr, capacity, what)?,
        )
    };
    Ok(OutBuffer {
        buffer,
        out_len,
        what,
    })
}

impl OutBuffer<'_> {
    /// The buffer's capacity in bytes.
    pub fn capacity(&self) -> usize {
        self.buffer.len()
    }

    /// Copies `bytes` into the buffer and sets the out-length to `bytes.len()`.
    ///
    /// # Errors
    ///
    /// [`NativeError::buffer_too_small`] when `bytes` is longer than the capacity: the out-length
    /// is set to `bytes.len()` and the buffer is untouched.
    pub fn write(self, bytes: &[u8]) -> Result<usize, NativeError> {
        self.write_with(|buffer| {
            let Some(slots) = buffer.get_mut(..bytes.len()) else {
                return Err(bytes.len());
            };
            for (slot, &byte) in slots.iter_mut().zip(bytes) {
                slot.write(byte);
            }
            Ok(bytes.len())
        })
    }

    /// [`OutBuffer::write`] for a string: its UTF-8 bytes, not NUL-terminated.
    ///
    /// # Errors
    ///
    /// As [`OutBuffer::write`].
    pub fn write_str(self, text: &str) -> Result<usize, NativeError> {
        self.write(text.as_bytes())
    }

    /// Lets `fill` write into the buffer directly: it returns `Ok(written)` or, when the buffer is
    /// too small, `Err(needed)`. The out-length is set to whichever it returned.
    ///
    /// # Errors
    ///
    /// [`NativeError::buffer_too_small`] when `fill` returns `Err(needed)`; what it wrote before
    /// is left in the buffer, which the caller must not read after a failure.
    ///
    /// # Panics
    ///
    /// If `fill` claims to have written more than the capacity (a bug in `fill`; inside
    /// [`boundary`](crate::boundary) the panic becomes `OBSB_STATUS_PANIC`).
    pub fn write_with<F>(self, fill: F) -> Result<usize, NativeError>
    where
        F: FnOnce(&mut [MaybeUninit<u8>]) -> Result<usize, usize>,
    {
        let capacity = self.buffer.len();
        match fill(self.buffer) {
            Ok(written) => {
                assert!(
                    written <= capacity,
                    "`{}`: wrote {written} bytes into a buffer of {capacity}",
                    self.what
                );
                self.out_len.write(written);
                Ok(written)
            }
            Err(needed) => {
                self.out_len.write(needed);
                Err(NativeError::buffer_too_small(self.what, capacity, needed))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;
    use std::ptr;

    /// Runs `f` on an [`OutBuffer`] over a buffer of `capacity` bytes filled with 0xAA; returns
    /// the result, the buffer and the out-length (`usize::MAX` if unset).
    fn with_buffer(
        capacity: usize,
        f: impl FnOnce(OutBuffer<'_>) -> Result<usize, NativeError>,
    ) -> (Result<usize, NativeError>, Vec<u8>, usize) {
        let mut buffer = vec![0xAA; capacity];
        let mut len = usize::MAX;
        // SAFETY: the buffer and the length are valid, distinct and outlive the call.
        let out = unsafe { out_buffer(buffer.as_mut_ptr(), capacity, &mut len, "out") }.unwrap();
        let result = f(out);
        (result, buffer, len)
    }

    #[test]
    fn a_fitting_write_sets_the_length() {
        let (result, buffer, len) = with_buffer(5, |out| out.write(b"abc"));
        assert_eq!((result.unwrap(), len), (3, 3));
        assert_eq!(buffer, b"abc\xAA\xAA");
        let (result, buffer, len) = with_buffer(3, |out| out.write_str("hé"));
        assert_eq!((result.unwrap(), len), (3, 3));
        assert_eq!(buffer, "hé".as_bytes());
    }

    #[test]
    fn a_short_buffer_answers_buffer_too_small_with_the_length_needed() {
        let (result, buffer, len) = with_buffer(2, |out| out.write(b"abcd"));
        let error = result.unwrap_err();
        assert_eq!(error.status(), Status::BUFFER_TOO_SMALL);
        assert_eq!(error.code(), Status::BUFFER_TOO_SMALL.0);
        assert_eq!(error.message(), "`out` holds 2; the output needs 4");
        assert_eq!(len, 4);
        assert_eq!(buffer, b"\xAA\xAA", "nothing written");
    }

    #[test]
    fn null_with_capacity_zero_asks_for_the_length() {
        let mut len = 0;
        // SAFETY: NULL with capacity 0; `len` is valid.
        let out = unsafe { out_buffer(ptr::null_mut(), 0, &mut len, "out") }.unwrap();
        assert_eq!(out.capacity(), 0);
        assert_eq!(
            out.write(b"xyz").unwrap_err().status(),
            Status::BUFFER_TOO_SMALL
        );
        assert_eq!(len, 3);
        let (result, _, len) = with_buffer(0, |out| out.write(b""));
        assert_eq!((result.unwrap(), len), (0, 0));
    }

    #[test]
    fn null_pointers_are_refused() {
        let mut len = 0;
        let mut byte = 0u8;
        // SAFETY: the checks fail before any pointer is dereferenced.
        unsafe {
            let error = out_buffer(&mut byte, 1, ptr::null_mut(), "out")
                .err()
                .unwrap();
            assert_eq!(error.status(), Status::NULL_ARGUMENT);
            assert_eq!(error.message(), "`out_len` is NULL");
            let error = out_buffer(ptr::null_mut(), 4, &mut len, "out")
                .err()
                .unwrap();
            assert_eq!(error.status(), Status::NULL_ARGUMENT);
            assert_eq!(error.message(), "`out` is NULL");
        }
    }

    #[test]
    fn write_with_reports_what_fill_returned() {
        let (result, buffer, len) = with_buffer(4, |out| {
            out.write_with(|buffer| {
                buffer[0].write(b'z');
                Ok(1)
            })
        });
        assert_eq!((result.unwrap(), len, buffer[0]), (1, 1, b'z'));
        let (result, _, len) = with_buffer(4, |out| out.write_with(|_| Err(9)));
        assert_eq!(result.unwrap_err().status(), Status::BUFFER_TOO_SMALL);
        assert_eq!(len, 9);
    }

    #[test]
    #[should_panic(expected = "wrote 5 bytes into a buffer of 4")]
    fn write_with_refuses_a_length_past_the_capacity() {
        let _ = with_buffer(4, |out| out.write_with(|_| Ok(5)));
    }
}
