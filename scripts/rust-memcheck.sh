#!/bin/sh
# Runs every Rust test binary of the workspace (unit and integration tests of obsbridge and the
# demo library) under valgrind memcheck. Fails on any memory error and on any definite or possible
# leak. Stress tests shrink under OBSBRIDGE_TEST_SMALL=1, which this script sets, so a full run
# takes well under a minute (about 20 s on a 2-core machine).
# Usage: scripts/rust-memcheck.sh [TEST-NAME-FILTER]   (the filter is passed to every test binary)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
manifest="$root/rust/Cargo.toml"
command -v valgrind >/dev/null 2>&1 || { echo "error: valgrind is not installed" >&2; exit 1; }
command -v cargo >/dev/null 2>&1 || { echo "error: cargo is not on PATH" >&2; exit 1; }

# Build (debug, at most two jobs) and list the test executables cargo produced.
binaries=$(cargo test -j 2 --quiet --manifest-path "$manifest" --no-run --message-format=json \
  | grep '"reason":"compiler-artifact"' | grep '"test":true' \
  | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p')
[ -n "$binaries" ] || { echo "error: cargo built no test executables" >&2; exit 1; }

# One suppression, for the Rust standard library rather than this project: std keeps the main
# thread's handle through a pointer into its allocation, which memcheck calls "possibly lost".
suppressions=$(mktemp)
trap 'rm -f "$suppressions"' EXIT
cat > "$suppressions" <<'SUPP'
{
   rust-std-main-thread-handle
   Memcheck:Leak
   match-leak-kinds: possible
   fun:malloc
   ...
   fun:*std*thread*current*init_current*
}
SUPP

export OBSBRIDGE_TEST_SMALL=1
failed=0
for binary in $binaries; do
  name=$(basename "$binary")
  echo "== valgrind: $name" >&2
  # Integration tests read files relative to their crate, as under cargo test.
  crate_dir="$root/rust/obsbridge"
  case "$name" in demo_ffi-*|obsbridge_demo-*) crate_dir="$root/rust/demo" ;; esac
  if ! (cd "$crate_dir" && valgrind --quiet --error-exitcode=1 --leak-check=full \
          --errors-for-leak-kinds=definite,possible --show-leak-kinds=definite,possible \
          --suppressions="$suppressions" \
          "$binary" --quiet ${1:+"$1"}); then
    echo "== FAILED under valgrind: $name" >&2
    failed=1
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "rust-memcheck: errors found" >&2
  exit 1
fi
echo "rust-memcheck: all test binaries clean under valgrind memcheck" >&2
