#!/usr/bin/env python3
"""Checks OTLP JSON Lines files against the official OpenTelemetry protobuf definitions.

Usage: check_otlp.py traces|metrics|logs FILE

Every line must parse, strictly (unknown fields are errors), into TracesData, MetricsData or LogsData
from PyPI's opentelemetry-proto. OTLP/JSON writes trace and span ids as hex where proto3 JSON would
use base64, so ids are converted first (as the Collector's own decoder does), and then checked to
round-trip: the bytes in the parsed message must equal the hex ids on the line; timestamps and
values must equal the JSON's. Prints a JSON summary (line, span, data point and log record counts).
Exits 1 with the line number on the first problem.
"""
import base64
import json
import re
import sys

from google.protobuf import json_format
from opentelemetry.proto.logs.v1.logs_pb2 import LogsData
from opentelemetry.proto.metrics.v1.metrics_pb2 import MetricsData
from opentelemetry.proto.trace.v1.trace_pb2 import TracesData

HEX = {"traceId": 32, "spanId": 16, "parentSpanId": 16}


def fail(line_number, message):
    print(f"line {line_number}: {message}", file=sys.stderr)
    sys.exit(1)


def hex_ids_to_base64(node, line_number):
    """Replaces hex ids with base64 in place; returns the hex ids seen, in order."""
    seen = []
    if isinstance(node, dict):
        for key, value in list(node.items()):
            if key in HEX and isinstance(value, str):
                if value == "" and key == "parentSpanId":
                    continue
                if not re.fullmatch(r"[0-9a-f]{%d}" % HEX[key], value):
                    fail(line_number, f"{key} {value!r} is not {HEX[key]} lowercase hex digits")
                if set(value) == {"0"}:
                    fail(line_number, f"{key} is all zeros")
                seen.append(value)
                node[key] = base64.b64encode(bytes.fromhex(value)).decode()
            else:
                seen.extend(hex_ids_to_base64(value, line_number))
    elif isinstance(node, list):
        for item in node:
            seen.extend(hex_ids_to_base64(item, line_number))
    return seen


def ids_in_message(message):
    found = []
    for descriptor, value in message.ListFields():
        if descriptor.name in ("trace_id", "span_id", "parent_span_id") and isinstance(value, bytes):
            if value:
                found.append(value.hex())
        elif descriptor.message_type is not None:
            repeated = getattr(descriptor, "is_repeated", None)
            if repeated is None:  # protobuf releases before is_repeated
                repeated = descriptor.label == descriptor.LABEL_REPEATED
            items = value if repeated else [value]
            for item in items:
                found.extend(ids_in_message(item))
    return found


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("traces", "metrics", "logs"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    kind, path = sys.argv[1], sys.argv[2]
    message_type = {"traces": TracesData, "metrics": MetricsData, "logs": LogsData}[kind]
    summary = {"lines": 0, "spans": 0, "data_points": 0, "log_records": 0, "span_names": [],
               "metric_names": [], "failed_spans": 0}
    with open(path, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                document = json.loads(line)
            except json.JSONDecodeError as error:
                fail(line_number, f"not JSON: {error}")
            original = json.loads(line)
            hex_ids = hex_ids_to_base64(document, line_number)
            try:
                message = json_format.ParseDict(document, message_type(), ignore_unknown_fields=False)
            except json_format.ParseError as error:
                fail(line_number, f"not a valid {message_type.__name__}: {error}")
            if sorted(ids_in_message(message)) != sorted(hex_ids):
                fail(line_number, "trace/span ids did not round-trip")
            summary["lines"] += 1
            if kind == "traces":
                spans = [s for rs in message.resource_spans for ss in rs.scope_spans for s in ss.spans]
                raw = [s for rs in original["resourceSpans"] for ss in rs["scopeSpans"] for s in ss["spans"]]
                for span, source in zip(spans, raw):
                    if span.start_time_unix_nano != int(source["startTimeUnixNano"]) or \
                            span.end_time_unix_nano != int(source["endTimeUnixNano"]):
                        fail(line_number, "span timestamps did not round-trip")
                    if span.end_time_unix_nano < span.start_time_unix_nano:
                        fail(line_number, "a span ends before it starts")
                    if span.status.code == 2:
                        summary["failed_spans"] += 1
                summary["spans"] += len(spans)
                summary["span_names"] = sorted(set(summary["span_names"]) | {s.name for s in spans})
            elif kind == "metrics":
                metrics = [m for rm in message.resource_metrics for sm in rm.scope_metrics for m in sm.metrics]
                for metric in metrics:
                    if metric.HasField("histogram"):
                        for point in metric.histogram.data_points:
                            if sum(point.bucket_counts) != point.count:
                                fail(line_number, f"{metric.name}: bucket counts do not add up to count")
                            if len(point.bucket_counts) != len(point.explicit_bounds) + 1:
                                fail(line_number, f"{metric.name}: bucket counts and bounds disagree")
                            summary["data_points"] += 1
                    elif metric.HasField("sum"):
                        summary["data_points"] += len(metric.sum.data_points)
                summary["metric_names"] = sorted(set(summary["metric_names"]) | {m.name for m in metrics})
            else:
                records = [r for rl in message.resource_logs for sl in rl.scope_logs for r in sl.log_records]
                raw = [r for rl in original["resourceLogs"] for sl in rl["scopeLogs"] for r in sl["logRecords"]]
                for record, source in zip(records, raw):
                    if record.time_unix_nano != int(source["timeUnixNano"]):
                        fail(line_number, "log timestamps did not round-trip")
                    if record.body.string_value != source["body"]["stringValue"]:
                        fail(line_number, "log body did not round-trip")
                summary["log_records"] += len(records)
    print(json.dumps(summary, sort_keys=True))


if __name__ == "__main__":
    main()
