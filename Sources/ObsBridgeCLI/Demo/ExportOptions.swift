import Dispatch
import ObsCollector

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The export flags shared by `demo`: where Prometheus text, OTLP, logs and snapshots go, how the
/// appended files rotate, and the mode of new files.
struct ExportOptions {
    /// The flags that take a value, for the command's parser.
    static let valueFlags: Set<String> = [
        "--prometheus", "--otlp", "--otlp-spans", "--logs", "--snapshot", "--interval", "--max-file-mb",
        "--max-backups", "--file-mode",
    ]
    /// The flags' help lines.
    static let help = """
          --max-file-mb MB      rotate a log or OTLP file before it passes MB mebibytes (default
                                100; 0 = never, when logrotate manages the files)
          --max-backups N       rotated files kept as PATH.1 … PATH.N (default 3)
          --file-mode OCTAL     mode of new log, OTLP and snapshot files (default 640; the
                                Prometheus file is 644, for node_exporter)
        On SIGHUP the log and OTLP files are opened again (for logrotate's postrotate).
        """

    var prometheus: OutputDestination?
    var otlp: String?
    var otlpSpans: SpanExportPolicy = .slowAndFailed(thresholdNanoseconds: 1_000_000)
    var logs: OutputDestination?
    var snapshot: String?
    var intervalNanoseconds: UInt64 = 1_000_000_000
    var rotation: FileRotation? = .standard
    var filePermissions: mode_t = LineAppender.defaultPermissions

    init(_ options: Arguments) throws(UsageError) {
        prometheus = options.string("--prometheus").map(OutputDestination.init(argument:))
        otlp = options.string("--otlp")
        logs = options.string("--logs").map(OutputDestination.init(argument:))
        snapshot = options.string("--snapshot")
        if otlp == "-" || snapshot == "-" {
            throw UsageError("--otlp and --snapshot take a file path, not -")
        }
        intervalNanoseconds = UInt64(try options.double("--interval", default: 1, range: 0.05...3600) * 1e9)
        let mebibytes = try options.double("--max-file-mb", default: 100, range: 0...1_048_576)
        let backups = try options.int("--max-backups", default: 3, range: 0...10_000)
        rotation = mebibytes == 0 ? nil : FileRotation(maxBytes: UInt64(mebibytes * 1_048_576), backups: backups)
        if let mode = options.string("--file-mode") {
            guard let value = mode_t(mode, radix: 8), value <= 0o777 else {
                throw UsageError("--file-mode must be an octal mode such as 640 or 600")
            }
            filePermissions = value
        }
        if let mode = options.string("--otlp-spans") {
            switch mode {
            case "all": otlpSpans = .all
            case "failed-slow": otlpSpans = .slowAndFailed(thresholdNanoseconds: 1_000_000)
            default:
                guard mode.hasPrefix("sampled:"), let ratio = Double(mode.dropFirst(8)), (0...1).contains(ratio)
                else { throw UsageError("--otlp-spans must be all, failed-slow or sampled:RATIO (0 to 1)") }
                otlpSpans = .sampled(ratio: ratio)
            }
        }
    }

    /// The OTLP sibling file for `kind` ("metrics", "logs"): `x.jsonl` → `x.metrics.jsonl`.
    static func sibling(of path: String, kind: String) -> String {
        let stem = path.hasSuffix(".jsonl") ? String(path.dropLast(6)) : path
        return "\(stem).\(kind).jsonl"
    }

    /// A collector configuration with these logs and span exports.
    func collectorConfiguration(_ options: Arguments) throws(UsageError) -> Collector.Configuration {
        var configuration = Collector.Configuration()
        let slowMs = try options.double("--slow-ms", default: 5, range: 0...3_600_000)
        configuration.slowSpanThresholdNanoseconds = UInt64(slowMs * 1e6)
        if let level = options.string("--log-level") {
            guard let severity = LogSeverity(name: level) else {
                throw UsageError("--log-level must be trace, debug, info, warn or error")
            }
            configuration.minimumLogSeverity = severity
        }
        configuration.resource = ResourceInfo(serviceName: "obsbridge-demo")
        var sinks: [any LogSink] = []
        if let logs { sinks.append(LogWriter(destination: logs, rotation: rotation, permissions: filePermissions)) }
        if let otlp {
            sinks.append(
                LogWriter(
                    destination: .file(Self.sibling(of: otlp, kind: "logs")),
                    format: .otlp, rotation: rotation, permissions: filePermissions))
            configuration.spanExport = otlpSpans
        }
        configuration.logSink = sinks.isEmpty ? nil : sinks.count == 1 ? sinks[0] : MultiLogSink(sinks)
        return configuration
    }

    /// The periodic exporter's destinations.
    var destinations: PeriodicExporter.Destinations {
        var destinations = PeriodicExporter.Destinations()
        destinations.prometheus = prometheus
        destinations.snapshotPath = snapshot
        destinations.otlpTracesPath = otlp
        destinations.otlpMetricsPath = otlp.map { Self.sibling(of: $0, kind: "metrics") }
        destinations.intervalNanoseconds = intervalNanoseconds
        destinations.rotation = rotation
        destinations.permissions = filePermissions
        return destinations
    }

    /// The command's signal policy while it exports: `SIGHUP` reopens every appended file (for
    /// logrotate's `postrotate`), and `SIGXFSZ` is ignored, so that a file size limit (`ulimit -f`)
    /// is a counted write failure instead of the end of the process. Only the command does this;
    /// the library never takes over its host's signals.
    ///
    /// - Returns: The `SIGHUP` source; cancel it when the exports stop.
    static func handleSignals(reopening exporter: PeriodicExporter) -> any DispatchSourceSignal {
        signal(SIGXFSZ, SIG_IGN)
        signal(SIGHUP, SIG_IGN)
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        hangup.setEventHandler { exporter.reopen() }
        hangup.resume()
        return hangup
    }
}

extension PeriodicExporter {
    convenience init(collector: Collector, options: ExportOptions) {
        self.init(collector: collector, destinations: options.destinations)
    }
}
