#!/usr/bin/env bash
# Runs the Swift test suite under ThreadSanitizer and AddressSanitizer (with LeakSanitizer), each in
# its own scratch path (.build-tsan, .build-asan), then the Rust tests under valgrind memcheck
# (scripts/rust-memcheck.sh). Fails loudly on the first report: a sanitizer report makes the test
# process (or a CLI process a test runs) exit non-zero, and swift test fails.
# Usage: scripts/sanitizers.sh [thread|address|valgrind ...]   (default: all three)
# Takes about 3 minutes on 2 cores with a warm cargo cache (each Swift build from scratch ~30 s,
# the TSan suite ~60 s, the ASan suite ~40 s, valgrind ~20 s).
# Environment: OBSBRIDGE_JOBS (default 2). Runs unattended (no tty, no input).
#
# Notes
# - TSan builds pass -DOBSBRIDGE_TSAN, which swaps Synchronization.Mutex for a pthread-based lock of
#   the same shape (`Locked`, Sources/ObsCollector/Support/Locked.swift): the standard Mutex waits in
#   an uninstrumented futex, and TSan then reports false races on everything it guards.
# - The Rust archive is not instrumented (sanitizers for Rust need a nightly toolchain); valgrind
#   covers it, and ASan still checks every Swift access to memory the Rust side hands back.
# - LeakSanitizer ignores two toolchain leaks (scripts/lsan-suppressions.txt), never ours.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=${OBSBRIDGE_JOBS:-2}
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(thread address valgrind)

run_swift() {  # sanitizer scratch-path extra-swiftc-flags...
  local sanitizer=$1 scratch=$2
  shift 2
  local flags=()
  for flag in "$@"; do flags+=(-Xswiftc "$flag"); done
  echo "== sanitizers: swift build --sanitize=$sanitizer ($scratch)"
  local start=$SECONDS
  mkdir -p "$scratch"
  if ! swift build -j "$jobs" --build-tests --sanitize="$sanitizer" --scratch-path "$scratch" \
        ${flags[@]+"${flags[@]}"} > "$scratch/sanitizer-build.log" 2>&1; then
    grep -v "Cannot export local symbol" "$scratch/sanitizer-build.log" | tail -n 60 >&2
    echo "== FAILED: swift build --sanitize=$sanitizer (full log: $scratch/sanitizer-build.log)" >&2
    exit 1
  fi
  tail -n 1 "$scratch/sanitizer-build.log"
  echo "== sanitizers: swift test --sanitize=$sanitizer"
  local log="$scratch/sanitizer-test.log"
  if ! swift test -j "$jobs" --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" \
        ${flags[@]+"${flags[@]}"} > "$log" 2>&1; then
    grep -E -A40 "WARNING: ThreadSanitizer|ERROR: (Address|Leak)Sanitizer" "$log" | head -120 >&2 || true
    grep -E "^✘|error:" "$log" | head -40 >&2 || true
    echo "== FAILED under --sanitize=$sanitizer (full log: $log)" >&2
    exit 1
  fi
  if grep -qE "WARNING: ThreadSanitizer|ERROR: (Address|Leak)Sanitizer" "$log"; then
    grep -E -A40 "WARNING: ThreadSanitizer|ERROR: (Address|Leak)Sanitizer" "$log" | head -120 >&2
    echo "== FAILED: a sanitizer report in a passing run (full log: $log)" >&2
    exit 1
  fi
  grep -E "Test run with|Executed [0-9]+ tests" "$log" | tail -n 2 || true
  echo "== sanitizers: --sanitize=$sanitizer clean in $((SECONDS - start)) s"
}

export LSAN_OPTIONS="suppressions=$root/scripts/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=0:exitcode=66}
# Stress tests shrink under sanitizers (see the fault-injection tests).
export OBSBRIDGE_TEST_SMALL=1

for step in "${steps[@]}"; do
  case "$step" in
    thread) run_swift thread "$root/.build-tsan" -DOBSBRIDGE_TSAN ;;
    address) run_swift address "$root/.build-asan" ;;
    valgrind)
      echo "== sanitizers: scripts/rust-memcheck.sh"
      scripts/rust-memcheck.sh ;;
    *) echo "sanitizers.sh: unknown step '$step' (thread, address, valgrind)" >&2; exit 2 ;;
  esac
done
echo "sanitizers.sh: ${steps[*]}: clean"
