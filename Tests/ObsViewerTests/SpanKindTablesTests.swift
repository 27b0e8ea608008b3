import Foundation
import ObsCollector
import ObsTestKit
import ObsViewer
import Testing

/// Calls are native boundary spans; child spans and Swift spans are counted and shown apart.
@Suite("tables count calls, not spans")
struct SpanKindTablesTests {
    /// 119 characters: under the collector's 128-byte name limit, over any table's name column.
    static let longName = "checkout.service.payments.authorize." + String(repeating: "segment.", count: 10) + "end"

    /// A collector that saw 40 calls of `kv.get` (4 failed), each with 2 child spans and inside
    /// one Swift scope, and 3 calls of an operation with a 119-character name.
    static func snapshot() -> CollectorSnapshot {
        let source = InMemorySpanSource()
        let get = source.register("kv.get")
        let lookup = source.register("kv.get.lookup")
        let request = source.register("request")
        let long = source.register(longName)
        var factory = SpanFactory()
        for index in 0..<40 {
            var call = factory.span(operation: get, nanoseconds: 5_000, status: index % 10 == 0 ? 10 : 0)
            call.kind = .boundary
            source.emit(call)
            for _ in 0..<2 {
                var child = factory.span(operation: lookup, nanoseconds: 1_000)
                child.kind = .child
                source.emit(child)
            }
            var scope = factory.span(operation: request, nanoseconds: 9_000)
            scope.kind = .caller
            source.emit(scope)
        }
        for _ in 0..<3 { source.emit(factory.span(operation: long, nanoseconds: 2_000)) }
        let collector = Collector(source: source, configuration: Collector.Configuration())
        collector.drainNow()
        return collector.snapshot()
    }

    @Test("SpanTotals: calls are the boundary spans only; child and Swift spans are counted apart")
    func totals() {
        let snapshot = Self.snapshot()
        #expect(snapshot.operations.first { $0.name == "kv.get.lookup" }?.kind == .child)
        let totals = SpanTotals(snapshot.operations)
        #expect(totals.calls == 43 && totals.failedCalls == 4)
        #expect(totals.childSpans == 80 && totals.swiftSpans == 40)
        #expect(totals.line == "totals: 43 calls, 4 errors; apart: 80 child spans, 40 Swift spans")
        // A snapshot from before kinds were recorded reads as calls.
        var old = snapshot.operations
        for index in old.indices { old[index].kind = nil }
        #expect(SpanTotals(old).calls == 163 && SpanTotals(old).childSpans == 0)
    }

