//! Library-allocated byte buffers (and UTF-8 strings): handed to the caller as
//! (`*out_bytes`, `*out_len`), released exactly once by the library's free function.

use crate::{out_ref, NativeError, OutRef};
use std::ptr;

/// The checked output pointers of a library-allocated buffer; see [`out_bytes`].
#[must_use = "the output is handed over by write or write_string"]
pub struct OutBytes<'a> {
    /// Where the buffer's address goes.
    out_ptr: OutRef<'a, *mut u8>,
    /// Where its length goes.
    out_len: OutRef<'a, usize>,
}

/// Checks the two output pointers of a library-allocated buffer: `*out_ptr` receives the address
/// and `*out_len` the length of bytes the caller then owns and releases with a function that calls
/// [`bytes_free`].
///
/// Check them before doing the work, and hand the buffer over last (nothing can fail after it), so
/// that a failed call allocates nothing.
///
/// # Errors
///
/// [`NativeError::null_argument`] if either pointer is NULL (`what` names the address pointer).
///
/// # Safety
///
/// Unless NULL, `out_ptr` and `out_len` must be valid for writes for `'a` and not be accessed
/// through any other pointer meanwhile.
pub unsafe fn out_bytes<'a>(
    out_ptr: *mut *mut u8,
    out_len: *mut usize,
    what: &str,
) -> Result<OutBytes<'a>, NativeError> {
    // SAFETY: the caller's contract covers both pointers.
    unsafe {
        Ok(OutBytes {
            out_ptr: out_ref(out_ptr, what)?,
            out_len: out_ref(out_len, "out_len")?,
        })
    }
}

impl OutBytes<'_> {
    /// Hands `bytes` to the caller: writes its address and length. An empty buffer is
    /// (NULL, 0) and allocates nothing.
    pub fn write(self, bytes: impl Into<Box<[u8]>>) {
        let bytes: Box<[u8]> = bytes.into();
        let len = bytes.len();
        let address = if len == 0 {
            ptr::null_mut()
        } else {
            Box::into_raw(bytes).cast::<u8>()
        };
        self.out_len.write(len);
        self.out_ptr.write(address);
    }

    /// [`OutBytes::write`] for a string: its UTF-8 bytes, not NUL-terminated.
    pub fn write_string(self, text: String) {
        self.write(text.into_bytes());
    }
}

/// Releases a buffer that [`OutBytes::write`] handed out. `(NULL, any length)` does nothing.
///
/// Export it as your library's free function (`mylib_bytes_free(uint8_t *bytes, size_t len)`);
/// it never fails and never panics, so it needs no boundary.
///
/// # Safety
///
/// `bytes` must be NULL, or exactly an address [`OutBytes::write`] handed out with exactly its
/// length, not released before; the buffer must not be used afterwards.
pub unsafe fn bytes_free(bytes: *mut u8, len: usize) {
    if bytes.is_null() {
        return;
    }
    // SAFETY: by the contract, (bytes, len) is a Box<[u8]> that OutBytes::write leaked with
    // Box::into_raw and that nobody has freed.
    drop(unsafe { Box::from_raw(ptr::slice_from_raw_parts_mut(bytes, len)) });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;

    /// Hands `value` out through [`out_bytes`] and copies it back, freeing it.
    fn round_trip(value: impl FnOnce(OutBytes<'_>)) -> (Vec<u8>, bool) {
        let (mut address, mut len) = (ptr::NonNull::<u8>::dangling().as_ptr(), usize::MAX);
        // SAFETY: both outputs are valid locals.
        let out = unsafe { out_bytes(&mut address, &mut len, "out_bytes") }.unwrap();
        value(out);
        let copy = if address.is_null() {
            Vec::new()
        } else {
            // SAFETY: a handed-out buffer of `len` bytes.
            unsafe { std::slice::from_raw_parts(address, len) }.to_vec()
        };
        let was_null = address.is_null();
        // SAFETY: exactly what write handed out, released once.
        unsafe { bytes_free(address, len) };
        (copy, was_null)
    }

    #[test]
    fn bytes_and_strings_round_trip() {
        assert_eq!(
            round_trip(|out| out.write(vec![1, 2, 3])),
            (vec![1, 2, 3], false)
        );
        assert_eq!(
            round_trip(|out| out.write(&b"slice"[..])),
            (b"slice".to_vec(), false)
        );
        let mut oversized = Vec::with_capacity(100);
        oversized.extend_from_slice(b"xy");
        assert_eq!(
            round_trip(|out| out.write(oversized)),
            (b"xy".to_vec(), false)
        );
        assert_eq!(
            round_trip(|out| out.write_string("grüß".to_string())),
            ("grüß".as_bytes().to_vec(), false)
        );
    }

    #[test]
    fn empty_output_is_null_and_zero() {
        assert_eq!(round_trip(|out| out.write(Vec::new())), (Vec::new(), true));
        assert_eq!(
            round_trip(|out| out.write_string(String::new())),
            (Vec::new(), true)
        );
    }

    #[test]
    fn null_outputs_are_refused_and_freeing_null_does_nothing() {
        let (mut address, mut len) = (ptr::null_mut::<u8>(), 0);
        // SAFETY: the checks fail before any pointer is written; bytes_free(NULL, n) is a no-op.
        unsafe {
            let error = out_bytes(ptr::null_mut(), &mut len, "out_bytes")
                .err()
                .unwrap();
            assert_eq!(error.status(), Status::NULL_ARGUMENT);
            assert_eq!(error.message(), "`out_bytes` is NULL");
            let error = out_bytes(&mut address, ptr::null_mut(), "out_bytes")
                .err()
                .unwrap();
            assert_eq!(error.message(), "`out_len` is NULL");
            bytes_free(ptr::null_mut(), 0);
            bytes_free(ptr::null_mut(), 42);
        }
    }
}
