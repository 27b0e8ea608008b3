#!/bin/sh
# Several instrumented Rust libraries in one program (Docs/ARCHITECTURE.md, "Several libraries, one
# recorder"). Generates, in a temporary directory, copies of the obsbridge crate (the patch version
# bumped; the ABI version bumped), small libraries on each, and C programs that link them, then
# proves:
#   two-static   two static libraries on different crate versions: every span and error record
#                collected, counters exact, callsite names from both (also when the second library
#                starts first and becomes the recorder);
#   dlopen       a static library plus a shared library loaded with dlopen after the bridge opened:
#                every span collected;
#   mismatch     a copy of another ABI version: obsb_bridge_open fails with ABI_MISMATCH and
#                obsb_conflict_get names the library and both versions, whichever copy starts
#                first; and one loaded after the bridge opened is reported.
# Usage: scripts/test-multi-library.sh   (exits non-zero on the first failure; about a minute with
# warm caches, a few from cold, at -j 1)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${JOBS:-1}
# A C compiler: cargo links with `cc` already; the Swift toolchain's clang otherwise.
cc=${CC:-$(command -v cc || command -v clang || true)}
[ -n "$cc" ] || { echo "test-multi-library: no C compiler (cc or clang)" >&2; exit 1; }
# One target directory for every generated crate, kept between runs (under rust/target, ignored).
export CARGO_TARGET_DIR="${OBSBRIDGE_MULTI_TARGET:-$root/rust/target/multi-library}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

say() { echo "test-multi-library: $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }

version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/rust/Cargo.toml" | head -n 1)
[ -n "$version" ] || fail "no version in rust/Cargo.toml"
next_version=$(echo "$version" | awk -F. '{ printf "%d.%d.%d", $1, $2, $3 + 1 }')

# A standalone copy of the crate: its own version; with "abi3", ABI version 3.
copy_crate() { # NAME VERSION [abi3]
  dest="$work/$1"
  mkdir -p "$dest"
  cp -R "$root/rust/obsbridge/src" "$dest/src"
  cp "$root/rust/obsbridge/build.rs" "$dest/build.rs"
  cat >"$dest/Cargo.toml" <<EOF
[package]
name = "obsbridge"
version = "$2"
edition = "2021"
publish = false
[lib]
crate-type = ["rlib"]
[features]
bench = []
EOF
  if [ "${3:-}" = abi3 ]; then
    # The one place the ABI version is written (abi.rs's literal, used by the note too).
    awk '/^macro_rules! abi_version_literal/ { in_macro = 1 }
         in_macro && /^        2$/ { print "        3"; in_macro = 0; next }
         { print }' "$root/rust/obsbridge/src/abi.rs" >"$dest/src/abi.rs"
    grep -q '^        3$' "$dest/src/abi.rs" || fail "could not set the copy's ABI version"
  fi
}

# A library NAME on the crate at DEP, of crate type KIND: NAME_call(ctx, fail, err) records a
# boundary span and a child span, and an error record when fail is nonzero.
make_library() { # NAME DEP KIND
  dir="$work/$1"
  mkdir -p "$dir/src"
  cat >"$dir/Cargo.toml" <<EOF
[workspace]
[package]
name = "$1"
version = "0.1.0"
edition = "2021"
publish = false
[lib]
crate-type = ["$3"]
[dependencies]
obsbridge = { path = "$2" }
[profile.release]
panic = "unwind"   # cargo's default codegen units: the C names must not depend on them
EOF
  cat >"$dir/src/lib.rs" <<EOF
//! A test library.
use obsbridge::abi::{ErrorInfo, TraceContext};
use obsbridge::{boundary, in_child_span, Callsite, NativeError, Status};

static CALL: Callsite = Callsite::new("$1.call");
static STEP: Callsite = Callsite::new("$1.step");

/// One traced call: a boundary span and a child span; fails when \`fail\` is nonzero.
///
/// # Safety
///
/// \`ctx\` and \`err\` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn $1_call(ctx: *const TraceContext, fail: u32, err: *mut ErrorInfo) -> Status {
    // SAFETY: the function's contract.
    unsafe {
        boundary(ctx, err, &CALL, || {
            in_child_span(&STEP, || {
                if fail != 0 {
                    Err(NativeError::new("$1", 7, "asked to fail"))
                } else {
                    Ok(())
                }
            })
        })
    }
}
EOF
  say "build $1 ($3 on $2)"
  cargo build --quiet --release -j "$jobs" --manifest-path "$dir/Cargo.toml" >&2
}