    @Test("a snapshot's kind round-trips; a kind from a newer writer reads as unknown (a call), not as an error")
    func kindInSnapshot() throws {
        let snapshot = Self.snapshot()
        let decoded = try CollectorSnapshot(jsonData: snapshot.jsonData())
        #expect(decoded.operations.map(\.kind) == snapshot.operations.map(\.kind))
        let text = String(decoding: try snapshot.jsonData(), as: UTF8.self)
        let newer = text.replacingOccurrences(
            of: #""kind"\s*:\s*2"#, with: #""kind":9"#, options: .regularExpression)
        #expect(newer != text)
        let fromNewer = try CollectorSnapshot(jsonData: Data(newer.utf8))
        #expect(fromNewer.operations.first { $0.name == "kv.get.lookup" }?.kind == .unknown)
    }

    @Test("the latency table shows calls first, then child spans and Swift spans in sections of their own")
    func tableSections() throws {
        let rows = Self.snapshot().operations.map {
            LatencyRow(name: $0.name, errors: $0.errors, histogram: $0.histogram, kind: $0.kind ?? .boundary)
        }
        let lines = LatencyTable.render(rows, width: nil).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        let callHeader = try #require(lines.firstIndex { $0.hasPrefix("operation") })
        let childHeader = try #require(lines.firstIndex { $0.hasPrefix("child span") })
        let swiftHeader = try #require(lines.firstIndex { $0.hasPrefix("Swift span") })
        #expect(callHeader < childHeader && childHeader < swiftHeader)
        #expect(lines[callHeader].contains("calls") && lines[childHeader].contains("spans"))
        let kvGet = try #require(lines.firstIndex { $0.hasPrefix("kv.get ") })
        let lookup = try #require(lines.firstIndex { $0.hasPrefix("kv.get.lookup ") })
        let request = try #require(lines.firstIndex { $0.hasPrefix("request ") })
        #expect(kvGet < childHeader && (childHeader..<swiftHeader).contains(lookup) && request > swiftHeader)
        // Plain output keeps the long name whole; a terminal of 80 columns cuts it.
        #expect(lines.contains { $0.hasPrefix(Self.longName + " ") })
        let narrow = LatencyTable.render(rows, width: 80)
        #expect(!narrow.contains(Self.longName) && narrow.contains("…"))
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test("top: the totals line counts calls; a kind column marks child and Swift spans; plain output cuts no name")
    func topScreen() throws {
        let snapshot = Self.snapshot()
        let plain = TopScreen(title: "t").lines(current: snapshot, previous: nil, width: nil, height: 1000)
        #expect(plain.contains("totals: 43 calls, 4 errors; apart: 80 child spans, 40 Swift spans"))
        #expect(plain.contains { $0.hasPrefix(Self.longName + " ") })
        let lookup = try #require(plain.first { $0.hasPrefix("kv.get.lookup ") })
        let request = try #require(plain.first { $0.hasPrefix("request ") })
        #expect(lookup.contains(" child") && request.contains(" swift"))
        // Calls come first whatever the sort.
        let names = plain.compactMap { line in ["kv.get ", "kv.get.lookup ", "request "].first { line.hasPrefix($0) } }
        #expect(names == ["kv.get ", "kv.get.lookup ", "request "])
        let screen = TopScreen(title: "t").lines(current: snapshot, previous: nil, width: 100, height: 40)
        #expect(screen.allSatisfy { $0.count <= 100 })
        #expect(!screen.contains { $0.contains(Self.longName) })
    }

    @Test("summary, from a snapshot and from an OTLP recording: totals apart, long names whole in plain output")
    func summaryText() throws {
        let snapshot = Self.snapshot()
        let fromSnapshot = try SummaryLoader.summary(from: snapshot.jsonData(), name: "snapshot")
        #expect(fromSnapshot.totals == SpanTotals(snapshot.operations))
        let text = SummaryText.render(fromSnapshot, width: nil)
        #expect(text.contains("totals: 43 calls, 4 errors; apart: 80 child spans, 40 Swift spans"))
        #expect(text.contains(Self.longName))
        #expect(!SummaryText.render(fromSnapshot, width: 80).contains(Self.longName))
        let json = try JSONSerialization.jsonObject(with: Data(SummaryJSON.render(fromSnapshot).utf8)) as? [String: Any]
        let totals = try #require(json?["totals"] as? [String: Any])
        #expect(totals["calls"] as? Int == 43 && totals["failed_calls"] as? Int == 4)
        #expect(totals["child_spans"] as? Int == 80 && totals["swift_spans"] as? Int == 40)
        let kinds = (json?["operations"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(Set(kinds ?? []) == ["call", "child", "swift"])

        // The same spans as an OTLP recording: kinds travel in `obsbridge.span.kind`.
        let source = InMemorySpanSource()
        let get = source.register("kv.get")
        let lookup = source.register("kv.get.lookup")
        var factory = SpanFactory()
        var call = factory.span(operation: get, nanoseconds: 5_000)
        call.kind = .boundary
        var child = factory.span(operation: lookup, nanoseconds: 1_000)
        child.kind = .child
        source.emit(call)
        source.emit(child)
        var configuration = Collector.Configuration()
        configuration.spanExport = .all
        let collector = Collector(source: source, configuration: configuration)
        collector.drainNow()
        let otlp = OTLPJSON.traces(collector.takeExportSpans().spans, resource: ResourceInfo()) + "\n"
        let fromOTLP = try SummaryLoader.summary(from: Data(otlp.utf8), name: "otlp")
        #expect(fromOTLP.totals.calls == 1 && fromOTLP.totals.childSpans == 1)
    }
}
