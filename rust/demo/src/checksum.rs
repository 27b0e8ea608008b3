//! The checksum operation: 64-bit FNV-1a, with a deliberate panic for poisoned input.

/// FNV-1a's offset basis.
const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's prime.
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// The 64-bit FNV-1a checksum of `bytes`.
///
/// # Panics
///
/// When the first byte is 0xFF: the demo's way to show a caught panic.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    if bytes.first() == Some(&0xFF) {
        panic!("checksum: refusing poisoned input at byte 0");
    }
    bytes.iter().fold(OFFSET_BASIS, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::fnv1a;

    #[test]
    fn known_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    #[should_panic(expected = "poisoned input")]
    fn poisoned_input_panics() {
        fnv1a(&[0xFF, 1, 2]);
    }
}
