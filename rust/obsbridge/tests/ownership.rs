//! The ownership helpers through `boundary`, as a library exports them: an opaque handle (a
//! compiled "pattern"), a string in, a caller-provided buffer, a library-allocated buffer and its
//! free function, each called the way C calls them, misuse included.

use obsbridge::abi::{ErrorInfo, TraceContext};
use obsbridge::{
    boundary, bytes_free, handle_free, handle_new, handle_ref, in_bytes, in_str, out_buffer,
    out_bytes, out_ref, Callsite, NativeError, Status,
};
use std::ptr::{self, null, null_mut};

/// A compiled pattern: a non-empty literal to look for.
struct Pattern {
    needle: Vec<u8>,
}

static NEW: Callsite = Callsite::new("test.pattern_new");
static FIRST: Callsite = Callsite::new("test.pattern_first");
static POSITIONS: Callsite = Callsite::new("test.pattern_positions");

/// Compiles the UTF-8 pattern (text, len) into `*out_pattern`.
///
/// # Safety
/// Each pointer NULL or valid for its length.
unsafe extern "C" fn pattern_new(
    text: *const u8,
    len: usize,
    out_pattern: *mut *mut Pattern,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract.
    unsafe {
        boundary(null::<TraceContext>(), err, &NEW, || {
            let out = out_ref(out_pattern, "out_pattern")?;
            let text = in_str(text, len, "pattern")?;
            if text.is_empty() {
                return Err(NativeError::new("pattern", 1, "empty pattern"));
            }
            out.write(handle_new(Pattern {
                needle: text.as_bytes().to_vec(),
            }));
            Ok(())
        })
    }
}

/// Writes the first match in (bytes, len), as text, into (out, capacity, *out_len).
///
/// # Safety
/// Each pointer NULL or valid for its length; `pattern` from `pattern_new`, not freed.
unsafe extern "C" fn pattern_first(
    pattern: *const Pattern,
    bytes: *const u8,
    len: usize,
    out: *mut u8,
    capacity: usize,
    out_len: *mut usize,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract.
    unsafe {
        boundary(null(), err, &FIRST, || {
            let out = out_buffer(out, capacity, out_len, "out")?;
            let pattern = handle_ref(pattern, "pattern")?;
            let haystack = in_bytes(bytes, len, "bytes")?;
            let found = haystack
                .windows(pattern.needle.len())
                .position(|window| window == pattern.needle)
                .ok_or_else(|| NativeError::new("pattern", 2, "no match"))?;
            out.write_str(&format!("match at {found}"))?;
            Ok(())
        })
    }
}

/// Every match position in (bytes, len), as a library-allocated list of bytes.
///
/// # Safety
/// As `pattern_first`; `out_bytes` and `out_len` NULL or valid for writes.
unsafe extern "C" fn pattern_positions(
    pattern: *const Pattern,
    bytes: *const u8,
    len: usize,
    out_positions: *mut *mut u8,
    out_len: *mut usize,
    err: *mut ErrorInfo,
) -> Status {
    // SAFETY: this function's contract.
    unsafe {
        boundary(null(), err, &POSITIONS, || {
            let out = out_bytes(out_positions, out_len, "out_positions")?;
            let pattern = handle_ref(pattern, "pattern")?;
            let haystack = in_bytes(bytes, len, "bytes")?;
            let positions: Vec<u8> = haystack
                .windows(pattern.needle.len())
                .enumerate()
                .filter(|(_, window)| *window == pattern.needle)
                .map(|(at, _)| at as u8)
                .collect();
            out.write(positions);
            Ok(())
        })
    }
}

/// Compiles `text`, panicking on failure.
fn compile(text: &str) -> *mut Pattern {
    let mut pattern = null_mut();
    // SAFETY: valid pointers.
    let status = unsafe { pattern_new(text.as_ptr(), text.len(), &mut pattern, null_mut()) };
    assert_eq!(status, Status::OK);
    pattern
}

