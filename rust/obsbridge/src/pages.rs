//! Memory for span rings that is committed as it is used (and never as transparent huge pages).
//!
//! A ring's slots are written in order, so a thread that records one span touches one page. On Linux
//! the slots are an anonymous private mapping (`MAP_NORESERVE`): the kernel commits a page when it is
//! first written, and a thread that emits a handful of spans holds a few KiB however large its ring.
//! Elsewhere they come from the allocator, zeroed (calloc-style large allocations are lazily zeroed
//! pages on the common systems).

use std::ptr::NonNull;

/// A zero-filled, page-aligned region of `len` bytes, released on drop. Not `Clone`; the owner
/// decides who may touch which bytes.
pub(crate) struct Pages {
    /// Start of the region.
    start: NonNull<u8>,
    /// Its length in bytes (non-zero).
    len: usize,
}

// SAFETY: `Pages` is a plain owned allocation; which thread reads or writes which bytes is the
// owner's protocol (the ring's Release/Acquire on its indices), not this type's.
unsafe impl Send for Pages {}
// SAFETY: as above; `Pages` itself offers only the start pointer.
unsafe impl Sync for Pages {}

#[cfg(target_os = "linux")]
mod sys {
    use std::ffi::{c_int, c_long, c_void};

    pub(super) const PROT_READ: c_int = 0x1;
    pub(super) const PROT_WRITE: c_int = 0x2;
    pub(super) const MAP_PRIVATE: c_int = 0x02;
    pub(super) const MAP_ANONYMOUS: c_int = 0x20;
    pub(super) const MAP_NORESERVE: c_int = 0x4000;
    pub(super) const MADV_NOHUGEPAGE: c_int = 15;

    extern "C" {
        pub(super) fn mmap(
            addr: *mut c_void,
            len: usize,
            prot: c_int,
            flags: c_int,
            fd: c_int,
            offset: c_long,
        ) -> *mut c_void;
        pub(super) fn munmap(addr: *mut c_void, len: usize) -> c_int;
        pub(super) fn madvise(addr: *mut c_void, len: usize, advice: c_int) -> c_int;
    }
}

impl Pages {
    /// Reserves `len` bytes (at least 1) of zeroed memory; `None` when the system refuses.
    pub(crate) fn new(len: usize) -> Option<Pages> {
        let len = len.max(1);
        #[cfg(target_os = "linux")]
        {
            // SAFETY: an anonymous mapping with no address hint touches no existing memory; the
            // result is checked against MAP_FAILED (-1) and null below.
            let start = unsafe {
                sys::mmap(
                    std::ptr::null_mut(),
                    len,
                    sys::PROT_READ | sys::PROT_WRITE,
                    sys::MAP_PRIVATE | sys::MAP_ANONYMOUS | sys::MAP_NORESERVE,
                    -1,
                    0,
                )
            };
            if start as isize == -1 {
                return None;
            }
            // Where transparent huge pages are "always", a 2 MiB ring would otherwise be backed by
            // one huge page at its first write: ask for small pages, committed one at a time. A
            // refusal (an old kernel) only costs memory, so its result is ignored.
            // SAFETY: the range is exactly the mapping just created.
            unsafe { sys::madvise(start, len, sys::MADV_NOHUGEPAGE) };
            NonNull::new(start.cast()).map(|start| Pages { start, len })
        }
        #[cfg(not(target_os = "linux"))]
        {
            let layout = std::alloc::Layout::from_size_align(len, 4096).ok()?;
            // SAFETY: `layout` has a non-zero size.
            let start = unsafe { std::alloc::alloc_zeroed(layout) };
            NonNull::new(start).map(|start| Pages { start, len })
        }
    }

    /// The first byte; valid for `len` bytes until `self` is dropped.
    pub(crate) fn start(&self) -> NonNull<u8> {
        self.start
    }
}

impl Drop for Pages {
    fn drop(&mut self) {
        #[cfg(target_os = "linux")]
        // SAFETY: `start..start+len` is exactly the mapping `new` created, and nothing uses it any more
        // (the owner drops `Pages` last). A failed munmap would only leak address space.
        unsafe {
            sys::munmap(self.start.as_ptr().cast(), self.len);
        }
        #[cfg(not(target_os = "linux"))]
        // SAFETY: allocated in `new` with this layout.
        unsafe {
            std::alloc::dealloc(
                self.start.as_ptr(),
                std::alloc::Layout::from_size_align_unchecked(self.len, 4096),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_zeroed_and_writable() {
        let pages = Pages::new(3 * 4096 + 5).expect("mapping");
        let start = pages.start().as_ptr();
        // SAFETY: within the region.
        unsafe {
            assert_eq!(*start.add(3 * 4096 + 4), 0);
            *start.add(4096) = 7;
            assert_eq!(*start.add(4096), 7);
        }
    }
}
