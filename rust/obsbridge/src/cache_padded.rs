//! [`CachePadded`]: a value alone on its cache line, so that two threads writing neighbouring
//! values do not slow each other down (false sharing).
//!
//! 64 bytes is the line size of current x86_64 and most ARM cores; the ring keeps its producer's
//! and consumer's indices on separate lines with it.

use std::ops::Deref;

/// `T`, aligned (and therefore padded) to 64 bytes.
#[repr(align(64))]
#[derive(Debug, Default)]
pub(crate) struct CachePadded<T>(T);

impl<T> CachePadded<T> {
    /// Pads `value`.
    pub(crate) const fn new(value: T) -> Self {
        CachePadded(value)
    }
}

impl<T> Deref for CachePadded<T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::CachePadded;
    use std::mem::{align_of, size_of};

    #[test]
    fn occupies_whole_lines() {
        assert_eq!(align_of::<CachePadded<u8>>(), 64);
        assert_eq!(size_of::<CachePadded<u64>>(), 64);
        assert_eq!(size_of::<CachePadded<[u64; 9]>>(), 128);
    }
}
