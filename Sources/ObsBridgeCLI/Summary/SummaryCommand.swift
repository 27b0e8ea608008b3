import ObsCollector
import ObsViewer

/// `obsbridge summary FILE [--json]`.
enum SummaryCommand {
    static let help = """
        USAGE: obsbridge summary FILE [--json]

        Prints a per-operation latency table (calls, errors, p50, p90, p99, max; child spans and
        Swift spans in sections of their own, and a totals line that counts calls apart from them;
        names are cut only to fit a terminal), the errors by
        domain and code with an example message, and the spans dropped when the recording records
        them, from FILE: an ObsBridge snapshot (written by `--snapshot`) or an OpenTelemetry OTLP
        JSON Lines traces file (one TracesData object per line, as `--otlp` and the Collector's
        file exporter write). FILE `-` reads standard input, so a compressed recording can be
        piped in: `zcat rec.jsonl.gz | obsbridge summary -`.

        OTLP files are streamed: memory grows with the number of operations, not with the file.
        Quantiles come from one fixed-size log-linear histogram per operation (ObsCollector's
        LatencyHistogram, within 1% of the exact value), not from a sorted list of every span.
        Drops come from metrics lines in the file or, for PATH.jsonl, from the PATH.metrics.jsonl
        file that `--otlp` writes beside it (for an export directory's obsbridge-traces.jsonl,
        from obsbridge-metrics.jsonl).

        Messy recordings: a last line cut short by a crash is skipped with a warning naming it;
        spans that break OTLP's rules (ids that are not hex, an end before the start, no name) are
        counted and reported, never averaged in. Warnings go to standard error.

        OPTIONS:
          --json    print {"operations":[{name, kind, count, errors, p50_ns, p90_ns, p99_ns, p999_ns,
                    max_ns}], "totals":{calls, failed_calls, child_spans, failed_child_spans,
                    swift_spans, failed_swift_spans}, "errors":[{operation, domain, code, count, samples}], "drops":{…}
                    (when recorded), "invalid_spans":[{rule, count, first_line}], "warnings":[…],
                    "source", "spans", "lines", "bytes"} instead of the tables
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valueFlags: [], switchFlags: ["--json"])
        if options.has("--help") {
            Output.line(help)
            return 0
        }
        let path = try options.onlyPositional("FILE (or - for standard input)")
        let summary: RecordingSummary
        do {
            summary = try SummaryLoader.summary(atPath: path)
        } catch {
            throw CommandFailure(error.description)
        }
        for warning in summary.warnings { Output.error("obsbridge summary: warning: \(warning)") }
        Output.out(
            options.has("--json")
                ? SummaryJSON.render(summary)
                : SummaryText.render(summary, width: Output.isTerminal ? TerminalSize.columns : nil))
        return 0
    }
}
