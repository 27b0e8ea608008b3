import Foundation
import ObsCollector
import ObsTestSupport
import ObsViewer
import Testing

@Suite("Reading recordings")
struct RecordingReaderTests {
    /// Every span and broken rule in `text`, or the error that stopped reading.
    static func read(_ text: String, parsing: Recording.Parsing = .fast) -> Result<
        ([RecordedSpan], RecordingDiagnostics), RecordingError
    > {
        do {
            guard case .otlp(let stream) = try Recording.open(data: Data(text.utf8), name: "rec", parsing: parsing)
            else { return .failure(RecordingError(input: "rec", reason: "a snapshot")) }
            var spans: [RecordedSpan] = []
            while let batch = try stream.next() { spans += batch }
            return .success((spans, stream.diagnostics))
        } catch {
            return .failure(error)
        }
    }

    @Test("the fast scanner reads exactly what the strict parser reads, line by line")
    func scannerAgreesWithStrictParser() {
        var fast = 0
        var total = 0
        for seed in SplitMix64.seeds([1, 2, 3, 0xC0FFEE]) {
            var generator = OTLPLineGenerator(seed: seed)
            for index in 0..<400 {
                let line = generator.line()
                total += 1
                let strict = Self.read(line + "\n", parsing: .strict)
                let scanned = Self.read(line + "\n")
                switch (strict, scanned) {
                case (.success(let a), .success(let b)):
                    #expect(a.0 == b.0, "seed \(seed) line \(index): spans differ for \(line)")
                    #expect(a.1.violations == b.1.violations, "seed \(seed) line \(index): rules differ for \(line)")
                    if b.1.strictLines == 0 { fast += 1 }
                case (.failure(let a), .failure(let b)):
                    #expect(a == b, "seed \(seed) line \(index)")
                default:
                    Issue.record("seed \(seed) line \(index): one reader failed: \(strict) vs \(scanned) for \(line)")
                }
            }
        }
        // The property is only worth something if the fast path takes a good share of the lines.
        #expect(fast * 4 >= total, "the scanner read only \(fast) of \(total) lines itself")
    }

    @Test("ObsBridge's own OTLP lines take the fast path, and every field comes through")
    func ownLinesTakeTheFastPath() throws {
        let (snapshot, exported, _) = sampleSnapshot()
        var spans = exported
        let failure = try #require(spans.firstIndex { $0.record.isFailure })
        spans[failure].error = ErrorRecord(
            timeUnixNano: spans[failure].endUnixNano, traceID: spans[failure].record.traceID,
            spanID: spans[failure].record.spanID, operation: spans[failure].name, status: "OBSB_STATUS_LIBRARY_ERROR",
            domain: "image", code: 22, message: "bad size for [email] \"quoted\"", redactions: ["email"],
            truncated: false)
        let text = OTLPJSON.traces(spans, resource: snapshot.resource) + "\n"
        let (read, diagnostics) = try Self.read(text).get()
        #expect(diagnostics.strictLines == 0)
        #expect(read.count == spans.count && diagnostics.spans == UInt64(spans.count))
        for (recorded, exported) in zip(read, spans) {
            #expect(recorded.name == exported.name)
            #expect(recorded.traceID == exported.record.traceID && recorded.spanID == exported.record.spanID)
            #expect(recorded.parentSpanID == exported.record.parentSpanID)
            #expect(recorded.startUnixNano == exported.startUnixNano && recorded.endUnixNano == exported.endUnixNano)
            #expect(recorded.kind == exported.record.kind)
            #expect(recorded.thread == Int64(exported.record.threadIndex))
            #expect(recorded.failed == exported.record.isFailure)
            #expect(recorded.service == "test")
        }
        let failed = try #require(read.first { $0.error?.domain == "image" })
        #expect(failed.error?.code == 22 && failed.error?.type == "image:22")
        #expect(failed.error?.message == "bad size for [email] \"quoted\"")
        #expect(read.filter(\.failed).count == spans.filter(\.record.isFailure).count)
    }

