#!/usr/bin/env python3
"""Checks Grafana dashboards against a running Prometheus that scrapes ObsBridge's exporter output.

Usage: check_dashboard.py --prometheus URL --snapshot FILE --demo-pid PID DASHBOARD.json...

1. Waits until Prometheus has scraped the metrics for a while, then runs every panel query of every
   dashboard over the HTTP API, with Grafana's variables substituted ($__rate_interval, $__interval,
   $__range and the dashboard's own variables, at their "All" value), and requires data: at least
   one series with a number that is not NaN. `label_values(metric, label)` variable queries must
   find the label. An unknown variable is an error.
2. Requires at least one panel titled "Per instance", and that each of its queries reads the exact
   quantile gauges (obsbridge_recent_call_duration_seconds) and never histogram_quantile.
3. Waits for the demo to exit and for Prometheus to hold the same counts as the final snapshot, then
   checks the bucket layout (first bound at most 10 ns, at most 40 buckets per operation) and, for
   every operation and quantile (0.5, 0.9, 0.99, 0.999, 1), histogram_quantile over the buckets
   against the snapshot's quantile: within the stated bound (25 %) when the exact value lies
   between the first and the last finite bound; at most the first bound below it; exactly the last
   bound above it. The snapshot's quantile is the midpoint of a 1/256-wide histogram bucket, so the
   exact value is taken as anywhere in that bucket. Also checks that the quantile gauges equal the
   snapshot's last-minute quantiles.
Prints a JSON summary; exits 1 with the reason on the first failure.
"""
import argparse
import json
import math
import os
import re
import sys
import time
import urllib.parse
import urllib.request

BOUND = 0.25  # PrometheusBuckets.interpolationErrorBound is at most this
SNAPSHOT_ERROR = 1 / 256  # LatencyHistogram.relativeErrorBound (exact below 256 ns)
QUANTILES = [("0.5", "p50_ns"), ("0.9", "p90_ns"), ("0.99", "p99_ns"), ("0.999", "p999_ns"), ("1", "max_ns")]
GRAFANA = {"__rate_interval": "10s", "__interval": "2s", "__range": "1m", "__range_s": "60", "__range_ms": "60000"}


def fail(message):
    print(f"check_dashboard: {message}", file=sys.stderr)
    sys.exit(1)


def api(base, path, **params):
    url = f"{base}{path}?{urllib.parse.urlencode(params, doseq=True)}"
    with urllib.request.urlopen(url, timeout=10) as response:
        body = json.load(response)
    if body.get("status") != "success":
        fail(f"{path} {params}: {body}")
    return body["data"]


def query(base, expression):
    return api(base, "/api/v1/query", query=expression)["result"]


def wait(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.5)
    fail(f"timed out after {seconds} s waiting for {what}")


def variables_of(dashboard):
    values = dict(GRAFANA)
    for variable in dashboard.get("templating", {}).get("list", []):
        if variable.get("type") == "query":
            values[variable["name"]] = variable.get("allValue", ".*") if variable.get("includeAll") else ".*"
        elif variable.get("type") == "datasource":
            values[variable["name"]] = "prometheus"
    return values


def substitute(expression, values):
    def replace(match):
        name = match.group(1) or match.group(2)
        if name not in values:
            fail(f"unknown Grafana variable ${name} in {expression!r}")
        return values[name]

    return re.sub(r"\$\{(\w+)(?::\w+)?\}|\$(\w+)", replace, expression)


def panels(dashboard):
    for panel in dashboard.get("panels", []):
        yield panel
        yield from panel.get("panels", [])  # rows


def check_queries(base, dashboard, name, summary):
    values = variables_of(dashboard)
    for variable in dashboard.get("templating", {}).get("list", []):
        definition = variable.get("definition", "")
        match = re.fullmatch(r"label_values\((\w+),\s*(\w+)\)", definition)
        if variable.get("type") == "query":
            if not match:
                fail(f"{name}: variable {variable['name']}: cannot check query {definition!r}")
            series = api(base, "/api/v1/series", **{"match[]": match.group(1)})
            if not any(match.group(2) in labels for labels in series):
                fail(f"{name}: variable {variable['name']}: no series of {match.group(1)} has label {match.group(2)}")
            summary["variable_queries"] += 1
    per_instance = 0
    for panel in panels(dashboard):
        expressions = [target["expr"] for target in panel.get("targets", []) if "expr" in target]
        if panel.get("title", "").startswith("Per instance"):
            per_instance += 1
            for expression in expressions:
                if "obsbridge_recent_call_duration_seconds" not in expression or "histogram_quantile" in expression:
                    fail(f"{name}: per-instance panel {panel['title']!r} does not read the gauges: {expression}")
        for expression in expressions:
            result = query(base, substitute(expression, values))
            numbers = [float(sample["value"][1]) for sample in result]
            if not any(not math.isnan(number) for number in numbers):
                fail(f"{name}: panel {panel.get('title')!r}: no data for {expression} (result {result})")
            summary["panel_queries"] += 1
    if per_instance == 0:
        fail(f"{name}: no panel titled 'Per instance'")
    summary["per_instance_panels"] += per_instance


