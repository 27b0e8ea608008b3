//! Adler-32 (RFC 1950, zlib's stream checksum).
//!
//! ```
//! assert_eq!(checksumkit::adler32::checksum(b"Wikipedia"), 0x11E6_0398);
//! ```

/// The largest prime below 2^16.
const MODULUS: u32 = 65_521;
/// Bytes summed before a reduction is needed to keep `b` below 2^32 (zlib's NMAX).
const BLOCK: usize = 5_552;

/// The Adler-32 of `bytes`.
pub fn checksum(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for block in bytes.chunks(BLOCK) {
        for &byte in block {
            a += u32::from(byte);
            b += a;
        }
        a %= MODULUS;
        b %= MODULUS;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::checksum;

    #[test]
    fn known_values() {
        assert_eq!(checksum(b""), 1);
        assert_eq!(checksum(b"a"), 0x0062_0062);
        assert_eq!(checksum(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn long_input_matches_the_unblocked_definition() {
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 7 + 3) as u8 | 0x80).collect();
        let (mut a, mut b) = (1u64, 0u64);
        for &byte in &bytes {
            a = (a + u64::from(byte)) % 65_521;
            b = (b + a) % 65_521;
        }
        assert_eq!(checksum(&bytes), ((b << 16) | a) as u32);
    }
}
