import Synchronization

/// A ``LogSink`` that appends one OTLP `LogsData` line per flushed batch to a file.
///
/// Thread-safe; failures are counted and reported through ``lastFailure``, never thrown.
public final class OTLPLogWriter: LogSink {
    private let resource: ResourceInfo
    private let pending = Mutex<[LogRecord]>([])
    private let lines: LineAppender

    /// Creates a writer appending to `path`.
    public init(path: String, resource: ResourceInfo) {
        self.resource = resource
        self.lines = LineAppender(destination: .file(path))
    }

    public func write(_ records: [LogRecord]) {
        pending.withLock { $0.append(contentsOf: records) }
    }

    public func flush() {
        let records = pending.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        guard !records.isEmpty else { return }
        lines.append(OTLPJSON.logs(records, resource: resource) + "\n", records: records.count)
    }

    public var lastFailure: String? { lines.lastFailure }
}
