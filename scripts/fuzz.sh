#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (Swift's -sanitize=fuzzer,address, linked with lld) and runs
# each for a bounded time over a copy of its committed seed corpus in Fuzz/Corpus/<target>/.
# Fails on the first crash, leak, timeout or broken invariant; the input that did it is kept in
# $FUZZ_ARTIFACTS (default .build-fuzz/artifacts) and printed in base64. To keep one: add it to
# Fuzz/Corpus/<target>/ and write a regression test in the normal suite.
# Usage: scripts/fuzz.sh [SECONDS-PER-TARGET] [TARGET...]   (default 30 s, every target)
# Environment: OBSBRIDGE_JOBS (default 2) for the builds.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzTraceparent FuzzSanitizer FuzzSummary FuzzNativeABI)
jobs=${OBSBRIDGE_JOBS:-2}
scratch="$root/.build-fuzz"
artifacts=${FUZZ_ARTIFACTS:-$scratch/artifacts}
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number, got '$seconds'" >&2; exit 2 ;; esac

echo "== fuzz: cargo build (the demo library the native target links)"
cargo build --release --quiet -j "$jobs" --manifest-path rust/Cargo.toml --lib

echo "== fuzz: swift build (-sanitize=fuzzer,address)"
# gold crashes formatting a diagnostic for these links (dwarf_reader.cc internal error); lld works.
mkdir -p "$scratch"
if ! (cd Fuzz && swift build -c release -j "$jobs" --scratch-path "$scratch" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld > "$scratch/build.log" 2>&1); then
  grep -v "Cannot export local symbol" "$scratch/build.log" >&2
  echo "fuzz.sh: the fuzz targets did not build" >&2
  exit 1
fi
for target in "${targets[@]}"; do
  [ -x "$scratch/release/$target" ] || { echo "fuzz.sh: $target did not build" >&2; exit 1; }
done

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS="suppressions=$root/scripts/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
mkdir -p "$artifacts"
failed=()
for target in "${targets[@]}"; do
  seeds="$root/Fuzz/Corpus/$target"
  [ -d "$seeds" ] || { echo "fuzz.sh: no seed corpus $seeds" >&2; exit 1; }
  # Fuzz into a scratch copy, so the committed corpus only changes on purpose.
  work="$scratch/corpus/$target"
  rm -rf "$work" && mkdir -p "$work"
  echo "== fuzz: $target for ${seconds}s ($(ls "$seeds" | wc -l) seeds)"
  log="$artifacts/$target.log"
  if "$scratch/release/$target" "$work" "$seeds" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
       -artifact_prefix="$artifacts/$target-" > "$log" 2>&1; then
    grep -E "^(Done|stat::number_of_executed_units)" "$log" | tail -1
  else
    echo "== FAILED: $target (log: $log)" >&2
    grep -E "ERROR|Fatal error|deadly|SUMMARY|Test unit written|Base64" "$log" | head -20 >&2 || tail -30 "$log" >&2
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: failures in ${failed[*]}; inputs in $artifacts" >&2
  exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets ran ${seconds}s each with no finding"
