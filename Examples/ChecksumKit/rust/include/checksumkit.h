/*
 * checksumkit.h — ChecksumKit's native library: checksums (CRC-32, Adler-32, FNV-1a) and PackBits
 * run-length compression over byte buffers, each call traced by obsbridge. Built from
 * rust/src/lib.rs; as a static library it also exports the whole obsbridge ABI (obsbridge.h).
 *
 * Thread safety. Every function may be called from any thread at any time; the library keeps no
 * state between calls. Traced functions take the caller's trace context (NULL: the span is a fresh
 * root) and an optional obsb_error* that is written only when the status is
 * OBSB_STATUS_LIBRARY_ERROR or OBSB_STATUS_PANIC (it may point to uninitialised memory).
 *
 * Errors. Statuses are obsbridge's (obsbridge.h): OK, NULL_ARGUMENT (a required pointer was NULL),
 * INVALID_ARGUMENT (inconsistent lengths), INVALID_UTF8 (a string argument), BUFFER_TOO_SMALL (an
 * [out buf] is short), LIBRARY_ERROR (see err->domain, "checksumkit", and err->code, one of
 * CK_ERROR_*), PANIC (a bug, caught). Outputs are written only on success, with one exception: on
 * OBSB_STATUS_BUFFER_TOO_SMALL the size needed is written to *out_len.
 *
 * Ownership. Three patterns, named in each declaration:
 *   [in]       caller-allocated input (pointer, len): read during the call only, never kept;
 *              NULL is allowed with len 0.
 *   [out buf]  caller-provided output (pointer, capacity, *out_len): the caller allocates and owns
 *              it, the library writes at most capacity bytes (contents may be uninitialised before
 *              the call) and sets *out_len; a short buffer fails with OBSB_STATUS_BUFFER_TOO_SMALL
 *              and *out_len = the size needed, so the caller can grow it and call again.
 *   [lib buf]  library-allocated output (*out_bytes, *out_len): the caller owns it after a
 *              successful call and must release it exactly once with
 *              ck_bytes_free(*out_bytes, *out_len), from any thread; never with free().
 * Strings are UTF-8 (pointer, length) ranges, not NUL-terminated, in both directions.
 */
#ifndef CHECKSUMKIT_H
#define CHECKSUMKIT_H

#include "obsbridge.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The error domain of every ChecksumKit failure (obsb_error.domain). */
#define CK_ERROR_DOMAIN "checksumkit"
/* Codes within CK_ERROR_DOMAIN (obsb_error.code). Permanent: never renumbered, never reused. */
/* 1 was CK_ERROR_BUFFER_TOO_SMALL: retired for OBSB_STATUS_BUFFER_TOO_SMALL; never reused. */
#define CK_ERROR_MALFORMED 2          /* compressed input is malformed */
#define CK_ERROR_TOO_LARGE 3          /* the output would exceed CK_MAX_OUTPUT */
#define CK_ERROR_UNKNOWN_ALGORITHM 4  /* an algorithm name ChecksumKit does not know */

/** The most bytes one call allocates for a [lib buf] output (1 GiB). */
#define CK_MAX_OUTPUT ((size_t)1 << 30)

/** CRC-32 (IEEE, as zlib and PNG) of [in] (bytes, len) into *out_crc. */
obsb_status ck_crc32(const obsb_trace_context *ctx, const uint8_t *bytes, size_t len,
                     uint32_t *out_crc, obsb_error *err);

/** Adler-32 (RFC 1950) of [in] (bytes, len) into *out_adler. */
obsb_status ck_adler32(const obsb_trace_context *ctx, const uint8_t *bytes, size_t len,
                       uint32_t *out_adler, obsb_error *err);

/** 64-bit FNV-1a of [in] (bytes, len) into *out_hash. */
obsb_status ck_fnv1a64(const obsb_trace_context *ctx, const uint8_t *bytes, size_t len,
                       uint64_t *out_hash, obsb_error *err);

/**
 * CRC-32 of each of count buffers packed back to back in [in] (data, data_len), buffer i being
 * lengths[i] bytes ([in], count entries), into out_crcs[0..count) (caller-owned, out_capacity
 * entries, aligned): one boundary crossing and one span for the whole batch.
 * Errors: INVALID_ARGUMENT if the lengths do not add up to data_len; BUFFER_TOO_SMALL if
 * out_capacity < count (no *out_len: the size needed is count).
 */
obsb_status ck_crc32_batch(const obsb_trace_context *ctx, const uint8_t *data, size_t data_len,
                           const size_t *lengths, size_t count, uint32_t *out_crcs,
                           size_t out_capacity, obsb_error *err);

/**
 * The lowercase hexadecimal digest of [in] (bytes, len) under the algorithm named by the [in]
 * UTF-8 string (algorithm, algorithm_len): "crc32", "adler32" (8 digits) or "fnv1a64" (16), as
 * an [out buf] string (out_text, capacity, *out_len), not NUL-terminated.
 * Errors: INVALID_UTF8 (algorithm); LIBRARY_ERROR CK_ERROR_UNKNOWN_ALGORITHM (the message quotes
 * the name); BUFFER_TOO_SMALL.
 */
obsb_status ck_digest_hex(const obsb_trace_context *ctx, const uint8_t *algorithm,
                          size_t algorithm_len, const uint8_t *bytes, size_t len,
                          uint8_t *out_text, size_t capacity, size_t *out_len, obsb_error *err);

/** The largest PackBits output for len input bytes: len + ceil(len / 128), saturating. Untraced;
 *  never fails. A buffer of this size never fails with OBSB_STATUS_BUFFER_TOO_SMALL. */
size_t ck_packbits_bound(size_t len);

/**
 * Compresses [in] (bytes, len) with PackBits into the [out buf] (out, capacity, *out_len); out
 * must not overlap bytes. Errors: BUFFER_TOO_SMALL (*out_len = the exact size needed; out
 * untouched).
 */
obsb_status ck_packbits_compress(const obsb_trace_context *ctx, const uint8_t *bytes, size_t len,
                                 uint8_t *out, size_t capacity, size_t *out_len, obsb_error *err);

/**
 * Decompresses PackBits [in] (bytes, len) into a [lib buf]: on success *out_bytes points to
 * *out_len bytes that the caller owns and releases with ck_bytes_free(*out_bytes, *out_len); an
 * empty result is (NULL, 0). Child spans: ck.packbits_decompress.measure, .decode.
 * Errors: LIBRARY_ERROR CK_ERROR_MALFORMED (the message gives the packet's offset),
 * CK_ERROR_TOO_LARGE. On failure nothing is allocated and *out_bytes, *out_len are untouched.
 */
obsb_status ck_packbits_decompress(const obsb_trace_context *ctx, const uint8_t *bytes, size_t len,
                                   uint8_t **out_bytes, size_t *out_len, obsb_error *err);

/**
 * Releases a [lib buf] returned by this library: pass exactly the pointer and length it returned,
 * once. ck_bytes_free(NULL, n) does nothing. Any thread; never fails; untraced.
 */
void ck_bytes_free(uint8_t *bytes, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* CHECKSUMKIT_H */
