//! CRC-32 (IEEE 802.3, the zlib/PNG/gzip polynomial), table-driven, one byte at a time.
//!
//! ```
//! assert_eq!(checksumkit::crc32::checksum(b"123456789"), 0xCBF4_3926);
//! ```

/// The reflected polynomial 0x04C11DB7.
const POLYNOMIAL: u32 = 0xEDB8_8320;

/// The 256-entry lookup table, computed at compile time.
static TABLE: [u32; 256] = make_table();

/// Builds the table for [`POLYNOMIAL`].
const fn make_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut index = 0;
    while index < 256 {
        let mut crc = index as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ POLYNOMIAL
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[index] = crc;
        index += 1;
    }
    table
}

/// Continues a CRC-32 over `bytes`: `update(update(0, a), b) == checksum(a ++ b)`.
pub fn update(crc: u32, bytes: &[u8]) -> u32 {
    let mut crc = !crc;
    for &byte in bytes {
        crc = TABLE[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// The CRC-32 of `bytes`.
pub fn checksum(bytes: &[u8]) -> u32 {
    update(0, bytes)
}

#[cfg(test)]
mod tests {
    use super::{checksum, update};

    #[test]
    fn known_values() {
        assert_eq!(checksum(b""), 0);
        assert_eq!(checksum(b"a"), 0xE8B7_BE43);
        assert_eq!(checksum(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            checksum(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn update_continues() {
        let text = b"The quick brown fox jumps over the lazy dog";
        for split in 0..text.len() {
            let (a, b) = text.split_at(split);
            assert_eq!(update(update(0, a), b), checksum(text));
        }
    }
}
