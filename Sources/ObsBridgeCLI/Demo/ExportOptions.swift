import ObsCollector

/// The export flags shared by `demo`: where Prometheus text, OTLP, logs and snapshots go.
struct ExportOptions {
    var prometheus: OutputDestination?
    var otlp: String?
    var otlpSpans: SpanExportPolicy = .slowAndFailed(thresholdNanoseconds: 1_000_000)
    var logs: OutputDestination?
    var snapshot: String?
    var intervalNanoseconds: UInt64 = 1_000_000_000

    init(_ options: Arguments) throws(UsageError) {
        prometheus = options.string("--prometheus").map(OutputDestination.init(argument:))
        otlp = options.string("--otlp")
        logs = options.string("--logs").map(OutputDestination.init(argument:))
        snapshot = options.string("--snapshot")
        if otlp == "-" || snapshot == "-" {
            throw UsageError("--otlp and --snapshot take a file path, not -")
        }
        intervalNanoseconds = UInt64(try options.double("--interval", default: 1, range: 0.05...3600) * 1e9)
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
        if let logs { sinks.append(LogWriter(destination: logs)) }
        if let otlp {
            sinks.append(
                LogWriter(
                    destination: .file(Self.sibling(of: otlp, kind: "logs")),
                    format: .otlp))
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
        return destinations
    }
}

extension PeriodicExporter {
    convenience init(collector: Collector, options: ExportOptions) {
        self.init(collector: collector, destinations: options.destinations)
    }
}
