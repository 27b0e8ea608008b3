import Foundation
import ObsCollector
import ObsTestKit
import Testing

@Suite("Collector")
struct CollectorTests {
    @Test("records every span into its operation's histogram and counts failures")
    func recordsSpans() {
        let source = InMemorySpanSource()
        let get = source.register("kv.get")
        let put = source.register("kv.put")
        var factory = SpanFactory()
        for index in 1...100 { source.emit(factory.span(operation: get, nanoseconds: UInt64(index) * 1000)) }
        source.emit(factory.span(operation: put, nanoseconds: 5000, status: 10))
        let collector = Collector(source: source)
        #expect(collector.drainNow() == 101)
        let stats = Dictionary(uniqueKeysWithValues: collector.operationStats().map { ($0.name, $0) })
        #expect(stats["kv.get"]?.calls == 100)
        #expect(stats["kv.get"]?.errors == 0)
        #expect(stats["kv.get"]?.histogram.max == 100_000)
        let median = stats["kv.get"]?.histogram.quantile(0.5) ?? 0
        #expect(median >= 49_500 && median <= 50_500)
        #expect(stats["kv.put"]?.errors == 1)
        let counters = collector.counters()
        #expect(counters.emitted == 101 && counters.collected == 101 && counters.dropped == 0)
    }

    @Test("shutdown drains everything recorded before it, with the background thread running")
    func shutdownDrainsEverything() {
        let source = InMemorySpanSource()
        let op = source.register("op")
        var configuration = Collector.Configuration()
        configuration.drainIntervalNanoseconds = 50_000_000
        configuration.batchCapacity = 64
        let collector = Collector(source: source, configuration: configuration)
        collector.start()
        var factory = SpanFactory()
        for _ in 0..<10_000 { source.emit(factory.span(operation: op, nanoseconds: 10)) }
        collector.shutdown()
        #expect(collector.operationStats().first?.calls == 10_000)
        let counters = collector.counters()
        #expect(counters.collected == 10_000 && counters.pending == 0)
        collector.shutdown()  // idempotent
    }

    @Test("a full source drops the newest spans and the counts stay exact")
    func dropsAreCounted() {
        let source = InMemorySpanSource(capacity: 10)
        let op = source.register("op")
        var factory = SpanFactory()
        var accepted = 0
        for _ in 0..<25 where source.emit(factory.span(operation: op, nanoseconds: 1)) { accepted += 1 }
        let collector = Collector(source: source)
        collector.drainNow()
        let counters = collector.counters()
        #expect(accepted == 10)
        #expect(counters.emitted == 25 && counters.collected == 10 && counters.dropped == 15)
        #expect(counters.collected + counters.dropped == counters.emitted)
    }

    @Test("error messages are sanitized before they are recorded or logged")
    func errorsAreSanitized() throws {
        let source = InMemorySpanSource()
        let op = source.register("kv.get")
        let logs = InMemoryLogSink()
        var configuration = Collector.Configuration()
        configuration.logSink = logs
        let collector = Collector(source: source, configuration: configuration)
        var factory = SpanFactory()
        let report = factory.error(
            operation: op,
            message: "lookup failed for alice@example.com with password=hunter2 and Authorization: Bearer abc.def.ghi")
        source.emit(error: report)
        collector.drainNow()
        let record = try #require(collector.recentErrors().first)
        #expect(!record.message.contains("alice@example.com"))
        #expect(!record.message.contains("hunter2"))
        #expect(record.message.contains("[email]"))
        #expect(record.redactions.contains("email"))
        #expect(record.operation == "kv.get" && record.domain == "kv" && record.code == 404)
        #expect(record.traceID == report.traceID && record.spanID == report.spanID)
        let log = try #require(logs.records.first)
        #expect(log.severity == .error)
        #expect(log.traceID == report.traceID && log.spanID == report.spanID)
        #expect(!log.jsonLine.contains("hunter2") && !log.jsonLine.contains("alice@"))
        #expect(collector.operationStats().first?.errorCounts[ErrorKey(domain: "kv", code: 404)] == 1)
    }

    @Test("slow spans are logged above the threshold only, and the level filters them")
    func slowSpansLogged() {
        let source = InMemorySpanSource()
        let op = source.register("slow.op")
        var factory = SpanFactory()
        source.emit(factory.span(operation: op, nanoseconds: 1_000))
        source.emit(factory.span(operation: op, nanoseconds: 9_000_000))
        let logs = InMemoryLogSink()
        var configuration = Collector.Configuration()
        configuration.logSink = logs
        configuration.slowSpanThresholdNanoseconds = 5_000_000
        Collector(source: source, configuration: configuration).drainNow()
        #expect(logs.records.count == 1)
        #expect(logs.records.first?.severity == .warn)
        #expect(logs.records.first?.body.contains("slow.op") == true)

        source.emit(factory.span(operation: op, nanoseconds: 9_000_000))
        let quiet = InMemoryLogSink()
        configuration.logSink = quiet
        configuration.minimumLogSeverity = .error
        Collector(source: source, configuration: configuration).drainNow()
        #expect(quiet.records.isEmpty)
    }

