#!/usr/bin/env bash
# Runs the exporter's output through a real Prometheus: `obsbridge demo` writes its Prometheus file
# into node_exporter's textfile directory every second, node_exporter (textfile collector only)
# serves it, Prometheus scrapes node_exporter every second, and scripts/check_dashboard.py checks
# over Prometheus' HTTP API that every dashboard query returns data, that the per-instance panels
# read the exact quantile gauges, and that histogram_quantile over the buckets stays within the
# stated bound of the snapshot's quantiles. Random free ports, temporary directories, every
# process killed on exit. About 40 seconds.
# Usage: scripts/prometheus-dashboard.sh [OBSBRIDGE_BINARY]   (default: the debug build's)
set -euo pipefail
cd "$(dirname "$0")/.."
obsbridge=${1:-$(swift build --show-bin-path)/obsbridge}
[ -x "$obsbridge" ] || { echo "prometheus-dashboard: no obsbridge binary at $obsbridge" >&2; exit 1; }
for tool in prometheus prometheus-node-exporter; do
  command -v "$tool" >/dev/null || { echo "prometheus-dashboard: $tool missing (scripts/install-test-tools.sh)" >&2; exit 1; }
done
python=${PYTHON:-python3}

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
node_port=$(free_port)
prometheus_port=$(free_port)
mkdir -p "$work/textfile" "$work/tsdb"

# The demo first, so that node_exporter's first scrape already finds the file.
timeout 120 "$obsbridge" demo --plain --duration 30 --rate 5000 --interval 1 \
  --prometheus "$work/textfile/obsbridge.prom" --snapshot "$work/snapshot.json" >"$work/demo.log" 2>&1 &
demo_pid=$!
pids+=("$demo_pid")

timeout 120 prometheus-node-exporter --web.listen-address="127.0.0.1:$node_port" \
  --collector.disable-defaults --collector.textfile --collector.textfile.directory="$work/textfile" \
  >"$work/node.log" 2>&1 &
pids+=("$!")

cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ["127.0.0.1:$node_port"]
YAML
timeout 120 prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prometheus_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
pids+=("$!")

status=0
timeout 100 "$python" scripts/check_dashboard.py --prometheus "http://127.0.0.1:$prometheus_port" \
  --snapshot "$work/snapshot.json" --demo-pid "$demo_pid" dashboards/*.json || status=$?
if [ "$status" -ne 0 ]; then
  for log in demo node prometheus; do
    echo "--- $log.log (last lines)" >&2
    tail -n 20 "$work/$log.log" >&2 || true
  done
fi
exit "$status"
