import Foundation
import ObsCollector
import ObsTestKit
import Testing

@Suite("export directory")
struct ExportDirectoryTests {
    @Test("the defaults: five files in the directory, every second, every span, standard rotation")
    func defaults() {
        let exports = ExportDirectory(path: "/var/lib/app/obs/")
        let destinations = exports.destinations
        #expect(destinations.prometheus == .file("/var/lib/app/obs/obsbridge.prom"))
        #expect(destinations.snapshotPath == "/var/lib/app/obs/obsbridge-snapshot.json")
        #expect(destinations.otlpTracesPath == "/var/lib/app/obs/obsbridge-traces.jsonl")
        #expect(destinations.otlpMetricsPath == "/var/lib/app/obs/obsbridge-metrics.jsonl")
        #expect(destinations.intervalNanoseconds == 1_000_000_000)
        #expect(destinations.rotation == .standard)
        #expect(destinations.permissions == 0o640 && destinations.prometheusPermissions == 0o644)
        #expect(exports.spanExport == .all)
        #expect(Set(exports.fileNames.all).count == 5)
    }

    @Test("apply turns span export on and adds the OTLP logs file beside an existing sink")
    func applyToCollector() {
        var configuration = Collector.Configuration()
        #expect(configuration.spanExport == .none)
        let memory = InMemoryLogSink()
        configuration.logSink = memory
        ExportDirectory(path: "/tmp/x").apply(to: &configuration)
        #expect(configuration.spanExport == .all)
        let sink = configuration.logSink as? MultiLogSink
        #expect(sink != nil, "the existing sink is kept beside the OTLP logs file")
        var alone = Collector.Configuration()
        ExportDirectory(path: "/tmp/x").apply(to: &alone)
        #expect((alone.logSink as? LogWriter)?.format == .otlp)
    }

    @Test("prepare creates missing parents; refuses an empty path and a file, with the reason")
    func prepare() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("obsbridge-prep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let nested = root.appendingPathComponent("a/b").path
        try ExportDirectory(path: nested).prepare()
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: nested, isDirectory: &isDirectory) && isDirectory.boolValue)
        try ExportDirectory(path: nested).prepare()  // exists: fine
        let file = root.appendingPathComponent("file").path
        FileManager.default.createFile(atPath: file, contents: Data())
        #expect(throws: FileOutputError.self) { try ExportDirectory(path: file).prepare() }
        do {
            try ExportDirectory(path: file).prepare()
        } catch {
            #expect(error.description.contains("not a directory") && error.description.contains(file))
        }
        do {
            try ExportDirectory(path: file + "/sub").prepare()
            Issue.record("a directory under a file was created")
        } catch {
            #expect(error.description.contains("create export directory"))
        }
        #expect(throws: FileOutputError.self) { try ExportDirectory(path: "").prepare() }
    }
}
