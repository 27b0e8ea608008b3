/// Where the collector writes structured log records.
///
/// ## Implementation requirements
/// - `write` is called from the collector's drain thread, one batch at a time, and must not block
///   for long (no I/O): it queues. `flush` formats and writes what is queued; the collector calls
///   it from its own log thread, from ``Collector/drainNow()`` and at shutdown, so it may run
///   while `write` is called and while another `flush` runs, and must keep the records in order.
/// - Memory stays bounded: a sink whose `flush` falls behind drops records at `write` and counts
///   them as lost, never queueing without limit.
/// - A sink that fails (a full disk, a vanished file) must not throw into the collector: it counts
///   the failure, reports it through `lastFailure`, and keeps accepting records.
/// - A sink that writes files reports what it wrote and lost through `outputStatistics` and opens
///   its files again on `reopen()`; both have defaults (nothing, do nothing) for other sinks.
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
    /// What each file the sink writes has written and lost (for the exports).
    var outputStatistics: [OutputStatistics] { get }
    /// Closes the sink's files, so that the next write opens their paths again.
    func reopen()
}

extension LogSink {
    /// What the sink's files wrote and lost; none by default.
    public var outputStatistics: [OutputStatistics] { [] }

    /// Opens the sink's files again (after logrotate moved them); does nothing by default.
    public func reopen() {}
}
