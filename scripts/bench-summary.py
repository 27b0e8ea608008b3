#!/usr/bin/env python3
"""Times `obsbridge summary` against scripts/exact-quantiles.py on one OTLP file, and reports each
one's wall time, throughput and peak resident memory (the README's figures).
Usage: scripts/bench-summary.py FILE [OBSBRIDGE]   (OBSBRIDGE defaults to .build/release/obsbridge)
Make FILE with scripts/make-recording.sh; build obsbridge with `swift build -c release -j 1`.
"""
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def measure(command):
    """Runs command in a child; returns (seconds, peak resident bytes of that child)."""
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    if status != 0:
        sys.exit(f"bench-summary: {' '.join(command)} failed ({status})")
    return seconds, usage.ru_maxrss * 1024


def main():
    path = sys.argv[1]
    obsbridge = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, ".build/release/obsbridge")
    size = os.path.getsize(path)
    runs = [
        ("obsbridge summary", [obsbridge, "summary", path]),
        ("exact-quantiles.py", [sys.executable, os.path.join(ROOT, "scripts/exact-quantiles.py"), path]),
    ]
    results = {}
    for name, command in runs:
        seconds, rss = measure(command)
        results[name] = seconds
        print(f"{name:20} {seconds:7.2f} s  {size / seconds / 1e6:7.1f} MB/s  peak RSS {rss / 1e6:7.1f} MB")
    ratio = results["exact-quantiles.py"] / results["obsbridge summary"]
    print(f"file {size / 1e6:.1f} MB; obsbridge summary is {ratio:.1f}x faster than the script")


if __name__ == "__main__":
    main()
