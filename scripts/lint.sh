#!/usr/bin/env bash
# The project's static checks, each of which fails the test command:
#   - module imports go only in the allowed directions (scripts/check-module-imports.py);
#   - every code block of README.md and Docs/GUIDE.md is tagged compile, run or illustrative
#     (scripts/check-docs.py --tags-only; the test command compiles and runs them);
#   - Rust: cargo fmt --check and cargo clippy --all-targets -D warnings, for the workspace and for
#     every example crate (lint levels in rust/Cargo.toml's [workspace.lints]);
#   - Swift: the toolchain's `swift format lint --strict` with the committed .swift-format.
# Usage: scripts/lint.sh   (from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${OBSBRIDGE_JOBS:-2}

python3 scripts/check-module-imports.py
python3 scripts/check-docs.py --tags-only

for crate in rust Examples/*/rust; do
  echo "lint: cargo fmt --check, cargo clippy ($crate)"
  (cd "$crate" && cargo fmt --check && cargo clippy --quiet --all-targets -j "$jobs" -- -D warnings)
done

echo "lint: swift format lint --strict"
swift format lint --strict --recursive --configuration .swift-format \
  Package.swift Plugins Sources Tests Fuzz/Package.swift Fuzz/Sources
echo "lint: clean"