def demo_running(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def by_operation(result, extra=None):
    table = {}
    for sample in result:
        key = sample["metric"]["operation"]
        if extra:
            key = (key, sample["metric"][extra])
        table[key] = float(sample["value"][1])
    return table


def check_bound(base, snapshot_path, summary):
    with open(snapshot_path, encoding="utf-8") as handle:
        snapshot = json.load(handle)
    operations = {operation["name"]: operation for operation in snapshot["operations"]}
    layout = {}
    for sample in query(base, "obsbridge_call_duration_seconds_bucket"):
        layout.setdefault(sample["metric"]["operation"], set()).add(sample["metric"]["le"])
    for operation, les in layout.items():
        if len(les) > 40:
            fail(f"{operation}: {len(les)} buckets, more than 40")
    finite = sorted(float(le) * 1e9 for le in next(iter(layout.values())) if le != "+Inf")
    lowest, highest = finite[0], finite[-1]
    if lowest > 10 + 1e-9:
        fail(f"the first bucket ends at {lowest} ns, above 10 ns")
    summary["buckets_per_operation"] = len(finite) + 1
    summary["bucket_range_ns"] = [round(lowest), round(highest)]
    worst = {label: 0.0 for label, _ in QUANTILES}
    for label, field in QUANTILES:
        estimates = by_operation(
            query(base, f"histogram_quantile({label}, obsbridge_call_duration_seconds_bucket)"))
        for name, operation in operations.items():
            exact = operation[field]
            if operation["histogram"]["count"] == 0:
                continue
            estimate = estimates[name] * 1e9
            error = 0 if exact < 256 or field == "max_ns" else SNAPSHOT_ERROR
            low, high = exact / (1 + error), exact / (1 - error)
            where = f"{name} quantile {label}: histogram_quantile {estimate:.1f} ns, snapshot {exact} ns"
            if high <= lowest:
                if estimate > lowest * (1 + 1e-9):
                    fail(f"{where}: above the first bound {lowest} ns")
                summary["below_range"] += 1
            elif low > highest:
                if not math.isclose(estimate, highest, rel_tol=1e-9):
                    fail(f"{where}: not the last bound {highest} ns")
                summary["above_range"] += 1
            elif low > lowest and high <= highest:
                if not low * (1 - BOUND) - 1e-6 <= estimate <= high * (1 + BOUND) + 1e-6:
                    fail(f"{where}: outside the {BOUND:.0%} bound")
                worst[label] = max(worst[label], abs(estimate - exact) / exact)
                summary["within_bound"] += 1
            else:
                summary["straddling_a_range_edge"] += 1
    summary["worst_relative_error_by_quantile"] = {label: round(value, 4) for label, value in worst.items()}
    gauges = by_operation(query(base, "obsbridge_recent_call_duration_seconds"), "quantile")
    for name, operation in operations.items():
        recent = operation.get("recent")
        if not recent or recent["count"] == 0:
            fail(f"{name}: the final snapshot has no last-minute quantiles")
        for label, field in QUANTILES:
            value = gauges.get((name, label))
            if value is None or not math.isclose(value * 1e9, recent[field], rel_tol=1e-9, abs_tol=1e-3):
                fail(f"{name} quantile {label}: gauge {value} s, snapshot recent {recent[field]} ns")
            summary["gauges_checked"] += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prometheus", required=True)
    parser.add_argument("--snapshot", required=True)
    parser.add_argument("--demo-pid", type=int, required=True)
    parser.add_argument("dashboards", nargs="+")
    arguments = parser.parse_args()
    base = arguments.prometheus.rstrip("/")
    summary = {"dashboards": 0, "variable_queries": 0, "panel_queries": 0, "per_instance_panels": 0,
               "within_bound": 0, "below_range": 0, "above_range": 0, "straddling_a_range_edge": 0,
               "gauges_checked": 0}

    wait(lambda: urllib.request.urlopen(f"{base}/-/ready", timeout=2).status == 200, 30, "Prometheus")
    # Enough samples for rate() over $__rate_interval while the demo still runs.
    wait(lambda: any(float(sample["value"][1]) >= 12
                     for sample in query(base, "count_over_time(obsbridge_calls_total[1m])")),
         40, "12 scrapes of the demo's metrics")
    for path in arguments.dashboards:
        with open(path, encoding="utf-8") as handle:
            check_queries(base, json.load(handle), os.path.basename(path), summary)
        summary["dashboards"] += 1

    wait(lambda: not demo_running(arguments.demo_pid), 60, "the demo to finish")

    def same_counts():
        with open(arguments.snapshot, encoding="utf-8") as handle:
            snapshot = json.load(handle)
        scraped = by_operation(query(base, "obsbridge_call_duration_seconds_count"))
        return all(scraped.get(operation["name"]) == operation["histogram"]["count"]
                   for operation in snapshot["operations"])

    wait(same_counts, 20, "Prometheus to scrape the final snapshot's counts")
    check_bound(base, arguments.snapshot, summary)
    print(json.dumps(summary, sort_keys=True))


if __name__ == "__main__":
    main()
