//! Hexadecimal decoding: two digits (either case) per byte.
//!
//! ```
//! assert_eq!(hashkit::hex::decode(b"cafe01"), Ok(vec![0xCA, 0xFE, 0x01]));
//! assert!(hashkit::hex::decode(b"abc").is_err());
//! ```

/// Why text is not hexadecimal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HexError {
    /// An odd number of digits.
    OddLength(usize),
    /// A byte that is not a hexadecimal digit, at this offset.
    NotADigit(usize),
}

/// The value of one hexadecimal digit.
fn digit(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Decodes `text` into `out` (which must hold `text.len() / 2` bytes); returns the bytes written.
///
/// # Errors
///
/// [`HexError`] for an odd length or a non-digit.
pub fn decode_into(text: &[u8], out: &mut [u8]) -> Result<usize, HexError> {
    if text.len() % 2 != 0 {
        return Err(HexError::OddLength(text.len()));
    }
    for (index, pair) in text.chunks_exact(2).enumerate() {
        let high = digit(pair[0]).ok_or(HexError::NotADigit(2 * index))?;
        let low = digit(pair[1]).ok_or(HexError::NotADigit(2 * index + 1))?;
        out[index] = high << 4 | low;
    }
    Ok(text.len() / 2)
}

/// Decodes `text` into a new vector.
///
/// # Errors
///
/// As [`decode_into`].
pub fn decode(text: &[u8]) -> Result<Vec<u8>, HexError> {
    let mut out = vec![0; text.len() / 2];
    decode_into(text, &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_byte() {
        let text: String = (0..=255u8).map(|b| format!("{b:02X}")).collect();
        assert_eq!(decode(text.as_bytes()), Ok((0..=255).collect()));
        assert_eq!(decode(b""), Ok(vec![]));
    }

    #[test]
    fn reports_where_it_fails() {
        assert_eq!(decode(b"abc"), Err(HexError::OddLength(3)));
        assert_eq!(decode(b"a1g2"), Err(HexError::NotADigit(2)));
    }
}
