//! SipHash-2-4 (Aumasson and Bernstein): a keyed 64-bit hash, for hash tables fed by untrusted
//! keys and for short message authentication.
//!
//! ```
//! let key: [u8; 16] = core::array::from_fn(|i| i as u8);
//! assert_eq!(hashkit::siphash::siphash24(&key, b""), 0x726F_DB47_DD0E_0E31);
//! ```

/// One SipRound over the four state words.
fn round(v: &mut [u64; 4]) {
    v[0] = v[0].wrapping_add(v[1]);
    v[1] = v[1].rotate_left(13) ^ v[0];
    v[0] = v[0].rotate_left(32);
    v[2] = v[2].wrapping_add(v[3]);
    v[3] = v[3].rotate_left(16) ^ v[2];
    v[0] = v[0].wrapping_add(v[3]);
    v[3] = v[3].rotate_left(21) ^ v[0];
    v[2] = v[2].wrapping_add(v[1]);
    v[1] = v[1].rotate_left(17) ^ v[2];
    v[2] = v[2].rotate_left(32);
}

/// Absorbs one 64-bit message word with two rounds.
fn absorb(v: &mut [u64; 4], word: u64) {
    v[3] ^= word;
    round(v);
    round(v);
    v[0] ^= word;
}

/// SipHash-2-4 of `bytes` under `key`.
pub fn siphash24(key: &[u8; 16], bytes: &[u8]) -> u64 {
    let k0 = u64::from_le_bytes(key[..8].try_into().expect("8 bytes"));
    let k1 = u64::from_le_bytes(key[8..].try_into().expect("8 bytes"));
    let mut v = [
        k0 ^ 0x736F_6D65_7073_6575,
        k1 ^ 0x646F_7261_6E64_6F6D,
        k0 ^ 0x6C79_6765_6E65_7261,
        k1 ^ 0x7465_6462_7974_6573,
    ];
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        absorb(
            &mut v,
            u64::from_le_bytes(word.try_into().expect("8 bytes")),
        );
    }
    let mut last = (bytes.len() as u64) << 56;
    for (index, &byte) in words.remainder().iter().enumerate() {
        last |= u64::from(byte) << (8 * index);
    }
    absorb(&mut v, last);
    v[2] ^= 0xFF;
    for _ in 0..4 {
        round(&mut v);
    }
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

#[cfg(test)]
mod tests {
    use super::siphash24;

    /// The reference implementation's vectors: key 00..0f, message 00..(len - 1).
    #[test]
    fn reference_vectors() {
        let key: [u8; 16] = core::array::from_fn(|i| i as u8);
        let message: Vec<u8> = (0..64).collect();
        assert_eq!(siphash24(&key, &message[..0]), 0x726F_DB47_DD0E_0E31);
        assert_eq!(siphash24(&key, &message[..1]), 0x74F8_39C5_93DC_67FD);
        assert_eq!(siphash24(&key, &message[..15]), 0xA129_CA61_49BE_45E5);
    }
}