    @Test("ids are read exactly when they are hex digits of either case, with their value")
    func hexIDs() throws {
        // Every byte next to a hex range's ends, and some that are not ASCII.
        let alphabet = Array("0123456789abcdefABCDEF/:@G`gF9") + ["\u{7F}", "é", " "]
        for seed in SplitMix64.seeds([7, 8]) {
            var random = SplitMix64(seed: seed)
            for _ in 0..<300 {
                var id = String((0..<16).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
                if random.next() % 3 == 0 {
                    id = String(String(random.next() | 1, radix: 16).padding(toLength: 16, withPad: "1", startingAt: 0))
                }
                let line =
                    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"\(String(repeating: "a", count: 32))\","
                    + "\"spanId\":\(JSONText.string(id)),\"name\":\"op\",\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\"}]}]}]}"
                let (spans, diagnostics) = try Self.read(line).get()
                let expected = UInt64(id, radix: 16).flatMap { id.utf8.count == 16 && $0 != 0 ? $0 : nil }
                #expect(spans.first?.spanID.rawValue == expected, "seed \(seed): \(id.debugDescription)")
                #expect(diagnostics.violations.total == (expected == nil ? 1 : 0))
            }
        }
    }

    @Test("a last line cut by a crash is skipped with a warning naming it")
    func cutLastLine() throws {
        let (snapshot, spans, _) = sampleSnapshot()
        let whole = OTLPJSON.traces(Array(spans.prefix(100)), resource: snapshot.resource)
        let text = whole + "\n" + whole + "\n" + String(whole.prefix(whole.utf8.count / 2))
        let (read, diagnostics) = try Self.read(text).get()
        #expect(read.count == 200)
        #expect(diagnostics.cutLastLine == 3)
        #expect(diagnostics.warnings.first?.contains("line 3 is cut short") == true)
        // The same cut line in the middle is an error, with its number.
        let middle = whole + "\n" + String(whole.prefix(50)) + "\n" + whole + "\n"
        #expect(throws: RecordingError(input: "rec", line: 2, reason: "not valid JSON")) { try Self.read(middle).get() }
        // A last line that is whole but lacks its newline is read.
        #expect(try Self.read(whole).get().0.count == 100)
    }

    @Test("spans that break the rules are counted with their first line, never folded into the table")
    func brokenRules() throws {
        func span(_ trace: String, _ id: String, _ start: String, _ end: String, name: String = "op") -> String {
            "{\"traceId\":\"\(trace)\",\"spanId\":\"\(id)\",\"name\":\"\(name)\","
                + "\"startTimeUnixNano\":\"\(start)\",\"endTimeUnixNano\":\"\(end)\"}"
        }
        let trace = String(repeating: "ab", count: 16)
        let good = span(trace, "0123456789abcdef", "1000", "3000")
        let lines = [
            [good, span("not-hex-at-all-not-hex-at-all-00", "0123456789abcdef", "1", "2")],
            [span(trace, "0123456789abcdeZ", "1", "2"), span(trace, "0123456789abcdef", "5000", "4000")],
            [span(trace, "0123456789abcdef", "9000", "1000"), span(trace, "0000000000000000", "1", "2")],
            [span(trace, "0123456789ABCDEF", "1", "2", name: "")],
        ].map { "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[\($0.joined(separator: ","))]}]}]}" }
        let summary = try SummaryLoader.summary(from: Data(lines.joined(separator: "\n").utf8), name: "rec")
        #expect(summary.rows.map(\.name) == ["op"] && summary.rows[0].count == 1 && summary.rows[0].p50Ns == 2000)
        let counts = summary.diagnostics.violations.counts.map {
            "\($0.violation.rawValue) \($0.count) \($0.firstLine)"
        }
        #expect(counts == ["no_name 1 4", "bad_trace_id 1 1", "bad_span_id 2 2", "end_before_start 2 2"])
        let json = SummaryJSON.render(summary)
        #expect(json.contains("{\"rule\":\"end_before_start\",\"count\":2,\"first_line\":2}"))
        #expect(summary.warnings.last?.hasPrefix("ignored 6 spans that break OTLP's rules") == true)
    }

    @Test("a line that is not OTLP, and a newer snapshot, are errors that name the line")
    func clearErrors() throws {
        let (snapshot, spans, _) = sampleSnapshot()
        let line = OTLPJSON.traces(Array(spans.prefix(3)), resource: snapshot.resource)
        let notOTLP = line + "\n" + "{\"level\":\"info\",\"msg\":\"hello\"}\n"
        do {
            _ = try SummaryLoader.summary(from: Data(notOTLP.utf8), name: "mixed.jsonl")
            Issue.record("read a log line as OTLP")
        } catch {
            #expect(error.description.hasPrefix("mixed.jsonl line 2: a JSON object without \"resourceSpans\""))
        }
        var newer = String(decoding: try snapshot.jsonData(), as: UTF8.self)
        newer = newer.replacingOccurrences(of: "\"schema_version\" : 1", with: "\"schema_version\" : 7")
        let schemaLine =
            newer.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("schema_version") }! + 1
        do {
            _ = try SummaryLoader.summary(from: Data(newer.utf8), name: "snap.json")
            Issue.record("read a snapshot from a newer version")
        } catch {
            #expect(error.description.hasPrefix("snap.json line \(schemaLine): snapshot schema version 7 is newer"))
        }
        #expect(throws: SummaryLoadError.self) { try SummaryLoader.summary(from: Data("\n\n".utf8), name: "empty") }
    }

    @Test("snapshots are told from OTLP whether pretty-printed or on one line, and give errors and drops")
    func snapshots() throws {
        let (snapshot, _, _) = sampleSnapshot()
        let pretty = try snapshot.jsonData()
        let compact = try JSONEncoder().encode(snapshot)
        for data in [pretty, compact] {
            let summary = try SummaryLoader.summary(from: data, name: "snap")
            #expect(summary.source == .snapshot && summary.rows.count == 2)
            #expect(summary.errors.contains { $0.errorClass == ErrorClass(domain: "image", code: 22) })
            #expect(summary.drops?.spansDropped == 0 && summary.drops?.origin == "the snapshot's counters")
        }
    }

    @Test("lines longer than the reader's first buffer, CRLF endings and blank lines read the same")
    func longLinesAndLineEndings() throws {
        let (snapshot, spans, _) = sampleSnapshot()
        var many: [ExportedSpan] = []
        while many.count < 10_000 { many += spans }  // about 4.5 MB on one line: past the first 4 MiB buffer
        let line = OTLPJSON.traces(many, resource: snapshot.resource)
        let short = OTLPJSON.traces(Array(spans.prefix(3)), resource: snapshot.resource)
        let path = try CommandRunner.temporaryDirectory().appendingPathComponent("long.jsonl").path
        try ("\r\n" + short + "\r\n\n" + line + "\r\n" + short).write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try SummaryLoader.summary(atPath: path)
        #expect(summary.diagnostics.spans == UInt64(many.count + 6))
        #expect(summary.diagnostics.strictLines == 0 && summary.warnings.isEmpty)
        #expect(summary.diagnostics.bytes == UInt64(try Data(contentsOf: URL(fileURLWithPath: path)).count))
    }
}
