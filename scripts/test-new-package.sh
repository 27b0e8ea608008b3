#!/bin/sh
# Creates a package with `obsbridge new`, as a new user would, depending on this checkout by path,
# in a temporary directory, and proves three things about it:
#   1. it builds and its tests pass from nothing: swift build, swift test, and cargo test, fmt and
#      clippy on its Rust crate;
#   2. RustBuild runs cargo in rust/: a dependency on a vendored crate (Debian's librust-semver-dev
#      in /usr/share/cargo/registry) resolves through rust/.cargo/config.toml alone, offline and with
#      an empty CARGO_HOME, while cargo started from the package root (the old way) cannot resolve it;
#   3. when cargo fails, `swift build` shows cargo's error under RustBuild's heading, which names the
#      command and the folder.
# Usage: scripts/test-new-package.sh   (OBSBRIDGE_JOBS: build jobs, default 2; KEEP=1 keeps the
# temporary directory). Exits non-zero on the first failure.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${OBSBRIDGE_JOBS:-2}
vendor=/usr/share/cargo/registry
step() { echo "test-new-package: $*" >&2; }
fail() {
  echo "test-new-package: FAILED: $*" >&2
  exit 1
}
# Fails unless FILE contains the fixed string TEXT.
expect_in() { grep -qF -- "$2" "$1" || fail "$3: \"$2\" not in $1"; }

ls -d "$vendor"/semver-1.* >/dev/null 2>&1 || fail "no semver 1.x in $vendor (scripts/install-test-tools.sh installs librust-semver-dev)"

work=$(mktemp -d "${TMPDIR:-/tmp}/obsbridge-new.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
step "work directory $work"

step "building the obsbridge command"
(cd "$root" && swift build -j "$jobs" --product obsbridge >&2)
obsbridge="$root/.build/debug/obsbridge"

# --- 1. obsbridge new, then build and test from nothing ------------------------------------------
step "obsbridge new Greeter --obsbridge-path $root"
(cd "$work" && "$obsbridge" new Greeter --obsbridge-path "$root" >&2)
pkg="$work/Greeter"
for file in Package.swift README.md rust/Cargo.toml rust/src/lib.rs Sources/CGreeter/include/greeter.h \
  Sources/CGreeter/shim.c Sources/Greeter/Greeter.swift Tests/GreeterTests/GreeterTests.swift; do
  [ -f "$pkg/$file" ] || fail "obsbridge new wrote no $file"
done
step "refuses a non-empty target and an invalid name"
if (cd "$work" && "$obsbridge" new Greeter --obsbridge-path "$root" 2>"$work/refused.txt"); then
  fail "obsbridge new wrote into a non-empty directory"
fi
expect_in "$work/refused.txt" "is not empty" "the refusal"
if (cd "$work" && "$obsbridge" new "my-lib" --obsbridge-path "$root" 2>"$work/refused.txt"); then
  fail "obsbridge new accepted the name my-lib"
fi
expect_in "$work/refused.txt" "is not an identifier" "the refusal"

step "Greeter: swift build, swift test"
(cd "$pkg" && swift build -j "$jobs" --build-tests >&2 && swift test -j "$jobs" --skip-build >&2)
step "Greeter: cargo test, fmt, clippy"
(cd "$pkg/rust" && cargo test -j "$jobs" --quiet >&2 && cargo fmt --check >&2 &&
  cargo clippy -j "$jobs" --quiet --all-targets -- -D warnings >&2)

# --- 2. a vendored dependency through rust/.cargo/config.toml only ----------------------------------
step "vendored: semver from $vendor, configured in rust/.cargo/config.toml only"
mkdir -p "$pkg/rust/.cargo"
cat >"$pkg/rust/.cargo/config.toml" <<EOF
# Crates come from Debian's vendored registry, never from the network.
[source.crates-io]
replace-with = "debian-vendor"

[source.debian-vendor]
directory = "$vendor"
EOF
sed -i 's|^obsbridge = .*|&\nsemver = "1"|' "$pkg/rust/Cargo.toml"
cat >>"$pkg/rust/src/lib.rs" <<'EOF'

/// The major version in `text`, parsed by the vendored `semver` crate.
pub fn major_version(text: &str) -> Option<u64> {
    semver::Version::parse(text).ok().map(|version| version.major)
}

#[cfg(test)]
mod vendored {
    #[test]
    fn the_vendored_crate_works() {
        assert_eq!(super::major_version("1.2.3"), Some(1));
        assert_eq!(super::major_version("one"), None);
    }
}
EOF
# No network, and a CARGO_HOME with no cache and no configuration: only rust/.cargo/config.toml
# can supply semver.
CARGO_NET_OFFLINE=true
CARGO_HOME="$work/cargo-home"
export CARGO_NET_OFFLINE CARGO_HOME
mkdir -p "$CARGO_HOME"
if (cd "$pkg" && cargo build --quiet --manifest-path rust/Cargo.toml --target-dir "$work/root-target" --lib \
  >"$work/from-root.txt" 2>&1); then
  fail "cargo started from the package root resolved semver: the test would not tell the folders apart"
fi
(cd "$pkg" && swift build -j "$jobs" --build-tests >"$work/vendored.txt" 2>&1) || {
  cat "$work/vendored.txt" >&2
  fail "swift build with a vendored dependency"
}
[ -d "$pkg/rust/target/release/build" ] || fail "RustBuild did not build rust/ into rust/target"
grep -q '^name = "semver"' "$pkg/rust/Cargo.lock" || fail "semver is not in rust/Cargo.lock"
(cd "$pkg/rust" && cargo test -j "$jobs" --quiet vendored >&2)
(cd "$pkg" && swift test -j "$jobs" --skip-build >&2)

# --- 3. a cargo failure is shown under a heading naming the command and the folder ------------------
step "cargo failure: the error is shown under RustBuild's heading"
printf '\nfn broken( {\n' >>"$pkg/rust/src/lib.rs"
if (cd "$pkg" && swift build -j "$jobs" >"$work/broken.txt" 2>&1); then
  fail "swift build succeeded with a syntax error in rust/src/lib.rs"
fi
expect_in "$work/broken.txt" "error: RustBuild: cargo failed (exit status 101) building the Rust library libgreeter.a" "the heading"
expect_in "$work/broken.txt" "  command: cargo build --release --quiet --target-dir $pkg/rust/target --lib" "the command"
expect_in "$work/broken.txt" "  in:      $pkg/rust" "the folder"
expect_in "$work/broken.txt" "---------- cargo's output ----------" "the output's heading"
expect_in "$work/broken.txt" "this file contains an unclosed delimiter" "rustc's error"
expect_in "$work/broken.txt" "---------- end of cargo's output ----------" "the output's end"
expect_in "$work/broken.txt" "Building the Rust library libgreeter.a with cargo" "SwiftPM's line for the command"
# Cargo's whole error sits between the heading and the end marker, in one block.
heading=$(grep -nF "error: RustBuild: cargo failed" "$work/broken.txt" | head -1 | cut -d: -f1)
rustc_error=$(grep -nF "unclosed delimiter" "$work/broken.txt" | head -1 | cut -d: -f1)
end=$(grep -nF "end of cargo's output" "$work/broken.txt" | head -1 | cut -d: -f1)
[ "$heading" -lt "$rustc_error" ] && [ "$rustc_error" -lt "$end" ] ||
  fail "order: heading $heading, cargo's error $rustc_error, end $end"
step "all passed"
