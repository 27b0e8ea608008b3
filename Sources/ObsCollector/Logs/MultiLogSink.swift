/// A ``LogSink`` that hands every batch to several sinks, in order.
public struct MultiLogSink: LogSink {
    /// The sinks.
    public let sinks: [any LogSink]

    /// Combines `sinks`.
    public init(_ sinks: [any LogSink]) { self.sinks = sinks }

    /// Passes the records to every sink, in order.
    public func write(_ records: [LogRecord], resource: ResourceInfo) {
        for sink in sinks { sink.write(records, resource: resource) }
    }

    /// Flushes every sink.
    public func flush() { for sink in sinks { sink.flush() } }

    /// Every sink's output statistics, in order.
    public var outputStatistics: [OutputStatistics] { sinks.flatMap(\.outputStatistics) }

    /// Reopens every sink's files.
    public func reopen() { for sink in sinks { sink.reopen() } }

    /// The first sink's most recent failure, if any sink has one.
    public var lastFailure: String? { sinks.lazy.compactMap(\.lastFailure).first }
}
