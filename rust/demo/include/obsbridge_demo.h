/*
 * obsbridge_demo.h — the demo native library: a small workload of realistic operations, each
 * exported through the obsbridge boundary helper, used by `obsbridge demo`, the benchmark and the
 * tests. It also re-exports the whole obsbridge ABI (obsbridge.h), because it depends on the crate.
 *
 * Thread safety: every function may be called from any thread. Each traced function takes the
 * caller's context (NULL: the span is recorded as a fresh root) and an optional obsb_error* that is
 * written only when the returned status is LIBRARY_ERROR or PANIC. Output pointers are written
 * only on success; a NULL output pointer yields OBSB_STATUS_NULL_ARGUMENT.
 */
#ifndef OBSBRIDGE_DEMO_H
#define OBSBRIDGE_DEMO_H

#include "obsbridge.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Resizes a synthetic width x height RGBA image (child spans image.decode/scale/encode); writes
 *  the output byte count. Cost grows with the pixel count. Fails (domain "image", code 22) when a
 *  dimension is 0 or above 8192. */
obsb_status demo_image_resize(const obsb_trace_context *ctx, uint32_t width, uint32_t height,
                              uint64_t *out_bytes, obsb_error *err);

/** Parses a JSON document (bytes, len) and writes the number of values in it. Fails (domain
 *  "json", code 1) on malformed input, with a message that quotes part of the input. */
obsb_status demo_json_parse(const obsb_trace_context *ctx, const uint8_t *bytes, size_t len,
                            uint64_t *out_values, obsb_error *err);

/** Looks a key up in an in-memory store: mostly fast hits, some slow misses. Fails (domain "kv",
 *  code 404) for keys divisible by 97; the message carries a credential, so it must be sanitized. */
obsb_status demo_kv_get(const obsb_trace_context *ctx, uint64_t key, uint64_t *out_value,
                        obsb_error *err);

/** Computes a 64-bit FNV-1a checksum over (bytes, len). Panics (caught: status PANIC) when the
 *  input's first byte is 0xFF, to demonstrate the panic path. */
obsb_status demo_checksum(const obsb_trace_context *ctx, const uint8_t *bytes, size_t len,
                          uint64_t *out_checksum, obsb_error *err);

/** Always fails (domain "demo", code 7) with exactly the bytes (message, len) as its message, so
 *  tests can send hostile text (control characters, escapes, invalid UTF-8, which becomes U+FFFD;
 *  long text, which is truncated) through the error channel. message may be NULL when len is 0. */
obsb_status demo_fail_with(const obsb_trace_context *ctx, const uint8_t *message, size_t len,
                           obsb_error *err);

/** Like demo_fail_with, but the library marks the message sensitive (obsb_error.sensitive = 1):
 *  its text never crosses the boundary; domain "demo" and code 8 do. */
obsb_status demo_fail_sensitive(const obsb_trace_context *ctx, const uint8_t *message, size_t len,
                                obsb_error *err);

/** Does nothing inside the boundary: the cost of a traced call. */
obsb_status demo_noop_traced(const obsb_trace_context *ctx, obsb_error *err);

/** Does nothing and records nothing: the cost of a bare call. Returns OBSB_STATUS_OK. */
obsb_status demo_noop_bare(const obsb_trace_context *ctx);

/** Benchmark floor: runs `iterations` rounds of two clock reads plus one 64-byte store and returns
 *  the elapsed CLOCK_MONOTONIC nanoseconds. */
uint64_t demo_bench_floor_ns(uint64_t iterations);

/** Benchmark: runs `iterations` native child spans inside one boundary and returns the elapsed
 *  CLOCK_MONOTONIC nanoseconds. Needs an open bridge to record anything. */
uint64_t demo_bench_native_spans_ns(uint64_t iterations);

#ifdef __cplusplus
}
#endif

#endif /* OBSBRIDGE_DEMO_H */
