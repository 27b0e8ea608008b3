#!/usr/bin/env python3
"""Exact per-operation latency quantiles of an OTLP JSON Lines traces file: the ten-line script a
user would write instead of `obsbridge summary` (the README's comparison; scripts/bench-summary.py
times both). For each line: json.loads, walk resourceSpans / scopeSpans / spans, append end minus
start to a list per span name; then sort each list and pick p50, p99 and max (nearest rank).
Usage: scripts/exact-quantiles.py FILE
"""
import json
import math
import sys

latencies = {}
with open(sys.argv[1], "rb") as recording:
    for line in recording:
        if not line.strip():
            continue
        for resource in json.loads(line).get("resourceSpans", []):
            for scope in resource.get("scopeSpans", []):
                for span in scope.get("spans", []):
                    duration = int(span["endTimeUnixNano"]) - int(span["startTimeUnixNano"])
                    latencies.setdefault(span["name"], []).append(duration)

for name, values in sorted(latencies.items()):
    values.sort()
    rank = lambda q: values[max(0, math.ceil(q * len(values)) - 1)]
    print(f"{name}\t{len(values)}\tp50 {rank(0.5)}\tp99 {rank(0.99)}\tmax {values[-1]}")
