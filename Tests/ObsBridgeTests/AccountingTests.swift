import Foundation
import ObsBridge
import ObsDemo
import ObsTestKit
import ObsTestSupport
import Synchronization
import Testing

/// Exact accounting of error records as of spans: `emitted == collected + dropped + pending`, with
/// pending visible, whatever the buffers' sizes, and shutdown collecting everything recorded before
/// it. Extends the serialized ``BridgeTests`` suite because it opens a bridge.
extension BridgeTests {
    /// How many failures a burst sends: more than the error capacity and more than every drain
    /// buffer (the collector's batch of 8,192 and the native source's 1,024).
    static func burst(over capacity: UInt32) -> Int {
        Int(capacity) + 9_000
    }

    @Test(
        "error records are counted exactly, never lost, whatever the error capacity",
        arguments: [UInt32(1), 1024, 1025, 65536])
    func errorRecordsAreCountedExactly(capacity: UInt32) throws {
        try withBridge(configuring: { $0.errorCapacity = capacity }) { bridge, demo in
            let operation = try bridge.operation("accounting.burst")
            bridge.collector.drainNow()
            let before = bridge.collector.counters()
            let failures = Self.burst(over: capacity)
            for _ in 0..<failures {
                _ = try? demo.fail(with: Array("no".utf8), as: operation)
            }
            let waiting = try bridge.collector.source.counters()
            #expect(waiting.errorsEmitted - before.errorsEmitted == UInt64(failures))
            #expect(waiting.errorsPending == min(UInt64(capacity), UInt64(failures)), "pending is visible")
            bridge.collector.drainNow()
            let after = bridge.collector.counters()
            let emitted = after.errorsEmitted - before.errorsEmitted
            let collected = after.errorsCollected - before.errorsCollected
            let dropped = after.errorsDropped - before.errorsDropped
            #expect(emitted == UInt64(failures))
            #expect(after.errorsPending == 0, "one drain takes everything, in as many batches as needed")
            #expect(collected + dropped == emitted, "capacity \(capacity)")
            #expect(collected == min(UInt64(capacity), emitted))
            // Every collected record reached the operation's error counts.
            let counted =
                bridge.collector.operationStats().first { $0.name == "accounting.burst" }?
                .errorCounts.values.reduce(0, +) ?? 0
            #expect(counted == collected)
            // The spans of the same calls: none lost either.
            #expect(after.collected + after.dropped == after.emitted)
        }
    }

    @Test("shutdown in the middle of a burst collects everything recorded before it")
    func shutdownMidBurst() throws {
        var configuration = Bridge.Configuration()
        configuration.collector.drainIntervalNanoseconds = 1_000_000
        configuration.errorCapacity = 2_048
        let bridge = try Bridge.start(configuration)
        let demo = try DemoNative(bridge: bridge)
        let operation = try bridge.operation("accounting.shutdown")
        let calls = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let done = DispatchSemaphore(value: 0)
        Thread {
            while !stop.load(ordering: .relaxed) {
                _ = try? demo.fail(with: Array("mid-burst".utf8), as: operation)
                _ = try? demo.get(key: 1)
                calls.add(1, ordering: .relaxed)
            }
            done.signal()
        }.start()
        #expect(waitUntil { calls.load(ordering: .relaxed) >= 5_000 }, "the burst got going")
        let atCall = try bridge.collector.source.counters()
        try bridge.shutdown()
        stop.store(true, ordering: .relaxed)
        done.wait()
        let final = bridge.collector.counters()
        #expect(final.collected + final.dropped >= atCall.emitted, "spans recorded before shutdown")
        #expect(final.errorsCollected + final.errorsDropped >= atCall.errorsEmitted, "errors too")
        #expect(final.collected + final.dropped + final.pending == final.emitted)
        #expect(final.errorsCollected + final.errorsDropped + final.errorsPending == final.errorsEmitted)
    }

