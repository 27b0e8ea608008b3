#if canImport(Glibc)
public import Glibc
#elseif canImport(Musl)
public import Musl
#elseif canImport(Darwin)
public import Darwin
#endif

/// Every export in one directory, with defaults that suit a service: Prometheus text, the JSON
/// snapshot, and OTLP traces, metrics and logs, written every second and at shutdown, with every
/// span kept for export.
///
/// `Bridge.Configuration(exportDirectory:)` takes one; the collector's configuration and a
/// ``PeriodicExporter`` are derived from it (``apply(to:)``, ``destinations``). Every field is a
/// default that may be changed before the bridge starts.
public struct ExportDirectory: Sendable, Hashable {
    /// The file names inside ``path``.
    public struct FileNames: Sendable, Hashable {
        /// Prometheus text (node_exporter's textfile format), replaced atomically.
        public var prometheus = "obsbridge.prom"
        /// The JSON snapshot (for `obsbridge top` and `summary`), replaced atomically.
        public var snapshot = "obsbridge-snapshot.json"
        /// OTLP `TracesData` JSON Lines, appended.
        public var traces = "obsbridge-traces.jsonl"
        /// OTLP `MetricsData` JSON Lines, one line per round, appended.
        public var metrics = "obsbridge-metrics.jsonl"
        /// OTLP `LogsData` JSON Lines (slow spans, errors), appended.
        public var logs = "obsbridge-logs.jsonl"

        /// The defaults.
        public init() {}

        /// Every name, in the order above.
        public var all: [String] { [prometheus, snapshot, traces, metrics, logs] }
    }

    /// The directory; created (mode `0750`, parents included) when the bridge starts if missing.
    public var path: String
    /// The file names.
    public var fileNames = FileNames()
    /// Time between export rounds, in nanoseconds: one second.
    public var intervalNanoseconds: UInt64 = 1_000_000_000
    /// Which spans go to the traces file: every one (``SpanExportPolicy/all``). Replaces the
    /// collector configuration's ``Collector/Configuration/spanExport``.
    public var spanExport: SpanExportPolicy = .all
    /// Size-based rotation of the three OTLP files: ``FileRotation/standard`` (100 MiB, 3 backups);
    /// `nil` when logrotate manages them.
    public var rotation: FileRotation? = .standard
    /// The mode of a new Prometheus file: `0o644`, for node_exporter.
    public var prometheusPermissions: mode_t = AtomicFileWriter.defaultPermissions
    /// The mode of the other new files (they hold error messages): `0o640`.
    public var permissions: mode_t = LineAppender.defaultPermissions

    /// Every export in `path`, with the defaults above.
    public init(path: String) {
        self.path = path
    }

    /// The full path of `name` inside the directory.
    public func file(_ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }

    /// The periodic exporter's destinations: Prometheus, snapshot, OTLP traces and metrics.
    public var destinations: PeriodicExporter.Destinations {
        var destinations = PeriodicExporter.Destinations()
        destinations.prometheus = .file(file(fileNames.prometheus))
        destinations.snapshotPath = file(fileNames.snapshot)
        destinations.otlpTracesPath = file(fileNames.traces)
        destinations.otlpMetricsPath = file(fileNames.metrics)
        destinations.intervalNanoseconds = intervalNanoseconds
        destinations.rotation = rotation
        destinations.prometheusPermissions = prometheusPermissions
        destinations.permissions = permissions
        return destinations
    }

    /// Sets `configuration`'s span export policy, and adds the OTLP logs file to its log sink
    /// (beside a sink already configured, through a ``MultiLogSink``).
    public func apply(to configuration: inout Collector.Configuration) {
        configuration.spanExport = spanExport
        let logs = LogWriter(
            destination: .file(file(fileNames.logs)), format: .otlp, rotation: rotation, permissions: permissions)
        if let existing = configuration.logSink {
            configuration.logSink = MultiLogSink([existing, logs])
        } else {
            configuration.logSink = logs
        }
    }

    /// Creates the directory (and its parents, mode `0750`) unless it exists.
    ///
    /// - Throws: ``FileOutputError`` when the path is empty, names something that is not a
    ///   directory, or cannot be created.
    public func prepare() throws(FileOutputError) {
        guard !path.isEmpty else {
            throw FileOutputError(path: path, step: "use export directory", code: 0, detail: "the path is empty")
        }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component + "/"
            if mkdir(prefix, 0o750) != 0 && errno != EEXIST {
                throw FileOutputError(path: path, step: "create export directory")
            }
        }
        var status = stat()
        guard stat(path, &status) == 0 else { throw FileOutputError(path: path, step: "use export directory") }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw FileOutputError(
                path: path, step: "use export directory", code: 0, detail: "it exists and is not a directory")
        }
    }
}
