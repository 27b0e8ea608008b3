#!/usr/bin/env bash
# Makes a large OTLP JSON Lines traces file for timing `obsbridge summary`: records the demo's
# spans once (every span exported), then repeats that recording until the file reaches the size
# asked for. With OPERATIONS, the spans are renamed op.0 … op.OPERATIONS-1, in turn, so that the
# file holds exactly that many operations (the demo has nine). The file is not committed; make it again
# with this script.
# Usage: scripts/make-recording.sh MEGABYTES OUT [OBSBRIDGE] [OPERATIONS]
#   OBSBRIDGE defaults to .build/release/obsbridge (build it with `swift build -c release -j 1`).
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:?usage: scripts/make-recording.sh MEGABYTES OUT [OBSBRIDGE] [OPERATIONS]}
out=${2:?usage: scripts/make-recording.sh MEGABYTES OUT [OBSBRIDGE] [OPERATIONS]}
obsbridge=${3:-.build/release/obsbridge}
operations=${4:-0}
case "$operations" in ''|*[!0-9]*) echo "make-recording.sh: OPERATIONS must be a whole number" >&2; exit 2 ;; esac
case "$megabytes" in ''|*[!0-9]*) echo "make-recording.sh: MEGABYTES must be a whole number" >&2; exit 2 ;; esac
[ -x "$obsbridge" ] || { echo "make-recording.sh: no $obsbridge; build it first" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$obsbridge" demo --duration 3 --plain --otlp-spans all --otlp "$scratch/demo.jsonl" --max-file-mb 0 > /dev/null
[ -s "$scratch/demo.jsonl" ] || { echo "make-recording.sh: the demo wrote no spans" >&2; exit 1; }
# Whole lines of the recording, repeated, up to the size asked for (the last one may pass it).
python3 - "$scratch/demo.jsonl" "$out" "$((megabytes * 1000 * 1000))" "$operations" <<'PY'
import itertools
import re
import sys
source, out, target, operations = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
lines = open(source, "rb").read().splitlines(keepends=True)
if operations > 0:
    turn = itertools.cycle(range(operations))
    name = re.compile(rb'"name":"[^"]*","kind"')
    lines = [name.sub(lambda m: b'"name":"op.%d","kind"' % next(turn), line) for line in lines]
written = 0
with open(out, "wb") as file:
    while written < target:
        for line in lines:
            file.write(line)
            written += len(line)
            if written >= target:
                break
PY
echo "make-recording.sh: $out: $(stat -c %s "$out") bytes, $(wc -l < "$out") lines," \
  "$(grep -o '"spanId"' "$scratch/demo.jsonl" | wc -l) spans repeated"
