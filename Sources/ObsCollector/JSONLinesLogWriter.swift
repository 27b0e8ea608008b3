import Synchronization

/// A ``LogSink`` that appends each record as one JSON line (``LogRecord/jsonLine``) to standard
/// output or a file.
///
/// Thread-safe. Records are buffered until ``flush()``; a failing file never stops the collector
/// (see ``LineAppender``).
public final class JSONLinesLogWriter: LogSink {
    private let pending = Mutex<[LogRecord]>([])
    private let appender: LineAppender

    /// Creates a writer; a file is opened (created, appended to) at the first flush.
    public init(destination: OutputDestination) {
        self.appender = LineAppender(destination: destination)
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
        var text = ""
        for record in records {
            text += record.jsonLine
            text += "\n"
        }
        appender.append(text, records: records.count)
    }

    public var lastFailure: String? { appender.lastFailure }
    /// Records written successfully.
    public var writtenRecords: UInt64 { appender.writtenRecords }
    /// Records that could not be written.
    public var failedRecords: UInt64 { appender.failedRecords }
}