copy_crate obsbridge-next "$next_version"
copy_crate obsbridge-abi3 "0.3.0" abi3
make_library liba "$root/rust/obsbridge" staticlib
make_library libb "$work/obsbridge-next" staticlib
make_library plugin "$work/obsbridge-next" cdylib
make_library libabi "$work/obsbridge-abi3" staticlib
make_library pluginabi "$work/obsbridge-abi3" cdylib
out="$CARGO_TARGET_DIR/release"

# The C side: a collector over the header, and the checks.
cat >"$work/check.h" <<'EOF'
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "obsbridge.h"

typedef obsb_status (*call_fn)(const obsb_trace_context *, uint32_t, obsb_error *);

#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "check failed: %s: ", #cond);                  \
            fprintf(stderr, __VA_ARGS__);                                  \
            fprintf(stderr, "\n");                                         \
            exit(1);                                                       \
        }                                                                  \
    } while (0)

/* calls `call` n times, every fifth failing; returns the failures. */
static unsigned run_calls(call_fn call, unsigned n) {
    unsigned failures = 0;
    for (unsigned i = 0; i < n; i++) {
        obsb_error error;
        int fail = i % 5 == 4;
        obsb_status status = call(NULL, (uint32_t)fail, &error);
        CHECK(status == (fail ? OBSB_STATUS_LIBRARY_ERROR : OBSB_STATUS_OK), "status %d", status);
        failures += (unsigned)fail;
    }
    return failures;
}

struct job { call_fn call; unsigned n; unsigned failures; };
static void *run_job(void *arg) {
    struct job *job = arg;
    job->failures = run_calls(job->call, job->n);
    return NULL;
}

/* Distinct ring numbers (thread_index) seen by drain_all: ring numbers are process-wide. */
static uint32_t rings_seen[64];
static size_t rings_distinct;

/* drains everything; counts spans per callsite name into names/counts (up to 8 names). */
static void drain_all(obsb_bridge_handle h, size_t *spans, size_t *errors, char names[8][OBSB_CALLSITE_NAME_CAPACITY + 1],
                      size_t counts[8], size_t *distinct) {
    static obsb_span_record records[256];
    static obsb_error_record error_records[32];
    size_t n;
    *spans = *errors = *distinct = 0;
    do {
        CHECK(obsb_bridge_drain_spans(h, records, 256, &n) == OBSB_STATUS_OK, "drain");
        for (size_t i = 0; i < n; i++) {
            uint8_t name[OBSB_CALLSITE_NAME_CAPACITY + 1];
            size_t len = 0;
            CHECK(obsb_callsite_name(records[i].callsite, name, sizeof name, &len) == OBSB_STATUS_OK,
                  "callsite %u has no name", records[i].callsite);
            name[len] = 0;
            size_t k = 0;
            while (k < *distinct && strcmp(names[k], (char *)name) != 0) k++;
            if (k == *distinct) {
                CHECK(k < 8, "too many callsites");
                memcpy(names[k], name, len + 1);
                counts[k] = 0;
                (*distinct)++;
            }
            counts[k]++;
            size_t r = 0;
            while (r < rings_distinct && rings_seen[r] != records[i].thread_index) r++;
            if (r == rings_distinct && r < 64) rings_seen[rings_distinct++] = records[i].thread_index;
        }
        *spans += n;
    } while (n > 0);
    do {
        CHECK(obsb_bridge_drain_errors(h, error_records, 32, &n) == OBSB_STATUS_OK, "drain errors");
        *errors += n;
    } while (n > 0);
}

