#!/bin/sh
# Builds and tests every example package under Examples/ from this checkout, the way its README
# says: swift build, swift test, swift run (short), plus the example crate's Rust tests.
# Exits non-zero on the first failure. Each example keeps its own .build/ and rust/target/.
# Usage: scripts/test-examples.sh [EXAMPLE...]   (default: every directory under Examples/)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${JOBS:-2}

if [ $# -eq 0 ]; then
  set --
  for dir in "$root"/Examples/*/; do
    [ -f "$dir/Package.swift" ] && set -- "$@" "$(basename "$dir")"
  done
fi
[ $# -gt 0 ] || { echo "test-examples: no example packages under $root/Examples" >&2; exit 1; }

step() { echo "test-examples: $*" >&2; }

for name in "$@"; do
  dir="$root/Examples/$name"
  [ -f "$dir/Package.swift" ] || { echo "test-examples: $dir has no Package.swift" >&2; exit 1; }
  cd "$dir"
  if [ -f rust/Cargo.toml ]; then
    step "$name: cargo test"
    cargo test --quiet -j "$jobs" --manifest-path rust/Cargo.toml --target-dir rust/target >&2
  fi
  step "$name: swift build"
  swift build -j "$jobs" >&2
  step "$name: swift test"
  swift test -j "$jobs" >&2
  step "$name: swift run"
  case "$name" in
    ChecksumKit)
      out=$(swift run -j "$jobs" checksumkit-demo --rounds 5 2>/dev/null)
      printf '%s\n' "$out"
      # The demo must have traced calls, matched both errors and retried a short buffer.
      for expected in "ck.crc32_batch" "dropped 0" "matched malformed input" \
        "matched unknown algorithm" "BUFFER_TOO_SMALL matched" "round trip verified"; do
        case "$out" in
          *"$expected"*) ;;
          *) echo "test-examples: $name: demo output lacks \"$expected\"" >&2; exit 1 ;;
        esac
      done
      ;;
    HashKit)
      out=$(swift run -j "$jobs" hash-and-checksum --rounds 20 2>/dev/null)
      printf '%s\n' "$out"
      # Both libraries' spans in one collector, nothing lost, the errors matched.
      for expected in "ck.crc32 " "hk.siphash24 " "hk.hex_decode " "app.request " \
        "one collector, both libraries" "matched 2 malformed hex inputs" "+ dropped 0;"; do
        case "$out" in
          *"$expected"*) ;;
          *) echo "test-examples: $name: app output lacks \"$expected\"" >&2; exit 1 ;;
        esac
      done
      ;;
    *)
      swift run -j "$jobs" >&2
      ;;
  esac
done
step "all examples passed: $*"
