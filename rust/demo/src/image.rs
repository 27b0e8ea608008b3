//! The image operation: "decode" a synthetic RGBA image, box-filter it down to half size, and
//! "encode" the result, each step in its own child span.
//!
//! The work is real and proportional to the pixel count: the decode writes every byte, the scale
//! averages a 3x3 neighbourhood per output pixel and channel, the encode runs a delta filter and a
//! run-length count over the output (its length is the operation's result).

use obsbridge::{child_span, Callsite, NativeError};

/// The decode step.
static DECODE: Callsite = Callsite::new("image.decode");
/// The scale step.
static SCALE: Callsite = Callsite::new("image.scale");
/// The encode step.
static ENCODE: Callsite = Callsite::new("image.encode");

/// The largest width or height accepted.
pub const MAX_DIMENSION: u32 = 8192;

/// The error code for a dimension out of range (EINVAL).
pub const INVALID_DIMENSION: i32 = 22;

/// Bytes per pixel (RGBA).
const CHANNELS: usize = 4;

/// An RGBA image, 8 bits per channel, rows top to bottom.
struct Image {
    /// Pixels per row.
    width: usize,
    /// Rows.
    height: usize,
    /// `width * height * 4` bytes.
    pixels: Vec<u8>,
}

/// Resizes a synthetic `width` x `height` image to half size; returns the encoded byte count.
///
/// # Errors
///
/// Domain "image", code [`INVALID_DIMENSION`], when a dimension is 0 or above [`MAX_DIMENSION`].
pub fn resize(width: u32, height: u32) -> Result<u64, NativeError> {
    if !(1..=MAX_DIMENSION).contains(&width) || !(1..=MAX_DIMENSION).contains(&height) {
        return Err(NativeError::new(
            "image",
            INVALID_DIMENSION,
            format!(
                "invalid dimensions {width}x{height}: each must be between 1 and {MAX_DIMENSION}"
            ),
        ));
    }
    let source = {
        let _span = child_span(&DECODE);
        decode(width as usize, height as usize)
    };
    let scaled = {
        let _span = child_span(&SCALE);
        half_size(&source)
    };
    let _span = child_span(&ENCODE);
    Ok(encoded_len(&scaled))
}

/// A deterministic test pattern: gradients with a checkerboard, opaque.
fn decode(width: usize, height: usize) -> Image {
    let mut pixels = vec![0u8; width * height * CHANNELS];
    for (y, row) in pixels.chunks_exact_mut(width * CHANNELS).enumerate() {
        for (x, pixel) in row.chunks_exact_mut(CHANNELS).enumerate() {
            let checker = if (x / 8 + y / 8) % 2 == 0 { 64 } else { 0 };
            pixel[0] = (x * 255 / width) as u8 ^ checker;
            pixel[1] = (y * 255 / height) as u8;
            pixel[2] = ((x + y) * 3) as u8 ^ checker;
            pixel[3] = 255;
        }
    }
    Image {
        width,
        height,
        pixels,
    }
}

/// A 3x3 box filter sampled at every second pixel (edges clamped): half the width and height,
/// rounded up.
fn half_size(source: &Image) -> Image {
    let width = source.width.div_ceil(2);
    let height = source.height.div_ceil(2);
    let mut pixels = vec![0u8; width * height * CHANNELS];
    let (sw, sh) = (source.width as isize, source.height as isize);
    for y in 0..height {
        for x in 0..width {
            let (cx, cy) = (2 * x as isize, 2 * y as isize);
            let mut sums = [0u32; CHANNELS];
            for dy in -1..=1 {
                let row = (cy + dy).clamp(0, sh - 1) as usize;
                for dx in -1..=1 {
                    let column = (cx + dx).clamp(0, sw - 1) as usize;
                    let at = (row * source.width + column) * CHANNELS;
                    for (sum, &value) in sums.iter_mut().zip(&source.pixels[at..at + CHANNELS]) {
                        *sum += u32::from(value);
                    }
                }
            }
            let at = (y * width + x) * CHANNELS;
            for (out, sum) in pixels[at..at + CHANNELS].iter_mut().zip(sums) {
                *out = (sum / 9) as u8;
            }
        }
    }
    Image {
        width,
        height,
        pixels,
    }
}

/// The length of a simple encoding: each row delta-filtered ("sub", as in PNG), then runs of equal
/// bytes stored as (count, byte) pairs, plus a row header byte.
fn encoded_len(image: &Image) -> u64 {
    let stride = image.width * CHANNELS;
    let mut total = 0u64;
    for row in image.pixels.chunks_exact(stride) {
        total += 1;
        let mut previous = None;
        let mut run = 0u32;
        for (i, &byte) in row.iter().enumerate() {
            let delta = if i >= CHANNELS {
                byte.wrapping_sub(row[i - CHANNELS])
            } else {
                byte
            };
            if previous == Some(delta) && run < 255 {
                run += 1;
            } else {
                if previous.is_some() {
                    total += 2;
                }
                previous = Some(delta);
                run = 1;
            }
        }
        if previous.is_some() {
            total += 2;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_and_rounds_up() {
        let scaled = half_size(&decode(5, 3));
        assert_eq!((scaled.width, scaled.height), (3, 2));
        assert_eq!(scaled.pixels.len(), 3 * 2 * 4);
        assert!(scaled.pixels.chunks_exact(4).all(|p| p[3] == 255));
    }

    #[test]
    fn flat_rows_encode_small() {
        let flat = Image {
            width: 100,
            height: 2,
            pixels: vec![7; 100 * 2 * 4],
        };
        // Per row: header + first pixel's 4 bytes (runs: 7 x4) + one long run of zero deltas.
        assert_eq!(encoded_len(&flat), 2 * (1 + 2 + 2 * 2));
    }

    #[test]
    fn rejects_bad_dimensions() {
        for (w, h) in [(0, 10), (10, 0), (8193, 1), (1, 8193)] {
            let error = resize(w, h).unwrap_err();
            assert_eq!((error.domain(), error.code()), ("image", 22));
        }
        assert!(resize(1, 1).unwrap() > 0);
        assert!(resize(64, 64).unwrap() > resize(16, 16).unwrap());
    }
}