#[test]
fn handle_lifecycle_and_caller_buffer_retry() {
    let pattern = compile("ab");
    let haystack = b"xxab_ab";
    let mut buffer = vec![0u8; 4];
    let mut len = 0;
    let mut err = ErrorInfo::default();
    // SAFETY: valid pointers throughout; the handle is freed once at the end.
    unsafe {
        let status = pattern_first(
            pattern,
            haystack.as_ptr(),
            haystack.len(),
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut len,
            &mut err,
        );
        assert_eq!(status, Status::BUFFER_TOO_SMALL);
        assert_eq!(len, "match at 2".len(), "the length needed");
        assert_eq!(err.status, Status::BUFFER_TOO_SMALL);
        assert_eq!(err.domain_str(), "obsbridge");
        assert_eq!(err.message_str(), "`out` holds 4; the output needs 10");
        buffer.resize(len, 0);
        let status = pattern_first(
            pattern,
            haystack.as_ptr(),
            haystack.len(),
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut len,
            null_mut(),
        );
        assert_eq!(status, Status::OK);
        assert_eq!(&buffer[..len], b"match at 2");
        handle_free(pattern);
    }
}

#[test]
fn library_allocated_output_is_freed_by_the_library() {
    let pattern = compile("a");
    let (mut positions, mut len) = (null_mut(), 0);
    // SAFETY: valid pointers; the buffer and the handle are freed once.
    unsafe {
        let haystack = b"banana";
        let status = pattern_positions(
            pattern,
            haystack.as_ptr(),
            haystack.len(),
            &mut positions,
            &mut len,
            null_mut(),
        );
        assert_eq!(status, Status::OK);
        assert_eq!(std::slice::from_raw_parts(positions, len), [1, 3, 5]);
        bytes_free(positions, len);

        let status = pattern_positions(
            pattern,
            b"xyz".as_ptr(),
            3,
            &mut positions,
            &mut len,
            null_mut(),
        );
        assert_eq!(
            (status, positions, len),
            (Status::OK, ptr::null_mut(), 0),
            "empty: (NULL, 0)"
        );
        bytes_free(positions, len);
        handle_free(pattern);
    }
}

#[test]
fn misuse_is_a_status_naming_the_argument() {
    let mut err = ErrorInfo::default();
    let mut pattern = null_mut();
    let (mut out, mut len) = (null_mut(), 0);
    // SAFETY: every call fails its checks before touching invalid memory; NULL frees are no-ops.
    unsafe {
        assert_eq!(
            pattern_new(b"\xFF".as_ptr(), 1, &mut pattern, &mut err),
            Status::INVALID_UTF8
        );
        assert_eq!(
            err.message_str(),
            "`pattern` is not valid UTF-8 (the bytes from offset 0)"
        );
        assert!(pattern.is_null(), "nothing written on failure");
        assert_eq!(
            pattern_new(b"x".as_ptr(), 1, null_mut(), &mut err),
            Status::NULL_ARGUMENT
        );
        assert_eq!(
            pattern_new(null(), 0, &mut pattern, &mut err),
            Status::LIBRARY_ERROR
        );
        assert_eq!((err.domain_str().as_ref(), err.code), ("pattern", 1));
        assert_eq!(
            pattern_positions(null(), null(), 0, &mut out, &mut len, &mut err),
            Status::NULL_ARGUMENT
        );
        assert_eq!(err.message_str(), "`pattern` is NULL");
        let live = compile("q");
        assert_eq!(
            pattern_positions(live, null(), 5, &mut out, &mut len, &mut err),
            Status::NULL_ARGUMENT
        );
        assert_eq!(err.message_str(), "`bytes` is NULL");
        assert!(out.is_null(), "a failed call allocates nothing");
        handle_free(live);
        handle_free::<Pattern>(null_mut());
        bytes_free(null_mut(), 3);
    }
}
