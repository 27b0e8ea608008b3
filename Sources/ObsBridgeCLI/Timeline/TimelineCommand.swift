import ObsCollector
import ObsViewer

/// `obsbridge timeline FILE -o trace.json [--max-traces N]`.
enum TimelineCommand {
    static let help = """
        USAGE: obsbridge timeline FILE [-o trace.json] [--max-traces N]

        Turns an OTLP JSON Lines traces recording (`obsbridge demo --otlp PATH --otlp-spans all`,
        or any OTLP file) into a Chrome Trace Event Format file for Perfetto UI
        (https://ui.perfetto.dev), chrome://tracing or speedscope: one track per thread, spans
        nested as recorded, Swift scopes that hopped threads on async tracks, a flow arrow from
        each Swift caller span into each Rust boundary span it called, and each failure as an
        instant with its sanitized message. FILE `-` reads standard input.

        OPTIONS:
          -o, --output PATH   where to write the trace (default trace.json; - for standard output)
          --max-traces N      keep the first N traces of the recording (default 2000); the spans of
                              later traces are counted, and the output says how many were left out
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(
            arguments, valueFlags: ["--output", "--max-traces"], switchFlags: [], aliases: ["-o": "--output"])
        if options.has("--help") {
            Output.line(help)
            return 0
        }
        let input = try options.onlyPositional("FILE (or - for standard input)")
        let output = options.string("--output") ?? "trace.json"
        var timelineOptions = Timeline.Options()
        timelineOptions.maximumTraces = try options.int("--max-traces", default: 2000, range: 1...10_000_000)
        timelineOptions.recordingName = input == "-" ? "standard input" : TerminalText.neutralize(input)
        let result: Timeline.Result
        do {
            switch try Recording.open(path: input) {
            case .snapshot:
                throw CommandFailure(
                    "\(TerminalText.neutralize(input)) is a snapshot: it holds histograms, not spans. A timeline "
                        + "needs an OTLP traces file (obsbridge demo --otlp PATH --otlp-spans all)")
            case .otlp(let stream):
                result = try Timeline.build(from: stream, options: timelineOptions)
            }
        } catch let error as RecordingError {
            throw CommandFailure(error.description)
        }
        for warning in result.diagnostics.warnings { Output.error("obsbridge timeline: warning: \(warning)") }
        try OutputFile.write(result.json, to: output)
        OutputFile.say(
            "wrote \(output == "-" ? "the trace" : TerminalText.neutralize(output)): \(result.traces) traces, "
                + "\(result.spans) spans on \(result.threads) threads (\(result.asyncSpans) on async tracks), "
                + "\(result.flows) flow arrows Swift → Rust, \(result.failures) failures",
            writingTo: output)
        if result.spansLeftOut > 0 {
            OutputFile.say(
                "limit: kept the first \(result.traces) traces; \(result.spansLeftOut) spans of later traces "
                    + "left out (--max-traces N keeps more)", writingTo: output)
        }
        OutputFile.say(
            "open it in https://ui.perfetto.dev, chrome://tracing or https://www.speedscope.app", writingTo: output)
        return 0
    }
}
