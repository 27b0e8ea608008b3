import Synchronization

#if canImport(Glibc)
public import Glibc
#elseif canImport(Musl)
public import Musl
#elseif canImport(Darwin)
public import Darwin
#endif

/// A ``LogSink`` that buffers records and, at each flush, appends them to standard output or a
/// file in one of two formats: JSON Lines (one ``LogRecord/jsonLine`` per record) or OTLP (one
/// `LogsData` line per flushed batch).
///
/// Thread-safe: ``write(_:resource:)`` only queues; ``flush()`` formats and writes, one flush at a
/// time, in order. Memory stays bounded: at most ``queueLimit`` records wait for a flush, and the
/// ones past it are dropped and counted as lost (``failedRecords``, ``outputStatistics``). A failing
/// file never stops the collector, a planted link never redirects it, and with rotation (the
/// default) its disk use stays bounded: see ``LineAppender``.
public final class LogWriter: LogSink {
    /// How records are written.
    public enum Format: Sendable {
        /// One JSON object per record with the OpenTelemetry log data model's fields.
        case jsonLines
        /// One OTLP `LogsData` object per flushed batch, for the Collector's `otlpjsonfile` receiver,
        /// with the resource the records were written with.
        case otlp
    }

    /// The format in use.
    public let format: Format
    /// Records waiting for a flush at most; more are dropped and counted.
    public let queueLimit: Int
    private let pending = Locked<(records: [LogRecord], resource: ResourceInfo)>(([], ResourceInfo()))
    /// Held for a whole flush, so that two flushes never interleave their records.
    private let flushing = Locked(())
    private let appender: LineAppender

    /// Creates a writer; a file is opened (created, appended to) at the first flush.
    ///
    /// - Parameters:
    ///   - destination: Standard output or a file path.
    ///   - format: JSON Lines or OTLP.
    ///   - rotation: Size-based rotation of a file (by default 100 MiB and 3 backups); `nil` when
    ///     logrotate manages the file (then call ``reopen()`` from its `postrotate`).
    ///   - permissions: The mode of a new file: by default `0o640`, not world-readable.
    ///   - queueLimit: Records waiting for a flush at most (by default 262,144, about 100 MiB at
    ///     most); more are dropped and counted as lost.
    public init(
        destination: OutputDestination, format: Format = .jsonLines,
        rotation: FileRotation? = .standard, permissions: mode_t = LineAppender.defaultPermissions,
        queueLimit: Int = 262_144
    ) {
        self.format = format
        self.queueLimit = max(1, queueLimit)
        self.appender = LineAppender(
            destination: destination, rotation: rotation, permissions: permissions,
            output: format == .otlp ? "otlp_logs" : "logs")
    }

    /// Queues records for the next ``flush()``; never blocks on I/O. Records past ``queueLimit``
    /// are dropped and counted as lost.
    public func write(_ records: [LogRecord], resource: ResourceInfo) {
        let dropped = pending.withLock { pending in
            let room = max(0, queueLimit - pending.records.count)
            pending.records.append(contentsOf: records.prefix(room))
            pending.resource = resource
            return records.count - min(room, records.count)
        }
        if dropped > 0 {
            appender.countLost(
                records: dropped,
                reason: "the log writer fell behind: \(dropped) records dropped (\(queueLimit) were waiting)")
        }
    }

    /// Writes the queued records to the destination, in appends that stay under the rotation's
    /// maximum; a failure is kept in ``lastFailure``, never thrown. Concurrent calls run one at a
    /// time.
    public func flush() {
        flushing.withLock { _ in flushQueued() }
    }

    private func flushQueued() {
        let (records, resource) = pending.withLock { pending in
            defer { pending.records = [] }
            return pending
        }
        guard !records.isEmpty else { return }
        // Appends stay well under a rotated file's maximum (a batch larger than that would be
        // refused whole), however many records a slow flush has gathered.
        let limit = appender.rotation.map { max(4_096, Int(min($0.maxBytes / 2, 1 << 20))) } ?? (1 << 20)
        let text = JSONBuffer(capacity: min(limit, records.count * 512) + 4_096)
        var count = 0
        func appendChunk() {
            if format == .otlp {
                OTLPJSON.endLogs(to: text)
                text.appendNewline()
            }
            appender.append(text, records: count)
            text.removeAll()
            count = 0
        }
        for record in records {
            switch format {
            case .jsonLines:
                record.appendJSONLine(to: text)
                text.appendNewline()
            case .otlp:  // one LogsData line per chunk
                if count == 0 { OTLPJSON.beginLogs(resource: resource, to: text) } else { text.append(",") }
                OTLPJSON.appendLogRecord(record, to: text)
            }
            count += 1
            if text.count >= limit { appendChunk() }
        }
        if count > 0 { appendChunk() }
    }

    /// The most recent write failure, if any.
    public var lastFailure: String? { appender.lastFailure }
    /// Records written successfully.
    public var writtenRecords: UInt64 { appender.writtenRecords }
    /// Records that could not be written.
    public var failedRecords: UInt64 { appender.failedRecords }
    /// Everything written and lost so far.
    public var outputStatistics: [OutputStatistics] { [appender.statistics] }

    /// Opens the file again at the next flush (see ``LineAppender/reopen()``).
    public func reopen() { appender.reopen() }
}
