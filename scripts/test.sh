#!/usr/bin/env bash
# Runs every test: the static checks (module imports, cargo fmt and clippy, swift format), the Rust
# workspace (cargo test, then again under valgrind memcheck), several instrumented libraries in one
# C program (scripts/test-multi-library.sh), the example packages, the fuzz targets (bounded), the
# Swift package (swift test), a package made by `obsbridge new` (built and tested from nothing, a
# vendored crate, cargo's error), the guide's code blocks (compiled or run), the dashboards'
# queries against a real Prometheus server scraping node_exporter over the demo's output, and the
# Swift suite again under ThreadSanitizer and AddressSanitizer, after installing the tools the tests
# check our output with (promtool, prometheus, node_exporter, opentelemetry-proto, tmux, valgrind,
# chromium, librust-semver-dev). Prints each step's time. About 18 minutes from a fresh clone on 2
# cores. Usage: scripts/test.sh   (from anywhere; exits non-zero on the first failure)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${OBSBRIDGE_JOBS:-2}
export OBSBRIDGE_JOBS=$jobs

started=$SECONDS
step_started=$SECONDS
step_name=""
# Closes the previous step with its time, and names the next one.
step() {
  [ -n "$step_name" ] && echo "== time: $step_name: $((SECONDS - step_started)) s"
  step_name=$1
  step_started=$SECONDS
  echo "== $1"
}

step "tools"
scripts/install-test-tools.sh

step "lint: module imports, cargo fmt and clippy, swift format"
scripts/lint.sh

step "rust: cargo test"
cargo test --manifest-path rust/Cargo.toml -j "$jobs" 2>&1

step "rust: every test binary under valgrind memcheck"
scripts/rust-memcheck.sh

step "several Rust libraries in one program: two static, static + dlopen, ABI mismatch"
JOBS=$jobs scripts/test-multi-library.sh

step "example package: Examples/ChecksumKit (its own Rust library, ObsBridge by path)"
scripts/test-examples.sh

step "fuzzing: each libFuzzer target for a bounded time over its committed corpus"
scripts/fuzz.sh "${OBSBRIDGE_FUZZ_SECONDS:-30}"

step "swift: swift build and swift test"
swift build -j "$jobs" --build-tests 2>&1
swift test -j "$jobs" --skip-build 2>&1

step "new package: obsbridge new, swift build and test from nothing; a vendored crate via rust/.cargo; cargo's error heading"
scripts/test-new-package.sh

step "docs: every code block of README.md and Docs/GUIDE.md compiles or runs (scripts/check-docs.py)"
timeout 2400 python3 scripts/check-docs.py --self-test
timeout 2400 python3 scripts/check-docs.py

step "prometheus: node_exporter's textfile collector and a Prometheus server over the demo's output, every dashboard query"
scripts/prometheus-dashboard.sh

step "swift: the suite under ThreadSanitizer and AddressSanitizer"
scripts/sanitizers.sh thread address
step "done"
echo "== time: all steps: $((SECONDS - started)) s"
