//! UTF-8 string arguments: (pointer, length) ranges, not NUL-terminated, checked for UTF-8.
//!
//! Strings go out through the byte helpers: [`OutBuffer::write_str`](crate::OutBuffer::write_str)
//! into a caller's buffer, [`OutBytes::write_string`](crate::OutBytes::write_string) as a
//! library-allocated buffer.

use super::slices::in_bytes;
use crate::NativeError;

/// Checks a UTF-8 string argument (pointer, length): NULL with length 0 is `""`.
///
/// # Errors
///
/// [`NativeError::null_argument`] if `ptr` is NULL and `len` is not 0;
/// [`NativeError::invalid_argument`] if `len` exceeds `isize::MAX`;
/// [`NativeError::invalid_utf8`] (`OBSB_STATUS_INVALID_UTF8`) if the bytes are not UTF-8.
///
/// # Safety
///
/// Unless NULL, `ptr` must be valid for reading `len` bytes for `'a`, and not be written
/// meanwhile.
pub unsafe fn in_str<'a>(ptr: *const u8, len: usize, what: &str) -> Result<&'a str, NativeError> {
    // SAFETY: the caller's contract is in_bytes's.
    let bytes = unsafe { in_bytes(ptr, len, what)? };
    std::str::from_utf8(bytes).map_err(|error| NativeError::invalid_utf8(what, error.valid_up_to()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;
    use std::ptr;

    #[test]
    fn checks_utf8() {
        let text = "naïve ✓";
        // SAFETY: valid ranges, and NULL only with length 0 or where the check fails first.
        unsafe {
            assert_eq!(in_str(text.as_ptr(), text.len(), "s").unwrap(), text);
            assert_eq!(in_str(ptr::null(), 0, "s").unwrap(), "");
            let bad = b"ab\xC3(";
            let error = in_str(bad.as_ptr(), bad.len(), "name").unwrap_err();
            assert_eq!(error.status(), Status::INVALID_UTF8);
            assert_eq!(
                error.message(),
                "`name` is not valid UTF-8 (the bytes from offset 2)"
            );
            // A character cut at the end of the range is invalid too.
            let cut = &text.as_bytes()[..3];
            assert_eq!(
                in_str(cut.as_ptr(), cut.len(), "s").unwrap_err().status(),
                Status::INVALID_UTF8
            );
            assert_eq!(
                in_str(ptr::null(), 1, "s").unwrap_err().status(),
                Status::NULL_ARGUMENT
            );
        }
    }
}
