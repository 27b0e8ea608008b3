import Foundation
import ObsCollector
import ObsTestKit
import ObsTestSupport
import Testing

@Suite("Exports")
struct ExportTests {
    @Test("Prometheus text passes promtool check metrics and carries every family")
    func prometheusPassesPromtool() throws {
        let (snapshot, _, _) = sampleSnapshot()
        let text = PrometheusText.render(snapshot)
        for family in [
            "obsbridge_call_duration_seconds", "obsbridge_calls_total",
            "obsbridge_call_failures_total", "obsbridge_errors_total",
            "obsbridge_spans_emitted_total", "obsbridge_spans_collected_total",
            "obsbridge_spans_dropped_total", "obsbridge_clock_info", "obsbridge_build_info",
        ] {
            #expect(text.contains("# HELP \(family) "), "missing HELP for \(family)")
            #expect(text.contains("# TYPE \(family) "), "missing TYPE for \(family)")
        }
        #expect(text.contains("obsbridge_call_duration_seconds_bucket{operation=\"kv.get\",le=\"+Inf\"} 500"))
        #expect(text.contains("obsbridge_call_duration_seconds_count{operation=\"kv.get\"} 500"))
        // Control characters in names are neutralized first, then label-escaped.
        #expect(text.contains(#"operation="image \"resize\"\\u{0A}v2""#))
        #expect(text.contains(#"obsbridge_errors_total{operation="kv.get",domain="panic",code="0"} 1"#))
        // Buckets are cumulative and end at the count.
        let buckets = text.split(separator: "\n").filter {
            $0.hasPrefix("obsbridge_call_duration_seconds_bucket{operation=\"kv.get\"")
        }.compactMap { UInt64($0.split(separator: " ").last ?? "") }
        #expect(buckets == buckets.sorted() && buckets.last == 500)

        let directory = try CommandRunner.temporaryDirectory()
        let file = directory.appendingPathComponent("obsbridge.prom")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run("promtool", ["check", "metrics"], input: text)
        #expect(result.status == 0, "promtool: \(result.standardOutput) \(result.standardError)")
        #expect(!result.standardError.contains("lint"), "promtool lint: \(result.standardError)")
    }

    @Test("OTLP traces, metrics and logs parse with the official protobuf definitions")
    func otlpRoundTrips() throws {
        let (snapshot, spans, logs) = sampleSnapshot()
        let directory = try CommandRunner.temporaryDirectory()
        let script = CommandRunner.packageRoot().appendingPathComponent("scripts/check_otlp.py").path
        func check(_ kind: String, _ line: String) throws -> [String: Any] {
            let file = directory.appendingPathComponent("\(kind).jsonl")
            try (line + "\n" + line + "\n").write(to: file, atomically: true, encoding: .utf8)
            let result = try CommandRunner.run("python3", [script, kind, file.path])
            #expect(result.status == 0, "\(kind): \(result.standardError)")
            let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
            return object as? [String: Any] ?? [:]
        }
        let traces = try check("traces", OTLPJSON.traces(spans, resource: snapshot.resource))
        #expect(traces["lines"] as? Int == 2)
        #expect(traces["spans"] as? Int == 2 * 550)
        #expect(traces["failed_spans"] as? Int == 2 * 5)
        let metrics = try check("metrics", OTLPJSON.metrics(snapshot))
        #expect((metrics["metric_names"] as? [String])?.contains("obsbridge.call.duration") == true)
        #expect((metrics["data_points"] as? Int ?? 0) > 0)
        let logLines = try check("logs", OTLPJSON.logs(logs, resource: snapshot.resource))
        #expect(logLines["log_records"] as? Int == 2 * logs.count)
        #expect(!OTLPJSON.logs(logs, resource: snapshot.resource).contains("bob@example.org"))
    }

    @Test("a snapshot round-trips through JSON; newer schemas and garbage are refused clearly")
    func snapshotRoundTrip() throws {
        let (snapshot, _, _) = sampleSnapshot()
        let data = try snapshot.jsonData()
        let decoded = try CollectorSnapshot(jsonData: data)
        #expect(decoded == snapshot)
        var newer = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        newer["schema_version"] = 99
        let newerData = try JSONSerialization.data(withJSONObject: newer)
        #expect(throws: SnapshotReadError.self) { try CollectorSnapshot(jsonData: newerData) }
        do {
            _ = try CollectorSnapshot(jsonData: newerData)
        } catch {
            #expect(error.description.contains("newer"))
        }
        #expect(throws: SnapshotReadError.self) { try CollectorSnapshot(jsonData: Data("[1,2".utf8)) }
        #expect(throws: SnapshotReadError.self) { try CollectorSnapshot(jsonData: Data(#"{"a":1}"#.utf8)) }
    }