static size_t count_of(const char *name, char names[8][OBSB_CALLSITE_NAME_CAPACITY + 1], size_t counts[8], size_t distinct) {
    for (size_t k = 0; k < distinct; k++)
        if (strcmp(names[k], name) == 0) return counts[k];
    return 0;
}

/* every span and error collected, counters exact. */
static void check_exact(obsb_bridge_handle h, size_t spans, size_t errors, size_t want_spans,
                        size_t want_errors) {
    obsb_counters c;
    CHECK(obsb_bridge_counters(h, &c) == OBSB_STATUS_OK, "counters");
    CHECK(spans == want_spans, "drained %zu spans, expected %zu", spans, want_spans);
    CHECK(errors == want_errors, "drained %zu errors, expected %zu", errors, want_errors);
    CHECK(c.emitted == want_spans && c.collected == want_spans && c.dropped == 0,
          "spans emitted %llu collected %llu dropped %llu, expected %zu", (unsigned long long)c.emitted,
          (unsigned long long)c.collected, (unsigned long long)c.dropped, want_spans);
    CHECK(c.errors_emitted == want_errors && c.errors_collected == want_errors && c.errors_dropped == 0,
          "errors emitted %llu collected %llu", (unsigned long long)c.errors_emitted,
          (unsigned long long)c.errors_collected);
}
EOF

cat >"$work/two_static.c" <<'EOF'
#include "check.h"
obsb_status liba_call(const obsb_trace_context *, uint32_t, obsb_error *);
obsb_status libb_call(const obsb_trace_context *, uint32_t, obsb_error *);

int main(int argc, char **argv) {
    /* "b-first": the second library runs (unrecorded) before any bridge exists, so its copy
       starts first and is the process's recorder; the obsb_* functions the program calls belong
       to the first library's copy and forward to it. */
    if (argc > 1 && strcmp(argv[1], "b-first") == 0) {
        obsb_error error;
        CHECK(libb_call(NULL, 0, &error) == OBSB_STATUS_OK, "unrecorded call");
    }
    obsb_bridge_handle h;
    CHECK(obsb_bridge_open(OBSB_ABI_VERSION, NULL, &h) == OBSB_STATUS_OK, "open");
    struct job a = {liba_call, 500, 0}, b = {libb_call, 700, 0};
    pthread_t ta, tb;
    pthread_create(&ta, NULL, run_job, &a);
    pthread_create(&tb, NULL, run_job, &b);
    unsigned more = run_calls(libb_call, 100) + run_calls(liba_call, 50);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    size_t spans, errors, distinct, counts[8];
    char names[8][OBSB_CALLSITE_NAME_CAPACITY + 1];
    drain_all(h, &spans, &errors, names, counts, &distinct);
    check_exact(h, spans, errors, 2 * (500 + 700 + 100 + 50), a.failures + b.failures + more);
    CHECK(count_of("liba.call", names, counts, distinct) == 550, "liba.call");
    CHECK(count_of("liba.step", names, counts, distinct) == 550, "liba.step");
    CHECK(count_of("libb.call", names, counts, distinct) == 800, "libb.call");
    CHECK(count_of("libb.step", names, counts, distinct) == 800, "libb.step");
    CHECK(distinct == 4, "%zu callsite names", distinct);
    /* The main thread has a ring in each copy, each worker one: four rings, four numbers. */
    CHECK(rings_distinct == 4, "%zu distinct ring numbers", rings_distinct);
    obsb_conflict conflict;
    CHECK(obsb_conflict_get(&conflict) == OBSB_STATUS_NOT_FOUND, "no conflict");
    CHECK(obsb_bridge_close(h) == OBSB_STATUS_OK, "close");
    printf("two-static%s: %zu spans, %zu errors, all collected\n", argc > 1 ? " (b-first)" : "",
           spans, errors);
    return 0;
}
EOF

