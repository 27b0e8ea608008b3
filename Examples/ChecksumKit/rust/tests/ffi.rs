//! The C ABI as a C caller sees it: statuses, error details, buffers in both directions.

use checksumkit::*;
use obsbridge::abi::ErrorInfo;
use obsbridge::Status;
use std::mem::MaybeUninit;
use std::ptr;

#[test]
fn compress_reports_the_size_needed_then_round_trips_through_a_library_buffer() {
    let input = b"aaaaaaaaaaaaaaaaaaaaaaaaaaaabcdefbbbbbbbbbbbbb".repeat(10);
    let mut small = [0u8; 4];
    let mut needed = 0usize;
    let mut err = MaybeUninit::<ErrorInfo>::uninit();
    // SAFETY: valid pointers and lengths throughout.
    let status = unsafe {
        ck_packbits_compress(
            ptr::null(),
            input.as_ptr(),
            input.len(),
            small.as_mut_ptr(),
            small.len(),
            &mut needed,
            err.as_mut_ptr(),
        )
    };
    assert_eq!(status, Status::BUFFER_TOO_SMALL);
    // SAFETY: written on every failure.
    let err = unsafe { err.assume_init() };
    assert_eq!(
        (err.status, err.domain_str().as_ref()),
        (Status::BUFFER_TOO_SMALL, "obsbridge")
    );
    assert!(needed > small.len() && needed <= ck_packbits_bound(input.len()));

    let mut packed = vec![0u8; needed];
    let mut written = 0usize;
    // SAFETY: as above.
    let status = unsafe {
        ck_packbits_compress(
            ptr::null(),
            input.as_ptr(),
            input.len(),
            packed.as_mut_ptr(),
            packed.len(),
            &mut written,
            ptr::null_mut(),
        )
    };
    assert_eq!((status, written), (Status::OK, needed));

    let (mut out, mut out_len) = (ptr::null_mut::<u8>(), 0usize);
    // SAFETY: as above; the result is freed below with its own length.
    unsafe {
        let status = ck_packbits_decompress(
            ptr::null(),
            packed.as_ptr(),
            written,
            &mut out,
            &mut out_len,
            ptr::null_mut(),
        );
        assert_eq!(status, Status::OK);
        assert_eq!(std::slice::from_raw_parts(out, out_len), &input[..]);
        ck_bytes_free(out, out_len);
        ck_bytes_free(ptr::null_mut(), 0);
    }
}

#[test]
fn batch_matches_single_calls_and_checks_its_lengths() {
    let items: [&[u8]; 4] = [b"", b"a", b"123456789", b"hello, world"];
    let data: Vec<u8> = items.concat();
    let lengths: Vec<usize> = items.iter().map(|item| item.len()).collect();
    let mut crcs = [0u32; 4];
    // SAFETY: valid pointers and lengths.
    let status = unsafe {
        ck_crc32_batch(
            ptr::null(),
            data.as_ptr(),
            data.len(),
            lengths.as_ptr(),
            4,
            crcs.as_mut_ptr(),
            4,
            ptr::null_mut(),
        )
    };
    assert_eq!(status, Status::OK);
    for (item, crc) in items.iter().zip(crcs) {
        assert_eq!(crc, crc32::checksum(item));
    }
    // SAFETY: as above; the lengths claim one byte more than data holds.
    let status = unsafe {
        ck_crc32_batch(
            ptr::null(),
            data.as_ptr(),
            data.len() - 1,
            lengths.as_ptr(),
            4,
            crcs.as_mut_ptr(),
            4,
            ptr::null_mut(),
        )
    };
    assert_eq!(status, Status::INVALID_ARGUMENT);
}

#[test]
fn unknown_algorithm_is_named_in_the_error() {
    let mut text = [0u8; 32];
    let mut len = 0usize;
    let mut err = MaybeUninit::<ErrorInfo>::uninit();
    // SAFETY: valid pointers and lengths.
    let status = unsafe {
        ck_digest_hex(
            ptr::null(),
            b"sha1".as_ptr(),
            4,
            b"x".as_ptr(),
            1,
            text.as_mut_ptr(),
            32,
            &mut len,
            err.as_mut_ptr(),
        )
    };
    assert_eq!(status, Status::LIBRARY_ERROR);
    // SAFETY: written on LIBRARY_ERROR.
    let err = unsafe { err.assume_init() };
    assert_eq!(err.code, ErrorCode::UnknownAlgorithm as i32);
    assert!(err.message_str().contains("\"sha1\""));
}

#[test]
fn digest_names_are_checked_utf8_and_short_text_buffers_say_the_length_needed() {
    let (mut text, mut len) = ([0u8; 4], 0usize);
    let mut err = ErrorInfo::default();
    let digest = |name: &[u8], text: &mut [u8], len: &mut usize, err: &mut ErrorInfo| {
        // SAFETY: valid pointers and lengths.
        unsafe {
            ck_digest_hex(
                ptr::null(),
                name.as_ptr(),
                name.len(),
                b"123456789".as_ptr(),
                9,
                text.as_mut_ptr(),
                text.len(),
                len,
                err,
            )
        }
    };
    assert_eq!(
        digest(b"crc\xFF", &mut text, &mut len, &mut err),
        Status::INVALID_UTF8
    );
    assert_eq!(
        err.message_str(),
        "`algorithm` is not valid UTF-8 (the bytes from offset 3)"
    );
    assert_eq!(
        digest(b"crc32", &mut text, &mut len, &mut err),
        Status::BUFFER_TOO_SMALL
    );
    assert_eq!(len, 8, "the length needed");
    let mut text = [0u8; 8];
    assert_eq!(digest(b"crc32", &mut text, &mut len, &mut err), Status::OK);
    assert_eq!(&text[..len], b"cbf43926");
}
