import Foundation
import ObsCollector
import ObsTestSupport
import Testing

@Suite("summary and timeline on a real recording")
struct RecordingCommandsTests {
    /// The demo's recording (every span exported), shared with the demo's own tests.
    static func recording() throws -> (otlp: String, snapshot: String) {
        let (result, directory) = try DemoCommandTests.run.get()
        #expect(result.status == 0, "\(result.standardError)")
        return (
            directory.appendingPathComponent("otlp.jsonl").path, directory.appendingPathComponent("snapshot.json").path
        )
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("summary reads a recording from a path and from standard input alike, with errors and drops")
    func summaryFromFileAndStandardInput() throws {
        let (otlp, _) = try Self.recording()
        let fromFile = try CLI.run(["summary", otlp, "--json"])
        #expect(fromFile.status == 0, "\(fromFile.standardError)")
        let piped = try CLI.run(["summary", "-", "--json"], input: try String(contentsOfFile: otlp, encoding: .utf8))
        #expect(piped.status == 0, "\(piped.standardError)")
        let file = try Self.json(fromFile.standardOutput)
        let standardInput = try Self.json(piped.standardOutput)
        // The operations (the text before "errors") are the same, byte for byte.
        #expect(
            fromFile.standardOutput.components(separatedBy: "\"errors\"").first
                == piped.standardOutput.components(separatedBy: "\"errors\"").first)
        let errors = try #require(file["errors"] as? [[String: Any]])
        #expect(errors.contains { $0["domain"] as? String == "kv" && $0["code"] as? Int == 404 })
        #expect(!fromFile.standardOutput.contains("alice@example.com") && !fromFile.standardOutput.contains("hunter2"))
        // The path has its metrics file beside it; standard input has none.
        let drops = try #require(file["drops"] as? [String: Any])
        #expect((drops["origin"] as? String)?.hasSuffix("otlp.metrics.jsonl") == true)
        #expect(drops["spans_emitted"] as? Int != nil)
        #expect(standardInput["drops"] == nil)
        let table = try CLI.run(["summary", otlp])
        #expect(table.standardOutput.contains("errors by domain and code:"))
        #expect(table.standardOutput.contains("drops: "))
    }

    @Test("summary of an export directory's traces file finds the metrics file beside it")
    func exportDirectoryNames() throws {
        let (otlp, _) = try Self.recording()
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let names = ExportDirectory.FileNames()
        let traces = directory.appendingPathComponent(names.traces).path
        try FileManager.default.copyItem(atPath: otlp, toPath: traces)
        try FileManager.default.copyItem(
            atPath: String(otlp.dropLast(".jsonl".count)) + ".metrics.jsonl",
            toPath: directory.appendingPathComponent(names.metrics).path)
        let result = try CLI.run(["summary", traces, "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let drops = try #require(try Self.json(result.standardOutput)["drops"] as? [String: Any])
        #expect((drops["origin"] as? String)?.hasSuffix(names.metrics) == true)
    }

    @Test("summary reads a recording cut mid-line by a crash up to that line, and names it")
    func cutRecording() throws {
        let (otlp, _) = try Self.recording()
        let lines = try String(contentsOfFile: otlp, encoding: .utf8).split(separator: "\n")
        try #require(lines.count >= 3)
        let cut = lines.prefix(2).joined(separator: "\n") + "\n" + lines[2].prefix(lines[2].count / 2)
        let path = try CommandRunner.temporaryDirectory().appendingPathComponent("cut.jsonl").path
        try cut.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["summary", path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("warning: line 3 is cut short"))
        #expect(result.standardOutput.contains("kv.get"))
        let viaDevice = try CLI.run(["summary", "/dev/stdin"], input: cut)
        #expect(viaDevice.status == 0 && viaDevice.standardError.contains("line 3 is cut short"))
    }

    @Test("timeline turns the demo's recording into a trace that keeps the format's rules")
    func timelineOfTheDemo() throws {
        let (otlp, snapshot) = try Self.recording()
        let output = try CommandRunner.temporaryDirectory().appendingPathComponent("trace.json").path
        let result = try CLI.run(["timeline", otlp, "-o", output, "--max-traces", "3000"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("ui.perfetto.dev"))
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        let report = TraceEventRules.check(data)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.slices.count > 100 && !report.flows.isEmpty && !report.instants.isEmpty)
        #expect(report.threadNames.values.contains { $0.hasPrefix("Swift thread") })
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("alice@example.com") && !text.contains("hunter2"))
        if result.standardOutput.contains("limit:") {
            #expect((report.otherData["spans_left_out"] as? Int ?? 0) > 0)
        }
        let refused = try CLI.run(["timeline", snapshot, "-o", output + ".2"])
        #expect(refused.status == 1 && refused.standardError.contains("is a snapshot"))
    }
}

extension RecordingCommandsTests {
    @Test("top --replay prints each refresh and stops at the end when not on a terminal")
    func replayWithoutTerminal() throws {
        let (otlp, snapshot) = try Self.recording()
        let result = try CLI.run(["top", "--replay", otlp, "--speed", "50", "--refresh", "0.05"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("replay ×50") && result.standardOutput.contains("end of the recording"))
        #expect(result.standardOutput.contains("kv.get"))
        let refused = try CLI.run(["top", "--replay", snapshot])
        #expect(refused.status == 1 && refused.standardError.contains("is a snapshot"))
    }

    @Test("live top says STALE when its snapshot stops changing, instead of 0 calls/s")
    func staleSnapshot() throws {
        var (snapshot, _, _) = sampleSnapshot()
        snapshot.generatedAtUnixNano = UnixTime.nowNanoseconds()
        let path = try CommandRunner.temporaryDirectory().appendingPathComponent("snapshot.json").path
        try snapshot.jsonData().write(to: URL(fileURLWithPath: path))
        // The view runs until stopped: let it refresh for five seconds, with a two-second threshold.
        let result = try CommandRunner.run(
            "timeout", ["5", CLI.executable, "top", path, "--refresh", "0.2", "--stale", "2"])
        let frames = result.standardOutput.components(separatedBy: "\n\n").filter { $0.contains("kv.get") }
        #expect(frames.count >= 5)
        #expect(frames.first.map { !$0.contains("STALE") } == true, "a fresh snapshot is not stale")
        #expect(frames.last?.contains("STALE: unchanged for") == true)
        #expect(frames.last?.split(separator: "\n").first { $0.hasPrefix("kv.get") }?.contains("stale") == true)
        let once = try CLI.run(["top", path, "--once", "--stale", "2"])
        #expect(once.standardOutput.contains("STALE"), "five seconds on, --once sees it stale too")
    }
}
