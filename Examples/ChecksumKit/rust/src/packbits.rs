//! PackBits run-length compression (Apple's format, also TIFF compression 32773).
//!
//! A compressed stream is a sequence of packets, each a header byte `h` then its payload:
//! `h` in 0..=127 copies the next `h + 1` bytes literally; `h` in 129..=255 repeats the next byte
//! `257 - h` times (2 to 128); `h == 128` is a no-op. Compressed output never exceeds
//! [`bound`]`(len)` = `len + ceil(len / 128)`; decompressed output is at most 64 times the input.
//!
//! ```
//! use checksumkit::packbits;
//!
//! let input = b"aaaaaaaaaabcd";
//! let mut out = vec![0; packbits::bound(input.len())];
//! let written = packbits::compress_into(input, &mut out).unwrap();
//! assert_eq!(&out[..written], &[247, b'a', 2, b'b', b'c', b'd']);
//! assert_eq!(packbits::decompress(&out[..written], usize::MAX).unwrap(), input);
//! ```

use std::mem::MaybeUninit;

/// Longest literal or repeat packet, in bytes of payload.
const MAX_PACKET: usize = 128;
/// Shortest repeat worth a packet of its own (a repeat of two inside a literal costs nothing).
const MIN_RUN: usize = 3;

/// Why a compressed stream could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The packet whose header is at `offset` runs past the end of the input.
    Truncated {
        /// Byte offset of the packet's header.
        offset: usize,
    },
    /// The output would exceed the caller's limit of `limit` bytes.
    TooLarge {
        /// The limit.
        limit: usize,
    },
}

/// The largest compressed size of `len` input bytes: `len + ceil(len / 128)` (saturating).
pub fn bound(len: usize) -> usize {
    len.saturating_add(len.div_ceil(MAX_PACKET))
}

/// Calls `emit(header, payload)` for each packet encoding `input`.
fn encode(input: &[u8], mut emit: impl FnMut(u8, &[u8])) {
    let mut literal_start = 0;
    let mut at = 0;
    while at < input.len() {
        let byte = input[at];
        let run = input[at..]
            .iter()
            .take(MAX_PACKET)
            .take_while(|&&b| b == byte)
            .count();
        if run >= MIN_RUN {
            flush_literals(&input[literal_start..at], &mut emit);
            emit((257 - run) as u8, &input[at..at + 1]);
            at += run;
            literal_start = at;
        } else {
            at += run;
        }
    }
    flush_literals(&input[literal_start..], &mut emit);
}

/// Emits `literals` as literal packets of at most [`MAX_PACKET`] bytes.
fn flush_literals(literals: &[u8], emit: &mut impl FnMut(u8, &[u8])) {
    for chunk in literals.chunks(MAX_PACKET) {
        emit((chunk.len() - 1) as u8, chunk);
    }
}

/// The exact compressed size of `input`.
pub fn compressed_len(input: &[u8]) -> usize {
    let mut len = 0;
    encode(input, |_, payload| len += 1 + payload.len());
    len
}

/// Compresses `input` into `out` and returns the bytes written.
///
/// # Errors
///
/// `Err(needed)` when `out` is shorter than the compressed size `needed`; `out` is then untouched.
pub fn compress_into(input: &[u8], out: &mut [u8]) -> Result<usize, usize> {
    let needed = compressed_len(input);
    if out.len() < needed {
        return Err(needed);
    }
    let mut at = 0;
    encode(input, |header, payload| {
        out[at] = header;
        out[at + 1..at + 1 + payload.len()].copy_from_slice(payload);
        at += 1 + payload.len();
    });
    Ok(at)
}

