extension Collector {
    /// How a collector drains, what it logs and what it keeps for export.
    public struct Configuration: Sendable {
        /// Longest pause between drains, in nanoseconds. A native source also wakes the collector
        /// as soon as a thread's ring (or the error queue) passes a quarter of its capacity.
        public var drainIntervalNanoseconds: UInt64 = 5_000_000
        /// Shortest time between two log flushes by the background thread, in nanoseconds: log
        /// file writes are batched instead of following every drain. ``Collector/drainNow()`` and
        /// ``Collector/shutdown()`` always flush.
        public var logFlushIntervalNanoseconds: UInt64 = 50_000_000
        /// Spans and errors taken from the source per call.
        public var batchCapacity: Int = 8192
        /// Spans at least this slow are logged at `warn`; `nil` logs no slow spans.
        public var slowSpanThresholdNanoseconds: UInt64?
        /// Records below this severity are not logged. Errors are always logged.
        public var minimumLogSeverity: LogSeverity = .info
        /// Applied to every error message before it goes anywhere.
        public var sanitizer: Sanitizer = .standard
        /// Where log records go; `nil` keeps no logs.
        public var logSink: (any LogSink)?
        /// Which spans to keep for a span exporter.
        public var spanExport: SpanExportPolicy = .none
        /// Spans kept for export at most; more are dropped and counted.
        public var spanExportCapacity: Int = 262_144
        /// Sanitized error records kept for snapshots and the terminal view.
        public var recentErrorLimit: Int = 64
        /// Slow-span log records per drain at most; more are counted, not logged.
        public var slowLogLimitPerDrain: Int = 100
        /// Operations with their own histogram and series at most; calls of operations first seen
        /// later are recorded under ``Collector/overflowOperationName`` and counted. 2,000 is the
        /// OpenTelemetry SDK's default cardinality limit per instrument. Name operations by route
        /// template (`GET /users/{id}`), never by id.
        public var operationLimit: Int = 2000
        /// Distinct (operation, error domain, code) series at most; later ones are counted under
        /// their operation's overflow series (domain ``Collector/overflowOperationName``, code 0).
        public var errorSeriesLimit: Int = 2000
        /// Facts every export carries.
        public var resource = ResourceInfo()

        /// The defaults.
        public init() {}
    }
}
