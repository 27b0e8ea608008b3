import Foundation
import ObsCollector
import ObsTestKit
import ObsTestSupport
import Testing

@Suite("Bounded disk: rotation, reopen, full disks")
struct FileRotationTests {
    @Test("a rotated output never holds more than its bound, and what rotation deletes is counted")
    func rotationBoundsDisk() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/logs.jsonl"
        let rotation = FileRotation(maxBytes: 1_000, backups: 2)
        let appender = LineAppender(destination: .file(path), rotation: rotation)
        var generator = SplitMix64(seed: 14)
        var offered = 0
        for round in 0..<500 {
            let records = Int(generator.next() % 5) + 1
            let line = String(repeating: "r", count: Int(generator.next() % 40)) + "\n"
            let batch = String(repeating: line, count: records)
            offered += batch.utf8.count
            #expect(appender.append(batch, records: records), "round \(round)")
            let sizes = try diskSizes(path, backups: rotation.backups + 2)
            #expect(sizes.allSatisfy { $0 <= rotation.maxBytes }, "a file is over the maximum: \(sizes)")
            #expect(sizes.reduce(0, +) <= rotation.maximumDiskBytes)
        }
        let statistics = appender.statistics
        let onDisk = try diskSizes(path, backups: rotation.backups + 2).reduce(0, +)
        #expect(!FileManager.default.fileExists(atPath: path + ".3"), "only 2 backups kept")
        #expect(statistics.rotations > 0)
        // Every byte offered is on disk, or counted as deleted by rotation; nothing was lost.
        #expect(UInt64(offered) == statistics.writtenBytes)
        #expect(statistics.writtenBytes == onDisk + statistics.rotatedAwayBytes)
        #expect(statistics.lostRecords == 0)
        let linesOnDisk = try (0...2).map { index in
            let name = index == 0 ? path : FileRotation.backupPath(path, index)
            return try String(contentsOfFile: name, encoding: .utf8).split(separator: "\n").count
        }.reduce(0, +)
        #expect(statistics.writtenRecords == UInt64(linesOnDisk) + statistics.rotatedAwayRecords)
    }

    @Test("a batch larger than the maximum file size is refused and counted, never written")
    func oversizeBatch() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let appender = LineAppender(
            destination: .file(directory.path + "/big.jsonl"), rotation: FileRotation(maxBytes: 10, backups: 1))
        #expect(appender.append(String(repeating: "x", count: 20) + "\n", records: 3) == false)
        #expect(appender.statistics.lostRecords == 3 && appender.statistics.lostBytes == 21)
        #expect(appender.lastFailure?.contains("larger than the rotation's maximum") == true)
        #expect(appender.append("small\n", records: 1))
    }

    @Test("logrotate: a file moved away or deleted is started again, reopen() closes at once")
    func logrotateCompatible() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/app.jsonl"
        let writer = LogWriter(destination: .file(path), rotation: nil)
        func log(_ body: String) {
            writer.write(
                [LogRecord(timeUnixNano: 1, observedTimeUnixNano: 1, severity: .info, body: body)],
                resource: ResourceInfo())
            writer.flush()
        }
        log("before")
        // logrotate's default (`create`): rename, then create a new empty file.
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        log("after create")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("after create"))
        #expect(try !String(contentsOfFile: path + ".1", encoding: .utf8).contains("after create"))
        // Moved away with no new file: the next flush makes one.
        try FileManager.default.moveItem(atPath: path, toPath: path + ".2")
        log("after move")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("after move"))
        // `copytruncate`: appends continue at the new end, from the start of the file.
        truncate(path, 0)
        log("after truncate")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("{"))
        writer.reopen()
        log("after reopen")
        let statistics = try #require(writer.outputStatistics.first)
        #expect(statistics.reopens == 3 && statistics.writtenRecords == 5 && statistics.lostRecords == 0)
        #expect(statistics.output == "logs")
    }

    @Test("a full disk loses whole batches, counted in records and bytes, and writing resumes")
    func fullDisk() throws {
        try #require(FileManager.default.fileExists(atPath: "/dev/full"))
        let appender = LineAppender(destination: .file("/dev/full"), rotation: nil)
        #expect(appender.append("one\ntwo\n", records: 2) == false)
        #expect(appender.statistics.lostRecords == 2 && appender.statistics.lostBytes == 8)
        #expect(appender.lastFailure?.contains("the disk is full") == true)
        #expect(appender.statistics.writtenRecords == 0)
    }

    @Test("the exporter reports what every output wrote and lost in the snapshot, Prometheus and OTLP")
    func lossesAreExported() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = InMemorySpanSource()
        let operation = source.register("op")
        var configuration = Collector.Configuration()
        configuration.spanExport = .all
        configuration.logSink = LogWriter(destination: .file("/dev/full"), rotation: nil)
        configuration.slowSpanThresholdNanoseconds = 1
        let collector = Collector(source: source, configuration: configuration)
        var destinations = PeriodicExporter.Destinations()
        destinations.prometheus = .file(directory.path + "/metrics.prom")
        destinations.snapshotPath = directory.path + "/snapshot.json"
        destinations.otlpTracesPath = directory.path + "/traces.jsonl"
        destinations.otlpMetricsPath = directory.path + "/metrics.jsonl"
        destinations.rotation = FileRotation(maxBytes: 16_000, backups: 1)
        destinations.spansPerLine = 5
        let exporter = PeriodicExporter(collector: collector, destinations: destinations)
        var factory = SpanFactory()
        for _ in 0..<8 {
            for _ in 0..<20 { source.emit(factory.span(operation: operation, nanoseconds: 10)) }
            collector.drainNow()
            exporter.exportOnce()
        }
        exporter.exportOnce()
        let outputs = exporter.outputStatistics
        #expect(outputs.map(\.output) == ["logs", "otlp_traces", "otlp_metrics"])
        let logs = try #require(outputs.first)
        #expect(logs.lostRecords == 160, "every slow-call record was lost to the full disk")
        let traces = outputs[1]
        #expect(traces.rotations > 0 && traces.rotatedAwayRecords > 0)
        #expect(traces.writtenRecords == 160 && exporter.exportedSpans.written == 160)

        let snapshot = try CollectorSnapshot(
            jsonData: Data(contentsOf: URL(fileURLWithPath: destinations.snapshotPath!)))
        #expect(snapshot.outputs?.first?.lostRecords == 160)
        let prometheus = try String(contentsOfFile: directory.path + "/metrics.prom", encoding: .utf8)
        #expect(
            prometheus.contains(
                #"obsbridge_output_lost_records_total{output="logs",path="/dev/full",reason="write_failed"} 160"#))
        #expect(prometheus.contains(#"obsbridge_output_rotations_total{output="otlp_traces""#))
        #expect(prometheus.contains(#"obsbridge_output_disk_limit_bytes{output="otlp_traces""#))
        let check = try CommandRunner.run("promtool", ["check", "metrics"], input: prometheus)
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        let script = CommandRunner.packageRoot().appendingPathComponent("scripts/check_otlp.py").path
        let metrics = try CommandRunner.run("python3", [script, "metrics", directory.path + "/metrics.jsonl"])
        #expect(metrics.status == 0, "\(metrics.standardError)")
        #expect(metrics.standardOutput.contains("obsbridge.output.lost.records"))
    }

    private func diskSizes(_ path: String, backups: Int) throws -> [UInt64] {
        (0...backups).compactMap { index in
            let name = index == 0 ? path : FileRotation.backupPath(path, index)
            return (try? FileManager.default.attributesOfItem(atPath: name)[.size] as? UInt64) ?? nil
        }
    }
}