/// [`compress_into`] for an output buffer that may be uninitialised (a C caller's buffer): on
/// success, the first `Ok` bytes of `out` are initialised.
///
/// # Errors
///
/// As [`compress_into`].
pub fn compress_into_uninit(input: &[u8], out: &mut [MaybeUninit<u8>]) -> Result<usize, usize> {
    let needed = compressed_len(input);
    if out.len() < needed {
        return Err(needed);
    }
    let mut at = 0;
    encode(input, |header, payload| {
        out[at].write(header);
        for (slot, &byte) in out[at + 1..at + 1 + payload.len()].iter_mut().zip(payload) {
            slot.write(byte);
        }
        at += 1 + payload.len();
    });
    Ok(at)
}

/// The decompressed size of `input`, checking that it is well formed and at most `limit` bytes.
///
/// # Errors
///
/// [`DecodeError::Truncated`] for a packet cut short, [`DecodeError::TooLarge`] above `limit`.
pub fn decompressed_len(input: &[u8], limit: usize) -> Result<usize, DecodeError> {
    let mut len = 0usize;
    let mut at = 0;
    while at < input.len() {
        let header = input[at];
        let (payload, produced) = match header {
            0..=127 => (usize::from(header) + 1, usize::from(header) + 1),
            128 => (0, 0),
            _ => (1, 257 - usize::from(header)),
        };
        if input.len() - at - 1 < payload {
            return Err(DecodeError::Truncated { offset: at });
        }
        len += produced;
        if len > limit {
            return Err(DecodeError::TooLarge { limit });
        }
        at += 1 + payload;
    }
    Ok(len)
}

/// Decompresses `input` into a new vector of at most `limit` bytes.
///
/// # Errors
///
/// As [`decompressed_len`].
pub fn decompress(input: &[u8], limit: usize) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(decompressed_len(input, limit)?);
    decode_checked(input, &mut out);
    Ok(out)
}

/// Decodes a stream that [`decompressed_len`] accepted, appending to `out`.
pub(crate) fn decode_checked(input: &[u8], out: &mut Vec<u8>) {
    let mut at = 0;
    while at < input.len() {
        let header = input[at];
        match header {
            0..=127 => {
                let n = usize::from(header) + 1;
                out.extend_from_slice(&input[at + 1..at + 1 + n]);
                at += 1 + n;
            }
            128 => at += 1,
            _ => {
                out.resize(out.len() + 257 - usize::from(header), input[at + 1]);
                at += 2;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A seeded xorshift generator: runs and noise, reproducible.
    fn sample(seed: u64, len: usize) -> Vec<u8> {
        let mut state = seed | 1;
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let run = if state % 3 == 0 {
                (state >> 8) as usize % 300
            } else {
                1
            };
            out.resize((out.len() + run).min(len), (state >> 32) as u8);
        }
        out
    }

    #[test]
    fn round_trips_within_the_bound() {
        for seed in 1..200u64 {
            let input = sample(seed, (seed as usize * 37) % 2_000);
            let mut out = vec![0; bound(input.len())];
            let written = compress_into(&input, &mut out)
                .unwrap_or_else(|n| panic!("seed {seed}: needs {n}"));
            assert_eq!(written, compressed_len(&input), "seed {seed}");
            assert_eq!(
                decompress(&out[..written], usize::MAX).unwrap(),
                input,
                "seed {seed}"
            );
        }
    }

    #[test]
    fn short_output_reports_the_size_needed() {
        let input = b"abcdefgh";
        let mut out = [0u8; 4];
        assert_eq!(compress_into(input, &mut out), Err(9));
        assert_eq!(out, [0; 4], "untouched on failure");
    }

    #[test]
    fn truncated_and_oversized_input_is_refused() {
        assert_eq!(
            decompress(&[5, b'a', b'b'], usize::MAX),
            Err(DecodeError::Truncated { offset: 0 })
        );
        assert_eq!(
            decompress(&[0, b'a', 200], usize::MAX),
            Err(DecodeError::Truncated { offset: 2 })
        );
        assert_eq!(
            decompress(&[129, b'x'], 100),
            Err(DecodeError::TooLarge { limit: 100 })
        );
        assert_eq!(decompress(&[128, 129, b'x'], 128).unwrap(), vec![b'x'; 128]);
    }
}
