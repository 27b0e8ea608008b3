import ObsCollector

/// The subcommands and their dispatch.
enum CommandLineTool {
    static let usage = """
        obsbridge — observe Swift calls into native Rust code

        USAGE: obsbridge <command> [options]

        COMMANDS:
          demo          run the demo native workload through the bridge and show its latencies
          top           live latency view of a running program's snapshot, or a recording replayed
          summary       latency table, errors and drops from a snapshot or an OTLP recording
          timeline      an OTLP recording as a trace for Perfetto UI, chrome://tracing, speedscope
          report        one self-contained HTML report of a recording (charts, errors, slow traces)
          redact        sanitize standard input to standard output (the error-record rules)
          traceparent   validate and explain a W3C traceparent header
          bench         measure the bridge against the floor (two clock reads + a 64-byte store)
          new           create a Swift package over its own traced Rust library, ready to build

        Run `obsbridge <command> --help` for a command's options.
        """

    static func run(_ arguments: [String]) async -> Int32 {
        guard let command = arguments.first else {
            Output.error(usage)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "-h", "--help", "help":
                Output.line(usage)
                return 0
            case "--version", "version":
                Output.line("obsbridge \(ObsBridgeVersion.current)")
                return 0
            case "demo": return try await DemoCommand.run(rest)
            case "top": return try await TopCommand.run(rest)
            case "summary": return try SummaryCommand.run(rest)
            case "timeline": return try TimelineCommand.run(rest)
            case "report": return try ReportCommand.run(rest)
            case "redact": return try RedactCommand.run(rest)
            case "traceparent": return try TraceparentCommand.run(rest)
            case "bench": return try await BenchCommand.run(rest)
            case "new": return try NewCommand.run(rest)
            default:
                throw UsageError("unknown command \(TerminalText.neutralize(command).debugDescription)")
            }
        } catch let error as UsageError {
            Output.error("obsbridge \(command): \(error)\nRun `obsbridge \(command) --help` for usage.")
            return 2
        } catch {
            Output.error("obsbridge \(command): \(error)")
            return 1
        }
    }
}
