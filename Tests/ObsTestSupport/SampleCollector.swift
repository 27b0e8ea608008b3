package import ObsCollector
import ObsTestKit

/// A collector with two operations, failures, an error with secrets and a panic.
package func sampleSnapshot() -> (CollectorSnapshot, [ExportedSpan], [LogRecord]) {
    let source = InMemorySpanSource()
    let get = source.register("kv.get")
    let resize = source.register("image \"resize\"\nv2")
    var factory = SpanFactory()
    for index in 0..<500 {
        source.emit(factory.span(operation: get, nanoseconds: 800 + UInt64(index % 50) * 100))
    }
    for index in 0..<50 {
        source.emit(
            factory.span(
                operation: resize, nanoseconds: 2_000_000 + UInt64(index) * 10_000,
                status: index % 10 == 0 ? 10 : 0))
    }
    source.emit(
        error: factory.error(
            operation: resize, domain: "image", code: 22,
            message: "bad size for user bob@example.org"))
    source.emit(
        error: factory.error(
            operation: get, domain: "panic", code: 0,
            message: "index out of bounds", status: 11))
    let logs = InMemoryLogSink()
    var configuration = Collector.Configuration()
    configuration.logSink = logs
    configuration.spanExport = .all
    configuration.resource = ResourceInfo(serviceName: "test", abiVersion: 1)
    let collector = Collector(source: source, configuration: configuration)
    collector.drainNow()
    return (collector.snapshot(), collector.takeExportSpans().spans, logs.records)
}
