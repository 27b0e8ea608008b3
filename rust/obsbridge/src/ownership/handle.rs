//! Opaque handles: a Rust value boxed on the heap, known to C only as a pointer to an incomplete
//! struct (`typedef struct mylib_pattern mylib_pattern;`), created by `*_new` and released by
//! `*_free`.
//!
//! The checks catch NULL and a misaligned pointer; a forged or already-freed pointer cannot be
//! detected and is undefined behaviour, which is why each use is `unsafe`.

use crate::boundary::drop_payload;
use crate::NativeError;
use std::panic::{self, AssertUnwindSafe};

/// Moves `value` to the heap and returns the handle the caller will own: write it to the
/// create function's out-pointer (checked with [`out_ref`](crate::out_ref) before the work) and
/// release it with a function that calls [`handle_free`]. Never NULL.
pub fn handle_new<T: Send>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Borrows the value behind a handle, for a function that only reads it. Several threads may do
/// so at once, hence `T: Sync`.
///
/// # Errors
///
/// [`NativeError::null_argument`] if `handle` is NULL; [`NativeError::invalid_handle`] if it is
/// misaligned for `T` (it cannot have come from [`handle_new`]).
///
/// # Safety
///
/// Unless NULL or misaligned, `handle` must come from [`handle_new`]`::<T>` and not have been
/// released, and nobody may release it or borrow it mutably during `'a`.
pub unsafe fn handle_ref<'a, T: Sync>(handle: *const T, what: &str) -> Result<&'a T, NativeError> {
    check(handle, what)?;
    // SAFETY: non-null and aligned (checked); a live Box<T> by the caller's contract, shared only.
    Ok(unsafe { &*handle })
}

/// Borrows the value behind a handle mutably, for a function that changes it. The C contract must
/// say that calls on one handle are not concurrent.
///
/// # Errors
///
/// As [`handle_ref`].
///
/// # Safety
///
/// As [`handle_ref`], and no other reference to the value may exist during `'a` (the caller does
/// not use the handle from another thread meanwhile).
pub unsafe fn handle_mut<'a, T: Send>(
    handle: *mut T,
    what: &str,
) -> Result<&'a mut T, NativeError> {
    check(handle, what)?;
    // SAFETY: non-null and aligned (checked); a live, unshared Box<T> by the caller's contract.
    Ok(unsafe { &mut *handle })
}

/// Releases a handle from [`handle_new`], dropping its value. NULL does nothing, as `free(NULL)`
/// does. A panic in the value's `Drop` is caught and discarded (never unwinds into C).
///
/// Export it as your library's free function (`void mylib_pattern_free(mylib_pattern *)`); it
/// needs no boundary.
///
/// # Safety
///
/// Unless NULL, `handle` must come from [`handle_new`]`::<T>`, not have been released, and not be
/// in use by any other call; it must not be used afterwards.
pub unsafe fn handle_free<T: Send>(handle: *mut T) {
    if handle.is_null() {
        return;
    }
    // SAFETY: by the contract, a live Box<T> from handle_new that nobody else uses or frees.
    let value = unsafe { Box::from_raw(handle) };
    if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(move || drop(value))) {
        drop_payload(payload);
    }
}

/// NULL and alignment checks shared by [`handle_ref`] and [`handle_mut`].
fn check<T>(handle: *const T, what: &str) -> Result<(), NativeError> {
    if handle.is_null() {
        return Err(NativeError::null_argument(what));
    }
    if (handle as usize) % std::mem::align_of::<T>() != 0 {
        return Err(NativeError::invalid_handle(
            what,
            "misaligned: not a handle this library issued",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;
    use std::ptr;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// Counts its drops.
    struct Counted(Arc<AtomicUsize>, u64);

    impl Drop for Counted {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn create_use_and_free() {
        let drops = Arc::new(AtomicUsize::new(0));
        let handle = handle_new(Counted(drops.clone(), 7));
        assert!(!handle.is_null());
        // SAFETY: a live handle from handle_new, used from this thread only, freed once.
        unsafe {
            assert_eq!(handle_ref(handle, "h").unwrap().1, 7);
            handle_mut(handle, "h").unwrap().1 += 1;
            assert_eq!(handle_ref(handle, "h").unwrap().1, 8);
            assert_eq!(drops.load(Ordering::SeqCst), 0);
            handle_free(handle);
        }
        assert_eq!(drops.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn null_and_misaligned_handles_are_refused() {
        let word = 0u64;
        let misaligned = (&word as *const u64 as *const u8).wrapping_add(1) as *mut u64;
        // SAFETY: the checks fail before any pointer is dereferenced; freeing NULL is a no-op.
        unsafe {
            let error = handle_ref::<u64>(ptr::null(), "pattern").unwrap_err();
            assert_eq!(error.status(), Status::NULL_ARGUMENT);
            assert_eq!(error.message(), "`pattern` is NULL");
            assert_eq!(
                handle_mut::<u64>(ptr::null_mut(), "p")
                    .unwrap_err()
                    .status(),
                Status::NULL_ARGUMENT
            );
            let error = handle_ref(misaligned.cast_const(), "pattern").unwrap_err();
            assert_eq!(error.status(), Status::INVALID_HANDLE);
            assert_eq!(
                handle_mut(misaligned, "p").unwrap_err().status(),
                Status::INVALID_HANDLE
            );
            handle_free::<u64>(ptr::null_mut());
        }
    }

    /// Panics when dropped.
    struct Grenade;

    impl Drop for Grenade {
        fn drop(&mut self) {
            panic!("boom in drop");
        }
    }

    #[test]
    fn a_panicking_drop_does_not_unwind_out_of_free() {
        let handle = handle_new(Grenade);
        // SAFETY: a live handle, freed once.
        unsafe { handle_free(handle) };
    }
}
