#!/usr/bin/env bash
# Installs what the test suite checks our output against, if it is missing:
#   promtool (Debian's `prometheus` package)  - validates the Prometheus text exposition; the same
#                                               package's server runs the dashboard queries
#   prometheus-node-exporter (Debian)         - serves the exporter's file through its textfile
#                                               collector to that server
#   opentelemetry-proto + protobuf (PyPI)     - parses every OTLP JSON line with the official schema
#   tmux (Debian)                             - drives `obsbridge top` in a real terminal
#   valgrind (Debian)                         - memcheck over the Rust tests
#   strace (Debian)                           - shows the file system calls of the safe writers
#   chromium (Debian)                         - renders `obsbridge report` headless (screenshot, DOM,
#                                               console, network) in the report's browser tests
#   librust-semver-dev (Debian)               - a vendored crate in /usr/share/cargo/registry, for the
#                                               offline build through rust/.cargo/config.toml
#                                               (scripts/test-new-package.sh)
# and checks that Python has tomllib and that a C compiler exists (scripts/check-docs.py).
# Idempotent; prints what it installs. Fails (non-zero) if an install fails.
set -euo pipefail

need_apt=()
{ command -v promtool && command -v prometheus; } >/dev/null 2>&1 || need_apt+=(prometheus)
command -v prometheus-node-exporter >/dev/null 2>&1 || need_apt+=(prometheus-node-exporter)
command -v tmux >/dev/null 2>&1 || need_apt+=(tmux)
command -v valgrind >/dev/null 2>&1 || need_apt+=(valgrind)
command -v strace >/dev/null 2>&1 || need_apt+=(strace)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
ls -d /usr/share/cargo/registry/semver-1.* >/dev/null 2>&1 || need_apt+=(librust-semver-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-test-tools: apt-get install ${need_apt[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import opentelemetry.proto.trace.v1.trace_pb2, google.protobuf.json_format' >/dev/null 2>&1; then
  echo "install-test-tools: pip install opentelemetry-proto"
  "$python" -m pip install --quiet --disable-pip-version-check opentelemetry-proto
fi

# scripts/check-docs.py parses TOML blocks with tomllib (Python 3.11+) and checks C blocks with cc
# or the Swift toolchain's clang.
python3 -c 'import tomllib' || { echo "install-test-tools: scripts/check-docs.py needs Python 3.11+ (tomllib)" >&2; exit 1; }
command -v cc >/dev/null 2>&1 || command -v clang >/dev/null

command -v promtool >/dev/null
command -v prometheus >/dev/null
command -v prometheus-node-exporter >/dev/null
command -v tmux >/dev/null
command -v strace >/dev/null
command -v chromium >/dev/null
ls -d /usr/share/cargo/registry/semver-1.* >/dev/null
"$python" -c 'import opentelemetry.proto.trace.v1.trace_pb2'