    @Test("files are replaced atomically, and unwritable or missing paths give clear errors")
    func atomicFiles() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("out.prom").path
        try AtomicFileWriter.write("one\n", to: path)
        try AtomicFileWriter.write("two\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["out.prom"])
        do {
            try AtomicFileWriter.write("x", to: directory.path + "/missing/dir/out.prom")
            Issue.record("writing into a missing directory succeeded")
        } catch {
            #expect(error.description.contains("missing/dir/out.prom"))
            #expect(error.description.contains("directory exist"))
        }
        if getuid() != 0 {
            // root ignores permissions; the missing-directory case above covers root.
            let locked = directory.appendingPathComponent("locked")
            try FileManager.default.createDirectory(
                at: locked, withIntermediateDirectories: false,
                attributes: [.posixPermissions: 0o500])
            #expect(throws: FileOutputError.self) { try AtomicFileWriter.write("x", to: locked.path + "/f") }
        }
        if FileManager.default.fileExists(atPath: "/dev/full") {
            let appender = LineAppender(destination: .file("/dev/full"))
            #expect(appender.append("line\n", records: 1) == false)
            #expect(appender.failedRecords == 1)
            #expect(appender.lastFailure?.contains("No space") == true)
        }
    }

    @Test("a log file that vanishes or cannot be opened is counted, and output resumes")
    func appenderRecovers() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let missing = directory.appendingPathComponent("later")
        let path = missing.appendingPathComponent("logs.jsonl").path
        let appender = LineAppender(destination: .file(path))
        #expect(appender.append("a\n", records: 1) == false)
        #expect(appender.lastFailure?.contains("later/logs.jsonl") == true)
        try FileManager.default.createDirectory(at: missing, withIntermediateDirectories: true)
        #expect(appender.append("b\n", records: 1))
        try FileManager.default.removeItem(atPath: path)
        #expect(appender.append("c\n", records: 1))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "c\n")
        #expect(appender.writtenRecords == 2 && appender.failedRecords == 1)
    }

    @Test("spans kept for export are counted as written or dropped, also when the file fails")
    func exportedSpanAccounting() throws {
        let source = InMemorySpanSource()
        let op = source.register("op")
        var configuration = Collector.Configuration()
        configuration.spanExport = .all
        configuration.spanExportCapacity = 4
        let collector = Collector(source: source, configuration: configuration)
        var factory = SpanFactory()
        let directory = try CommandRunner.temporaryDirectory()
        var destinations = PeriodicExporter.Destinations()
        destinations.otlpTracesPath = directory.appendingPathComponent("missing/traces.jsonl").path
        let exporter = PeriodicExporter(collector: collector, destinations: destinations)
        for _ in 0..<6 { source.emit(factory.span(operation: op, nanoseconds: 5)) }
        collector.drainNow()
        let failures = exporter.exportOnce()
        #expect(failures.contains { $0.contains("missing/traces.jsonl") })
        #expect(exporter.exportedSpans.written == 0 && exporter.exportedSpans.dropped == 6)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("missing"), withIntermediateDirectories: true)
        for _ in 0..<3 { source.emit(factory.span(operation: op, nanoseconds: 5)) }
        collector.drainNow()
        #expect(exporter.exportOnce().isEmpty)
        #expect(exporter.exportedSpans.written == 3 && exporter.exportedSpans.dropped == 6)
    }

    @Test("log records are one JSON line each with the OpenTelemetry log fields")
    func jsonLines() throws {
        let (_, _, logs) = sampleSnapshot()
        #expect(logs.count >= 2)
        for record in logs {
            let line = record.jsonLine
            #expect(!line.contains("\n"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in ["timestamp", "severity_number", "severity_text", "body", "attributes", "trace_id", "span_id"] {
                #expect(object[key] != nil, "missing \(key)")
            }
            #expect(object["severity_number"] as? Int == 17)
        }
    }
}