cat >"$work/with_dlopen.c" <<'EOF'
#include "check.h"
obsb_status liba_call(const obsb_trace_context *, uint32_t, obsb_error *);

int main(int argc, char **argv) {
    CHECK(argc == 2, "usage: with_dlopen PLUGIN.so");
    obsb_bridge_handle h;
    CHECK(obsb_bridge_open(OBSB_ABI_VERSION, NULL, &h) == OBSB_STATUS_OK, "open");
    unsigned failures = run_calls(liba_call, 300);
    void *plugin = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    CHECK(plugin != NULL, "dlopen: %s", dlerror());
    call_fn plugin_call = (call_fn)dlsym(plugin, "plugin_call");
    CHECK(plugin_call != NULL, "dlsym: %s", dlerror());
    struct job p = {plugin_call, 400, 0};
    pthread_t tp;
    pthread_create(&tp, NULL, run_job, &p);
    failures += run_calls(plugin_call, 100) + run_calls(liba_call, 100);
    pthread_join(tp, NULL);
    size_t spans, errors, distinct, counts[8];
    char names[8][OBSB_CALLSITE_NAME_CAPACITY + 1];
    drain_all(h, &spans, &errors, names, counts, &distinct);
    check_exact(h, spans, errors, 2 * (300 + 400 + 100 + 100), failures + p.failures);
    CHECK(count_of("plugin.call", names, counts, distinct) == 500, "plugin.call");
    CHECK(count_of("liba.call", names, counts, distinct) == 400, "liba.call");
    /* dlclose never unmaps an instrumented library (it pinned itself with RTLD_NODELETE): the
       recorder's pointers into it stay valid, and its functions still record. */
    CHECK(dlclose(plugin) == 0, "dlclose: %s", dlerror());
    CHECK(dlopen(argv[1], RTLD_NOW | RTLD_NOLOAD) != NULL, "dlclose unloaded the instrumented plugin");
    unsigned late_failures = run_calls(plugin_call, 10);
    drain_all(h, &spans, &errors, names, counts, &distinct);
    CHECK(spans == 20 && errors == late_failures, "after dlclose: %zu spans, %zu errors", spans, errors);
    CHECK(obsb_bridge_close(h) == OBSB_STATUS_OK, "close");
    CHECK(obsb_bridge_open(OBSB_ABI_VERSION, NULL, &h) == OBSB_STATUS_OK, "open again after dlclose");
    CHECK(obsb_bridge_close(h) == OBSB_STATUS_OK, "close again");
    printf("dlopen: all collected; dlclose left the plugin mapped and recording\n");
    return 0;
}
EOF

cat >"$work/mismatch.c" <<'EOF'
#include "check.h"
obsb_status liba_call(const obsb_trace_context *, uint32_t, obsb_error *);
#ifndef DLOPEN_ONLY
obsb_status libabi_call(const obsb_trace_context *, uint32_t, obsb_error *);
#endif

