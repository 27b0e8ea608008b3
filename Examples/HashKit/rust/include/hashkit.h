/*
 * hashkit.h — the C ABI of HashKit's Rust library: SipHash-2-4 and hexadecimal decoding.
 *
 * Every function takes the caller's trace context first (NULL: a new root span) and an error slot
 * last (NULL: no details), returns an obsb_status, and writes its outputs only on success. Any
 * thread may call any function. Buffers are (pointer, length) byte ranges owned by the caller and
 * read or written during the call only. Failures of HashKit itself are OBSB_STATUS_LIBRARY_ERROR
 * with domain HK_ERROR_DOMAIN and one of the HK_ERROR_* codes.
 */
#ifndef HASHKIT_H
#define HASHKIT_H

#include "obsbridge.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The error domain of HashKit's own failures. */
#define HK_ERROR_DOMAIN "hashkit"
/** Text that is not hexadecimal: an odd length or a character outside 0-9, a-f, A-F. */
#define HK_ERROR_MALFORMED 1
/** The output buffer is too small; *out_len was set to the size needed. */
#define HK_ERROR_BUFFER_TOO_SMALL 2

/** Bytes of a SipHash key. */
#define HK_SIPHASH_KEY_LEN 16u

/**
 * SipHash-2-4 of (bytes, len) under the 16-byte key, into *out. bytes may be NULL when len is 0.
 * Errors: NULL_ARGUMENT (key or out NULL, or bytes NULL with len > 0).
 */
obsb_status hk_siphash24(const obsb_trace_context *ctx, const uint8_t *key, const uint8_t *bytes,
                         size_t len, uint64_t *out, obsb_error *err);

/**
 * Decodes hexadecimal text (text, text_len) into (out, out_capacity) and sets *out_len to the bytes
 * written. Errors: NULL_ARGUMENT; LIBRARY_ERROR with HK_ERROR_MALFORMED (the message says where),
 * or HK_ERROR_BUFFER_TOO_SMALL (then *out_len is the size needed, and nothing else is written).
 */
obsb_status hk_hex_decode(const obsb_trace_context *ctx, const uint8_t *text, size_t text_len,
                          uint8_t *out, size_t out_capacity, size_t *out_len, obsb_error *err);

#ifdef __cplusplus
}
#endif

#endif /* HASHKIT_H */
