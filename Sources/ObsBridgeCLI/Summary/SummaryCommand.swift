import ObsCollector
import ObsViewer

/// `obsbridge summary FILE [--json]`.
enum SummaryCommand {
    static let help = """
        USAGE: obsbridge summary FILE [--json]

        Prints a per-operation latency table (calls, errors, p50, p90, p99, max) from FILE, which is
        either an ObsBridge snapshot (written by `--snapshot`) or an OpenTelemetry OTLP JSON Lines
        traces file (one TracesData object per line, as the Collector's file exporter writes).

        OPTIONS:
          --json    print {"operations":[{name, count, errors, p50_ns, p90_ns, p99_ns, p999_ns,
                    max_ns}]} instead of the table
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valueFlags: [], switchFlags: ["--json"])
        if options.has("--help") {
            Output.line(help)
            return 0
        }
        guard options.positionals.count == 1, let path = options.positionals.first else {
            throw UsageError("expected exactly one FILE")
        }
        let rows: [LatencyRow]
        do {
            rows = try SummaryLoader.rows(atPath: path)
        } catch {
            throw CommandFailure(error.description)
        }
        Output.out(options.has("--json") ? LatencyTable.json(rows) : LatencyTable.render(rows))
        return 0
    }
}