    @Test("a message the library marks sensitive is never thrown, logged or exported")
    func sensitiveMessages() throws {
        let logs = InMemoryLogSink()
        try withBridge(configuring: { $0.collector.logSink = logs }) { bridge, demo in
            let operation = try bridge.operation("accounting.sensitive")
            do {
                try demo.failSensitive(with: Array("no account for jane@example.org".utf8), as: operation)
                Issue.record("demo_fail_sensitive succeeded")
            } catch let error as NativeError {
                #expect(error.domain == "demo" && error.code == 8)
                #expect(error.message == "[sensitive]" && error.redactions == ["sensitive"])
                bridge.collector.drainNow()
                let record = try #require(bridge.collector.recentErrors().first { $0.spanID == error.spanID })
                #expect(record.message == error.message && record.redactions == error.redactions)
                #expect(!logs.records.isEmpty && !"\(logs.records)".contains("jane"), "the log never saw the text")
            }
        }
    }

    @Test("a call under an incoming traceparent records that its parent is remote")
    func remoteParent() throws {
        try withBridge(configuring: { $0.collector.spanExport = .all }) { bridge, demo in
            let incoming = try TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            #expect(incoming.isRemote)
            let scope = try bridge.operation("accounting.scope")
            try Bridge.withCurrentContext(incoming) {
                _ = try demo.get(key: 1)  // a child of the remote context
                try bridge.span(scope) { _ in _ = try demo.get(key: 2) }  // local parent inside
            }
            bridge.collector.drainNow()
            let spans = bridge.collector.takeExportSpans().spans.map(\.record)
            let direct = spans.filter { $0.parentSpanID == incoming.spanID }
            #expect(direct.count == 2, "the first call and the scope are children of the remote span")
            #expect(direct.allSatisfy { $0.parentIsRemote })
            let local = spans.filter { $0.parentSpanID != incoming.spanID }
            #expect(!local.isEmpty && local.allSatisfy { !$0.parentIsRemote })
        }
    }
}

extension BridgeTests {
    /// `name{labels} value` samples of a Prometheus text, by name and label text.
    static func samples(_ text: String) -> [String: [String: Double]] {
        var out: [String: [String: Double]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            let series = line[..<space]
            let brace = series.firstIndex(of: "{") ?? series.endIndex
            out[String(series[..<brace]), default: [:]][String(series[brace...])] = value
        }
        return out
    }

    @Test("exported counters agree: failures = error records + their drops, by operation; totals add up")
    func exportedCountersAgree() throws {
        try withBridge(configuring: { $0.errorCapacity = 64 }) { bridge, demo in
            let operations = try ["agree.a", "agree.b"].map { try bridge.operation($0) }
            for round in 0..<5 {
                for index in 0..<200 {
                    _ = try? demo.fail(with: Array("x".utf8), as: operations[(index + round) % 2])
                }
                bridge.collector.drainNow()  // between rounds: some records fit, most are dropped
            }
            let snapshot = bridge.collector.snapshot()
            let counters = snapshot.counters
            #expect(counters.errorsDropped > 0, "the test needs drops")
            let prometheus = Self.samples(PrometheusText.render(snapshot))
            for name in ["agree.a", "agree.b"] {
                let label = "{operation=\"\(name)\"}"
                let failures = try #require(prometheus["obsbridge_call_failures_total"]?[label])
                let dropped = try #require(prometheus["obsbridge_operation_error_records_dropped_total"]?[label])
                let recorded = (prometheus["obsbridge_errors_total"] ?? [:])
                    .filter { $0.key.hasPrefix("{operation=\"\(name)\",") }.values.reduce(0, +)
                #expect(recorded + dropped == failures, "\(name): \(recorded) + \(dropped) != \(failures)")
            }
            let droppedByOperation = (prometheus["obsbridge_operation_error_records_dropped_total"] ?? [:])
                .values.reduce(0, +)
            #expect(droppedByOperation == prometheus["obsbridge_error_records_dropped_total"]?[""])
            #expect(Double(counters.errorsDropped) == prometheus["obsbridge_error_records_dropped_total"]?[""])
            let emitted = prometheus["obsbridge_spans_emitted_total"]?[""] ?? -1
            let accounted = [
                "obsbridge_spans_collected_total", "obsbridge_spans_dropped_total", "obsbridge_spans_pending",
            ]
            .compactMap { prometheus[$0]?[""] }.reduce(0, +)
            #expect(emitted == accounted)
            // OTLP metrics say the same.
            let otlp = OTLPJSON.metrics(snapshot)
            #expect(otlp.contains(#""name":"obsbridge.error_records.dropped""#))
            #expect(snapshot.losses.summary.contains("\(counters.errorsDropped) error records (error channel full)"))
        }
    }
}
