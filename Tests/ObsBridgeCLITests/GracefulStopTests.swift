import Foundation
import ObsCollector
import ObsTestSupport
import Testing

@Suite("graceful stop on SIGTERM")
struct GracefulStopTests {
    @Test("SIGTERM to a service with an export directory flushes every export, then ends as SIGTERM would")
    func sigtermFlushes() throws {
        // Expectation: `demo --export-dir` starts the bridge with Bridge.Configuration(exportDirectory:)
        // and installs GracefulStop. The export interval is an hour, so the export files appear only
        // if the signal's shutdown wrote them; the JSON Lines log (every span is "slow") shows that
        // calls were traced before the signal was sent.
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let exports = directory.appendingPathComponent("exports")
        let log = directory.appendingPathComponent("spans.jsonl")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = [
            "demo", "--export-dir", exports.path, "--interval", "3600", "--logs", log.path, "--slow-ms", "0",
            "--duration", "600", "--threads", "1", "--tasks", "1", "--rate", "2000", "--plain",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let traced = try waitUntil(seconds: 120) {
            (try? FileManager.default.attributesOfItem(atPath: log.path)[.size] as? Int ?? 0) ?? 0 > 0
        }
        try #require(traced, "the demo traced nothing within two minutes")
        let names = ExportDirectory.FileNames()
        for name in [names.prometheus, names.snapshot, names.traces, names.metrics] {
            #expect(!FileManager.default.fileExists(atPath: exports.appendingPathComponent(name).path))
        }

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        let snapshot = try CollectorSnapshot(
            jsonData: try Data(contentsOf: exports.appendingPathComponent(names.snapshot)))
        #expect(snapshot.operations.contains { $0.calls > 0 })
        #expect(snapshot.counters.pending == 0, "the final snapshot was taken after the drain")
        func read(_ name: String) throws -> String {
            try String(contentsOf: exports.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(try read(names.prometheus).contains("obsbridge_call_duration_seconds_bucket"))
        #expect(try read(names.traces).contains("resourceSpans"))
        #expect(try read(names.metrics).contains("resourceMetrics"))
        #expect(try read(names.logs).contains("resourceLogs"))
    }

    @Test("demo --export-dir refuses the per-file export flags with a usage error naming them")
    func exportDirectoryConflicts() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run([
            "demo", "--export-dir", directory.path, "--otlp", directory.appendingPathComponent("x.jsonl").path,
            "--duration", "0",
        ])
        #expect(result.status == 2)
        #expect(result.standardError.contains("--export-dir") && result.standardError.contains("--otlp"))
    }
}