    @Test("slow calls over the per-drain log limit are counted in one record, not dropped silently")
    func slowLogLimit() {
        let source = InMemorySpanSource()
        let op = source.register("slow.op")
        var factory = SpanFactory()
        for _ in 0..<7 { source.emit(factory.span(operation: op, nanoseconds: 9_000_000)) }
        let logs = InMemoryLogSink()
        var configuration = Collector.Configuration()
        configuration.logSink = logs
        configuration.slowSpanThresholdNanoseconds = 1_000_000
        configuration.slowLogLimitPerDrain = 3
        Collector(source: source, configuration: configuration).drainNow()
        #expect(logs.records.filter { $0.body.hasPrefix("slow call") }.count == 3)
        #expect(logs.records.contains { $0.body.hasPrefix("4 more slow calls") })
    }

    @Test("a failing source is reported, and the collector recovers when it works again")
    func failingSource() {
        let source = InMemorySpanSource()
        let op = source.register("op")
        var factory = SpanFactory()
        let collector = Collector(source: source)
        source.failNextDrains(with: "device unplugged")
        source.emit(factory.span(operation: op, nanoseconds: 5))
        collector.drainNow()
        #expect(collector.sourceFailure?.contains("device unplugged") == true)
        source.failNextDrains(with: nil)
        collector.drainNow()
        #expect(collector.sourceFailure == nil)
        #expect(collector.operationStats().first?.calls == 1)
    }

    @Test("a library whose calls cannot be recorded is logged once and reported as a loss everywhere")
    func incompatibleLibrary() throws {
        let source = InMemorySpanSource()
        let logs = InMemoryLogSink()
        var configuration = Collector.Configuration()
        configuration.logSink = logs
        let collector = Collector(source: source, configuration: configuration)
        collector.drainNow()
        #expect(collector.incompatibleLibrary == nil)
        #expect(collector.snapshot().losses.isEmpty)
        let library =
            "the native library /opt/libhash.so (ObsBridge ABI version 3; this process records with version 2)"
        source.refuseLibrary(library)
        collector.drainNow()
        collector.drainNow()
        #expect(collector.incompatibleLibrary == library)
        #expect(logs.records.filter { $0.body == "calls not recorded: \(library)" }.count == 1)
        #expect(logs.records.first?.severity == .error)
        let snapshot = collector.snapshot()
        #expect(!snapshot.losses.isEmpty)
        #expect(snapshot.losses.summary.contains("every call of \(library)"))
        let decoded = try CollectorSnapshot(jsonData: snapshot.jsonData())
        #expect(decoded.incompatibleLibrary == library)
    }

    @Test("the export policy keeps failed and slow spans, and sampling keeps whole traces")
    func exportPolicy() {
        var factory = SpanFactory()
        let fast = factory.span(operation: 1, nanoseconds: 10)
        let slow = factory.span(operation: 1, nanoseconds: 10_000_000)
        let failed = factory.span(operation: 1, nanoseconds: 10, status: 11)
        let policy = SpanExportPolicy.slowAndFailed(thresholdNanoseconds: 1_000_000)
        #expect(!policy.keeps(fast) && policy.keeps(slow) && policy.keeps(failed))
        #expect(!SpanExportPolicy.sampled(ratio: 0).keeps(fast))
        #expect(SpanExportPolicy.sampled(ratio: 0).keeps(failed))
        #expect(SpanExportPolicy.sampled(ratio: 1).keeps(fast))
        // Sampling decides by trace id: spans of one trace are kept or dropped together.
        let half = SpanExportPolicy.sampled(ratio: 0.5)
        var other = factory.span(operation: 2, nanoseconds: 99)
        other.traceID = fast.traceID
        #expect(half.keeps(fast) == half.keeps(other))

        let source = InMemorySpanSource()
        let op = source.register("op")
        var configuration = Collector.Configuration()
        configuration.spanExport = .all
        configuration.spanExportCapacity = 3
        let collector = Collector(source: source, configuration: configuration)
        for _ in 0..<5 { source.emit(factory.span(operation: op, nanoseconds: 7)) }
        collector.drainNow()
        let taken = collector.takeExportSpans()
        #expect(taken.spans.count == 3 && taken.dropped == 2)
        #expect(taken.spans.first?.name == "op")
        #expect(collector.takeExportSpans().spans.isEmpty)
    }

    @Test("operation names with control characters are neutralized")
    func hostileOperationNames() {
        let source = InMemorySpanSource()
        let op = source.register("evil\u{1B}[2J\u{07}name")
        var factory = SpanFactory()
        source.emit(factory.span(operation: op, nanoseconds: 5))
        let collector = Collector(source: source)
        collector.drainNow()
        let name = collector.operationStats().first?.name ?? ""
        #expect(!name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    @Test("log batches carry the collector's one resource description, ABI version included")
    func logsCarryTheResource() throws {
        let source = InMemorySpanSource()
        let operation = source.register("resource.check")
        var factory = SpanFactory()
        source.emit(error: factory.error(operation: operation, domain: "d", code: 1, message: "m"))
        let logs = InMemoryLogSink()
        var configuration = Collector.Configuration()
        configuration.logSink = logs
        configuration.resource = ResourceInfo(serviceName: "svc", abiVersion: 7)
        let collector = Collector(source: source, configuration: configuration)
        collector.drainNow()
        let resource = try #require(logs.resource)
        #expect(resource == configuration.resource)
        #expect(collector.snapshot().resource == resource, "the snapshot (and so every export) says the same")
        #expect(OTLPJSON.logs(logs.records, resource: resource).contains(#""key":"obsbridge.abi_version""#))
    }
}
