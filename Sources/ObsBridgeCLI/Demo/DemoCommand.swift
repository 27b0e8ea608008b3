import ObsBridge
import ObsDemo
import ObsViewer

/// `obsbridge demo`: the demo native workload through the bridge, with the live view and exports.
enum DemoCommand {
    static let help = """
        USAGE: obsbridge demo [options]

        Runs a native workload (image.resize, json.parse, kv.get, checksum, and Swift `request`
        scopes around native calls) from several OS threads and Swift tasks through ObsBridge.
        The workload has distinct latency shapes, failures (with secrets in their messages, which
        are sanitized) and caught panics. Shows the live latency view on a terminal, then the final
        per-operation table and the exact span accounting.

        OPTIONS:
          --duration S          seconds to run (default 5)
          --threads N           OS threads calling native code (default 2)
          --tasks N             Swift tasks running request scopes (default 2)
          --rate N              calls per second per thread or task, 0 = flat out (default 20000)
          --prometheus PATH|-   write Prometheus text (node_exporter textfile format) to PATH
                                atomically every interval and at the end, or to stdout at the end
          --otlp PATH           append OTLP JSON Lines: spans (TracesData) to PATH, metrics to
                                PATH's .metrics.jsonl sibling, logs to its .logs.jsonl sibling
          --otlp-spans MODE     which spans to export: all, failed-slow (default), sampled:RATIO
          --logs PATH|-         append structured logs (JSON Lines) to PATH or stdout
          --snapshot PATH       write the JSON snapshot atomically every interval (for `top`)
          --export-dir DIR      write every export into DIR (obsbridge.prom, obsbridge-snapshot.json,
                                obsbridge-traces.jsonl, obsbridge-metrics.jsonl, obsbridge-logs.jsonl)
                                with every span exported, as Bridge.Configuration(exportDirectory:)
                                does; SIGTERM or SIGINT then stops the demo gracefully (exports
                                flushed). Not with --prometheus, --otlp, --snapshot
          --interval S          export interval in seconds (default 1)
          --slow-ms MS          log calls slower than MS milliseconds (default 5)
          --log-level LEVEL     trace, debug, info, warn, error (default info)
          --plain               no live view: print the table once at the end
        \(ExportOptions.help)
        """

    static func run(_ arguments: [String]) async throws -> Int32 {
        let options = try Arguments(
            arguments,
            valueFlags: ExportOptions.valueFlags.union([
                "--duration", "--threads", "--tasks", "--rate", "--slow-ms", "--log-level", "--export-dir",
            ]),
            switchFlags: ["--plain"])
        if options.has("--help") {
            Output.line(help)
            return 0
        }
        guard options.positionals.isEmpty else { throw UsageError("demo takes no arguments") }
        var workload = DemoWorkload.Options()
        workload.durationSeconds = try options.double("--duration", default: 5, range: 0...86_400)
        workload.threads = try options.int("--threads", default: 2, range: 0...64)
        workload.tasks = try options.int("--tasks", default: 2, range: 0...256)
        workload.callsPerSecond = try options.int("--rate", default: 20_000, range: 0...100_000_000)
        let exports = try ExportOptions(options)

        let exportDirectory = options.string("--export-dir")
        if exportDirectory != nil, exports.prometheus != nil || exports.otlp != nil || exports.snapshot != nil {
            throw UsageError("--export-dir writes every export; leave out --prometheus, --otlp and --snapshot")
        }
        var configuration = exportDirectory.map { Bridge.Configuration(exportDirectory: $0) } ?? Bridge.Configuration()
        configuration.exports?.intervalNanoseconds = exports.intervalNanoseconds
        configuration.exports?.rotation = exports.rotation
        configuration.exports?.permissions = exports.filePermissions
        configuration.collector = try exports.collectorConfiguration(options)
        let bridge = try Bridge.start(configuration)
        let demo = try DemoNative(bridge: bridge)
        let ownExporter = bridge.exporter == nil ? PeriodicExporter(collector: bridge.collector, options: exports) : nil
        ownExporter?.start()
        guard let exporter = bridge.exporter ?? ownExporter else { return 1 }
        let hangup = ExportOptions.handleSignals(reopening: exporter)
        defer { hangup.cancel() }
        let signalStop = SignalStop()
        let stop = exportDirectory.map { directory in
            let stop = GracefulStop.install(bridge, beforeShutdown: { _ in await signalStop.stopAndWait() })
            Output.error("obsbridge demo: exporting to \(directory); SIGTERM or SIGINT stops and flushes")
            return stop
        }
        defer { stop?.cancel() }

        let live =
            !options.has("--plain") && Output.isTerminal && exports.prometheus != .standardOutput
            && exports.logs != .standardOutput
        let view = live ? LiveView(title: "obsbridge demo") : nil
        let viewTask = view.map { view in
            Task { await view.run { bridge.collector.snapshot() } }
        }
        let result = await DemoWorkload.run(demo, options: workload) {
            (view?.quitRequested ?? false) || signalStop.isRequested
        }
        signalStop.workloadFinished()
        if signalStop.isRequested {
            // The signal's stop owns the shutdown, the final export and the end of the process.
            while true { try? await Task.sleep(nanoseconds: 1_000_000_000) }
        }
        view?.stop()
        _ = await viewTask?.value

        try bridge.shutdown()
        let failures = ownExporter?.stopAndExportFinal() ?? exporter.failures
        var snapshot = bridge.collector.snapshot()
        snapshot.outputs = exporter.outputStatistics
        if exports.prometheus == .standardOutput {
            Output.out(PrometheusText.render(snapshot))
        } else {
            Output.line(
                "obsbridge demo: \(result.calls) calls (\(result.failures) failed) in "
                    + "\(workload.durationSeconds)s on \(workload.threads) threads and "
                    + "\(workload.tasks) tasks; clock \(snapshot.clockSource)")
            Output.out(
                LatencyTable.render(
                    snapshot.operations.map {
                        LatencyRow(
                            name: $0.name, errors: $0.errors, histogram: $0.histogram, kind: $0.kind ?? .boundary)
                    }, width: Output.isTerminal ? TerminalSize.columns : nil))
            Output.line(SpanTotals(snapshot.operations).line)
            Output.line(AccountingText.line(snapshot.counters))
            Output.line(snapshot.losses.summary)
            if exports.otlp != nil || exportDirectory != nil {
                let spans = exporter.exportedSpans
                Output.line("otlp: \(spans.written) spans written, \(spans.dropped) dropped (export buffer full)")
            }
            for error in snapshot.recentErrors.suffix(3) {
                Output.line(
                    "recent error: \(error.operation): \(error.domain) \(error.code): \(TerminalText.neutralize(error.message))"
                )
            }
        }
        for failure in failures { Output.error("obsbridge demo: export failed: \(failure)") }
        return failures.isEmpty ? 0 : 1
    }
}

/// The accounting line under every table.
enum AccountingText {
    static func line(_ counters: SourceCounters) -> String {
        let exact = counters.collected + counters.dropped == counters.emitted ? "exact" : "pending \(counters.pending)"
        return "spans: emitted \(counters.emitted) = collected \(counters.collected) + dropped "
            + "\(counters.dropped) (\(exact)); errors: emitted \(counters.errorsEmitted), collected "
            + "\(counters.errorsCollected), dropped \(counters.errorsDropped)"
    }
}