static void expect_conflict(uint32_t library, uint32_t recorder, const char *needle) {
    obsb_conflict c;
    CHECK(obsb_conflict_get(&c) == OBSB_STATUS_OK, "a conflict is reported");
    char name[OBSB_LIBRARY_NAME_CAPACITY + 1];
    memcpy(name, c.name, c.name_len);
    name[c.name_len] = 0;
    CHECK(c.library_abi_version == library && c.recorder_abi_version == recorder,
          "library ABI %u, recorder ABI %u", c.library_abi_version, c.recorder_abi_version);
    CHECK(strstr(name, needle) != NULL, "name \"%s\" lacks \"%s\"", name, needle);
    printf("conflict: %s speaks ABI %u, the recorder ABI %u\n", name, library, recorder);
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    obsb_bridge_handle h;
    obsb_error error;
#ifdef DLOPEN_ONLY
    if (strcmp(mode, "dlopen") == 0) {
#else
    if (strcmp(mode, "abi3-first") == 0) {
        /* The ABI 3 copy starts first and is the recorder: this copy is refused when it starts. */
        CHECK(libabi_call(NULL, 0, &error) == OBSB_STATUS_OK, "unrecorded call");
        CHECK(obsb_bridge_open(OBSB_ABI_VERSION, NULL, &h) == OBSB_STATUS_ABI_MISMATCH, "refused");
        expect_conflict(2, 3, "(obsbridge ");
    } else if (strcmp(mode, "dlopen") == 0) {
#endif
        /* A library of another ABI loaded after the bridge opened: refused, reported. */
        CHECK(obsb_bridge_open(OBSB_ABI_VERSION, NULL, &h) == OBSB_STATUS_OK, "open");
        void *plugin = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
        CHECK(plugin != NULL, "dlopen: %s", dlerror());
        call_fn call = (call_fn)dlsym(plugin, "pluginabi_call");
        CHECK(call != NULL, "dlsym");
        CHECK(call(NULL, 0, &error) == OBSB_STATUS_OK, "the call still runs");
        expect_conflict(3, 2, "libpluginabi.so (obsbridge 0.3.0)");
#ifndef DLOPEN_ONLY
    } else if (strcmp(mode, "reversed") == 0) {
        /* The ABI 3 library is first on the link line, so the obsb_* functions the program reaches
           are its copy's: that copy refuses this header's version and names the ABI 2 copy. */
        CHECK(obsb_bridge_open(OBSB_ABI_VERSION, NULL, &h) == OBSB_STATUS_ABI_MISMATCH, "refused");
        expect_conflict(2, 3, "(obsbridge ");
    } else if (strcmp(mode, "both") == 0) {
        /* Both linked in: the ABI 3 copy is found when the bridge opens, before it ever ran. */
        CHECK(obsb_bridge_open(OBSB_ABI_VERSION, NULL, &h) == OBSB_STATUS_ABI_MISMATCH, "refused");
        expect_conflict(3, 2, "(obsbridge 0.3.0)");
        CHECK(libabi_call(NULL, 0, &error) == OBSB_STATUS_OK, "the call still runs");
#endif
    } else {
        CHECK(0, "unknown mode %s", mode);
    }
    CHECK(liba_call(NULL, 0, &error) == OBSB_STATUS_OK, "calls run unrecorded");
    return 0;
}
EOF

ccflags="-std=c11 -D_GNU_SOURCE -O1 -Wall -Wno-unused-function -Werror -I $root/rust/include"
libs="-lpthread -ldl -lm"
say "link the programs"
# shellcheck disable=SC2086
$cc $ccflags "$work/two_static.c" "$out/libliba.a" "$out/liblibb.a" $libs -o "$work/two_static"
# shellcheck disable=SC2086
$cc $ccflags "$work/with_dlopen.c" "$out/libliba.a" $libs -o "$work/with_dlopen"
# shellcheck disable=SC2086
$cc $ccflags "$work/mismatch.c" "$out/libliba.a" "$out/liblibabi.a" $libs -o "$work/mismatch"
# shellcheck disable=SC2086
$cc $ccflags -DDLOPEN_ONLY "$work/mismatch.c" "$out/libliba.a" $libs -o "$work/mismatch_dlopen"
# shellcheck disable=SC2086
$cc $ccflags "$work/mismatch.c" "$out/liblibabi.a" "$out/libliba.a" $libs -o "$work/mismatch_reversed"

"$work/two_static"
"$work/two_static" b-first
"$work/with_dlopen" "$out/libplugin.so"
"$work/mismatch" both
"$work/mismatch" abi3-first
"$work/mismatch_reversed" reversed
"$work/mismatch_dlopen" dlopen "$out/libpluginabi.so"
say "all passed"
