//! Input slices and caller-provided output arrays: (pointer, count) pairs checked for NULL,
//! alignment and size.

use crate::NativeError;
use std::mem::MaybeUninit;

/// Checks an input byte range (pointer, length): NULL with length 0 is the empty slice.
///
/// # Errors
///
/// [`NativeError::null_argument`]`(what)` if `ptr` is NULL and `len` is not 0;
/// [`NativeError::invalid_argument`] if `len` exceeds `isize::MAX`.
///
/// # Safety
///
/// Unless NULL, `ptr` must be valid for reading `len` bytes for `'a`, and not be written
/// meanwhile.
pub unsafe fn in_bytes<'a>(
    ptr: *const u8,
    len: usize,
    what: &str,
) -> Result<&'a [u8], NativeError> {
    // SAFETY: the caller's contract is in_slice's, for bytes.
    unsafe { in_slice(ptr, len, what) }
}

/// Checks an input array (pointer, count) of `T`: NULL with count 0 is the empty slice.
///
/// # Errors
///
/// [`NativeError::null_argument`]`(what)` if `ptr` is NULL and `count` is not 0;
/// [`NativeError::invalid_argument`] if `ptr` is not aligned for `T` or `count` values of `T`
/// exceed `isize::MAX` bytes.
///
/// # Safety
///
/// Unless NULL, `ptr` must be valid for reading `count` initialised values of `T` for `'a`, and
/// not be written meanwhile.
pub unsafe fn in_slice<'a, T>(
    ptr: *const T,
    count: usize,
    what: &str,
) -> Result<&'a [T], NativeError> {
    if ptr.is_null() {
        return if count == 0 {
            Ok(&[])
        } else {
            Err(NativeError::null_argument(what))
        };
    }
    check_array::<T>(ptr as usize, count, what)?;
    // SAFETY: non-null, aligned and of a size that fits isize (checked); the caller guarantees
    // `count` readable values that nobody writes for 'a.
    Ok(unsafe { std::slice::from_raw_parts(ptr, count) })
}

/// Checks a caller-provided output array (pointer, capacity) of `T`, whose contents may be
/// uninitialised: NULL with capacity 0 is the empty slice.
///
/// Write each element with `MaybeUninit::write`; say in the C declaration how many the caller may
/// read afterwards. For bytes with an out-length and `BUFFER_TOO_SMALL`, use
/// [`out_buffer`](crate::out_buffer).
///
/// # Errors
///
/// As [`in_slice`].
///
/// # Safety
///
/// Unless NULL, `ptr` must be valid for writing `capacity` values of `T` for `'a` and not be
/// accessed through any other pointer meanwhile.
pub unsafe fn out_slice<'a, T>(
    ptr: *mut T,
    capacity: usize,
    what: &str,
) -> Result<&'a mut [MaybeUninit<T>], NativeError> {
    if ptr.is_null() {
        return if capacity == 0 {
            Ok(&mut [])
        } else {
            Err(NativeError::null_argument(what))
        };
    }
    check_array::<T>(ptr as usize, capacity, what)?;
    // SAFETY: non-null, aligned and of a size that fits isize (checked); the caller guarantees
    // `capacity` writable values, exclusively ours for 'a; MaybeUninit makes no claim that they
    // are initialised.
    Ok(unsafe { std::slice::from_raw_parts_mut(ptr.cast::<MaybeUninit<T>>(), capacity) })
}

/// Alignment and total size of an array of `count` values of `T` at `address`.
fn check_array<T>(address: usize, count: usize, what: &str) -> Result<(), NativeError> {
    if address % std::mem::align_of::<T>() != 0 {
        return Err(NativeError::invalid_argument(what, "misaligned pointer"));
    }
    match count.checked_mul(std::mem::size_of::<T>()) {
        Some(bytes) if bytes <= isize::MAX as usize => Ok(()),
        _ => Err(NativeError::invalid_argument(
            what,
            format_args!("length {count} is too large"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;
    use std::ptr;

    #[test]
    fn null_is_empty_only_with_length_zero() {
        // SAFETY: NULL pointers are never dereferenced.
        unsafe {
            assert_eq!(in_bytes(ptr::null(), 0, "b").unwrap(), &[] as &[u8]);
            assert_eq!(in_slice::<u64>(ptr::null(), 0, "s").unwrap(), &[] as &[u64]);
            assert!(out_slice::<u32>(ptr::null_mut(), 0, "o")
                .unwrap()
                .is_empty());
            let error = in_bytes(ptr::null(), 1, "bytes").unwrap_err();
            assert_eq!(error.status(), Status::NULL_ARGUMENT);
            assert_eq!(error.message(), "`bytes` is NULL");
            assert_eq!(
                in_slice::<u64>(ptr::null(), 3, "s").unwrap_err().status(),
                Status::NULL_ARGUMENT
            );
            assert_eq!(
                out_slice::<u32>(ptr::null_mut(), 2, "o")
                    .unwrap_err()
                    .status(),
                Status::NULL_ARGUMENT
            );
        }
    }

    #[test]
    fn reads_and_writes_the_callers_memory() {
        let input = [1u32, 2, 3];
        let mut output = [0u32; 4];
        // SAFETY: both arrays are valid for their lengths and do not overlap.
        unsafe {
            let values = in_slice(input.as_ptr(), input.len(), "in").unwrap();
            let out = out_slice(output.as_mut_ptr(), output.len(), "out").unwrap();
            for (slot, value) in out.iter_mut().zip(values) {
                slot.write(value * 10);
            }
        }
        assert_eq!(output, [10, 20, 30, 0]);
    }

    #[test]
    fn misaligned_and_oversized_arrays_are_refused() {
        let words = [0u64; 2];
        let misaligned = (words.as_ptr() as *const u8).wrapping_add(1) as *const u64;
        // SAFETY: the checks fail before any pointer is dereferenced.
        unsafe {
            let error = in_slice(misaligned, 1, "words").unwrap_err();
            assert_eq!(error.status(), Status::INVALID_ARGUMENT);
            assert_eq!(error.message(), "`words`: misaligned pointer");
            let too_many = usize::MAX / 4;
            assert_eq!(
                in_slice(words.as_ptr(), too_many, "words")
                    .unwrap_err()
                    .status(),
                Status::INVALID_ARGUMENT
            );
            assert_eq!(
                in_bytes(words.as_ptr().cast(), usize::MAX, "bytes")
                    .unwrap_err()
                    .status(),
                Status::INVALID_ARGUMENT
            );
        }
    }
}
