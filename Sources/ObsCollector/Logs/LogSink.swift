/// Where the collector writes structured log records.
///
/// ## Implementation requirements
/// - `write` is called from the collector's drain thread, one batch at a time, and must not block
///   for long; `flush` is called after each drain and at shutdown.
/// - A sink that fails (a full disk, a vanished file) must not throw into the collector: it counts
///   the failure, reports it through `lastFailure`, and keeps accepting records.
public protocol LogSink: Sendable {
    /// Accepts records, in order.
    ///
    /// - Parameters:
    ///   - records: The batch.
    ///   - resource: The program the records describe: the collector's one resource description,
    ///     which every export carries (OTLP sinks write it; others may ignore it).
    func write(_ records: [LogRecord], resource: ResourceInfo)
    /// Pushes buffered records to their destination.
    func flush()
    /// The most recent failure to write, if any, as a message for people.
    var lastFailure: String? { get }
}
