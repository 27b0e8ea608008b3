/// A ``LogSink`` that hands every batch to several sinks, in order.
public struct MultiLogSink: LogSink {
    /// The sinks.
    public let sinks: [any LogSink]

    /// Combines `sinks`.
    public init(_ sinks: [any LogSink]) { self.sinks = sinks }

    public func write(_ records: [LogRecord]) { for sink in sinks { sink.write(records) } }

    public func flush() { for sink in sinks { sink.flush() } }

    public var lastFailure: String? { sinks.lazy.compactMap(\.lastFailure).first }
}
