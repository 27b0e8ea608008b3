import ObsCollector
import ObsViewer

/// `obsbridge report FILE -o report.html`.
enum ReportCommand {
    static let help = """
        USAGE: obsbridge report FILE [-o report.html] [--traces N] [--heatmaps N]

        Writes one self-contained HTML page about a recording (no script, no network, no external
        fonts or images; it opens from a file or an e-mail attachment): the operations table (the
        numbers of `obsbridge summary --json`), each operation's latency distribution (log scale,
        p50/p90/p99 marked), latency over time as heatmaps, errors by domain and code with
        sanitized sample messages, and waterfalls of the slowest traces across Swift and Rust.
        FILE is an OTLP JSON Lines traces recording, or a snapshot (then the page has the panels
        a snapshot can fill); `-` reads standard input.

        OPTIONS:
          -o, --output PATH   where to write the page (default report.html; - for standard output)
          --traces N          slowest traces drawn as waterfalls (default 5)
          --heatmaps N        operations with a latency-over-time heatmap, busiest first (default 12)
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(
            arguments, valueFlags: ["--output", "--traces", "--heatmaps"], switchFlags: [],
            aliases: ["-o": "--output"])
        if options.has("--help") {
            Output.line(help)
            return 0
        }
        let input = try options.onlyPositional("FILE (or - for standard input)")
        let output = options.string("--output") ?? "report.html"
        var reportOptions = Report.Options()
        reportOptions.slowestTraces = try options.int("--traces", default: 5, range: 0...100)
        reportOptions.heatmaps = try options.int("--heatmaps", default: 12, range: 0...500)
        reportOptions.recordingName = input == "-" ? "standard input" : TerminalText.neutralize(input)
        let result: Report.Result
        do {
            result = try Report.build(from: Recording.open(path: input), path: input, options: reportOptions)
        } catch {
            throw CommandFailure(error.description)
        }
        for warning in result.summary.warnings { Output.error("obsbridge report: warning: \(warning)") }
        try OutputFile.write(result.html, to: output)
        OutputFile.say(
            "wrote \(output == "-" ? "the report" : TerminalText.neutralize(output)): "
                + "\(result.summary.operations.count) operations, \(result.summary.errors.count) error series, "
                + "\(result.waterfalls) slowest traces (\(result.html.utf8.count / 1024) KiB, self-contained)",
            writingTo: output)
        return 0
    }
}
