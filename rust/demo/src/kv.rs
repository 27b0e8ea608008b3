//! The key-value operation: an in-memory table with fast hits, slow misses and failing keys.
//!
//! - Keys divisible by 10 miss the local table and "fetch from upstream": a busy wait of 20-50 µs
//!   (depending on the key) inside a child span `kv.fetch`.
//! - Keys divisible by 97 fail (domain "kv", code 404) with a message that, like many real upstream
//!   errors, carries a user's e-mail address and a bearer token. Both are fake, but the collector must
//!   sanitize them before writing anything.
//! - Every other key is a table lookup.

use obsbridge::{child_span, Callsite, NativeError};
use std::time::{Duration, Instant};

/// The upstream fetch of a miss.
static FETCH: Callsite = Callsite::new("kv.fetch");

/// Entries in the table.
const TABLE_SIZE: usize = 1024;

/// The error code of a failed lookup.
pub const LOOKUP_FAILED: i32 = 404;

/// The precomputed table: a mix of each index.
static TABLE: [u64; TABLE_SIZE] = build_table();

/// The value of `key`.
///
/// # Errors
///
/// Domain "kv", code [`LOOKUP_FAILED`], for keys divisible by 97.
pub fn get(key: u64) -> Result<u64, NativeError> {
    if key % 10 == 0 {
        let _span = child_span(&FETCH);
        spin(Duration::from_micros(20 + (key / 10) % 31));
    }
    if key % 97 == 0 {
        return Err(NativeError::new(
            "kv",
            LOOKUP_FAILED,
            format!(
                "kv lookup failed for key {key}: upstream said 401 for user alice@example.com with \
                 Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZUBleGFtc\
                 GxlLmNvbSIsImV4cCI6MTcwMDAwMDAwMH0.Zm9vYmFyLW5vdC1hLXJlYWwtc2lnbmF0dXJl"
            ),
        ));
    }
    Ok(TABLE[(key % TABLE_SIZE as u64) as usize] ^ key)
}

/// Busy-waits for `duration` (a stand-in for a network round trip that keeps the thread busy).
fn spin(duration: Duration) {
    let start = Instant::now();
    while start.elapsed() < duration {
        std::hint::spin_loop();
    }
}

/// The table's contents, computed at compile time.
const fn build_table() -> [u64; TABLE_SIZE] {
    let mut table = [0u64; TABLE_SIZE];
    let mut i = 0;
    while i < TABLE_SIZE {
        let mut z = (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        table[i] = z ^ (z >> 29);
        i += 1;
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_misses_and_failures() {
        assert_eq!(get(1).unwrap(), TABLE[1] ^ 1);
        assert_eq!(get(1025).unwrap(), TABLE[1] ^ 1025);
        let start = Instant::now();
        assert!(get(10).is_ok());
        assert!(start.elapsed() >= Duration::from_micros(20));
        let error = get(97).unwrap_err();
        assert_eq!((error.domain(), error.code()), ("kv", LOOKUP_FAILED));
        assert!(
            error.message().contains("Bearer eyJ"),
            "{}",
            error.message()
        );
        assert!(error.message().contains("alice@example.com"));
        assert!(get(970).is_err(), "divisible by both: slow, then fails");
    }
}
