import Foundation
import ObsCollector
import ObsTestSupport
import Testing

@Suite("obsbridge demo and its exports", .serialized)
struct DemoCommandTests {
    /// One demo run with every export, shared by the tests below.
    static let run: Result<(CommandRunner.Result, URL), any Error> = Result {
        let directory = try CommandRunner.temporaryDirectory()
        let result = try CLI.run([
            "demo", "--duration", "2", "--threads", "2", "--tasks", "2", "--rate", "5000", "--plain",
            "--prometheus", directory.appendingPathComponent("obsbridge.prom").path,
            "--otlp", directory.appendingPathComponent("otlp.jsonl").path,
            "--otlp-spans", "all",
            "--logs", directory.appendingPathComponent("logs.jsonl").path,
            "--snapshot", directory.appendingPathComponent("snapshot.json").path,
            "--interval", "0.5", "--slow-ms", "0.05",
        ])
        return (result, directory)
    }

    func demo() throws -> (CommandRunner.Result, URL) { try Self.run.get() }

    @Test("the demo prints a table per operation with the exact accounting")
    func table() throws {
        let (result, _) = try demo()
        #expect(result.status == 0, "\(result.standardError)")
        for operation in ["image.resize", "json.parse", "kv.get", "checksum", "request"] {
            #expect(result.standardOutput.contains(operation), "no row for \(operation)")
        }
        for column in ["calls", "errors", "p50", "p90", "p99", "max"] {
            #expect(result.standardOutput.contains(column))
        }
        #expect(result.standardOutput.contains("(exact)"))
        #expect(!result.standardOutput.contains("alice@example.com"))
    }

    @Test(
        "calls are the native calls made: child spans and Swift spans are counted apart, in the table, summary and top")
    func callsAreBoundarySpans() throws {
        let (result, directory) = try demo()
        let out = result.standardOutput
        // "obsbridge demo: N calls (F failed) in …" counts the native calls the workload made.
        let made = try #require(
            out.split(separator: "\n").first { $0.hasPrefix("obsbridge demo: ") }?.split(separator: " ")[2])
        let totals = try #require(out.split(separator: "\n").first { $0.hasPrefix("totals: ") }.map(String.init))
        #expect(totals.hasPrefix("totals: \(made) calls, "), "\(totals) vs \(made) native calls")
        #expect(totals.contains("child spans") && totals.contains("Swift spans"))
        #expect(out.contains("\nchild span ") && out.contains("\nSwift span "))
        let path = directory.appendingPathComponent("snapshot.json").path
        let summary = try CLI.run(["summary", path])
        let top = try CLI.run(["top", path, "--once"])
        #expect(summary.standardOutput.contains(totals), "summary: \(summary.standardOutput)")
        #expect(top.standardOutput.contains(totals), "top: \(top.standardOutput)")
    }

    @Test("the Prometheus file passes promtool, and the dashboard's metrics all exist in it")
    func prometheusFile() throws {
        let (_, directory) = try demo()
        let text = try String(contentsOf: directory.appendingPathComponent("obsbridge.prom"), encoding: .utf8)
        let check = try CommandRunner.run("promtool", ["check", "metrics"], input: text)
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(text.contains("obsbridge_call_duration_seconds_bucket{operation=\"kv.get\""))
        #expect(text.contains("obsbridge_errors_total{operation=\"kv.get\",domain=\"kv\",code=\"404\"}"))
        #expect(text.contains("domain=\"panic\""))

        let exported = Set(
            text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap {
                $0.split(whereSeparator: { $0 == "{" || $0 == " " }).first.map(String.init)
            })
        let dashboards = CommandRunner.packageRoot().appendingPathComponent("dashboards")
        let files = try FileManager.default.contentsOfDirectory(atPath: dashboards.path).filter {
            $0.hasSuffix(".json")
        }
        #expect(!files.isEmpty)
        for file in files {
            let json = try String(contentsOf: dashboards.appendingPathComponent(file), encoding: .utf8)
            let queried = DashboardQueries.metricNames(inDashboardJSON: json)
            #expect(!queried.isEmpty, "\(file) queries no metric")
            for metric in queried {
                #expect(exported.contains(metric), "\(file) queries \(metric), which the exporter does not write")
            }
        }
    }

    @Test("OTLP spans, metrics and logs parse with the official protobuf definitions")
    func otlpFiles() throws {
        let (_, directory) = try demo()
        let script = CommandRunner.packageRoot().appendingPathComponent("scripts/check_otlp.py").path
        for (kind, file) in [("traces", "otlp.jsonl"), ("metrics", "otlp.metrics.jsonl"), ("logs", "otlp.logs.jsonl")] {
            let path = directory.appendingPathComponent(file).path
            #expect(FileManager.default.fileExists(atPath: path), "\(file) was not written")
            let check = try CommandRunner.run("python3", [script, kind, path])
            #expect(check.status == 0, "\(file): \(check.standardError)")
            let contents = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!contents.contains("alice@example.com") && !contents.contains("eyJhbGci"))
        }
        let summary = try CLI.run(["summary", directory.appendingPathComponent("otlp.jsonl").path, "--json"])
        #expect(summary.status == 0, "\(summary.standardError)")
        #expect(summary.standardOutput.contains("\"name\":\"kv.get\""))
    }

    @Test("structured logs are JSON Lines with sanitized errors and slow spans")
    func logsFile() throws {
        let (_, directory) = try demo()
        let text = try String(contentsOf: directory.appendingPathComponent("logs.jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count > 0)
        var severities = Set<String>()
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            severities.insert(object["severity_text"] as? String ?? "")
        }
        #expect(severities.contains("ERROR") && severities.contains("WARN"))
        #expect(!text.contains("alice@example.com") && !text.contains("hunter2") && !text.contains("eyJhbGci"))
    }

    @Test("the snapshot is readable by summary and top --once")
    func snapshotFile() throws {
        let (_, directory) = try demo()
        let path = directory.appendingPathComponent("snapshot.json").path
        let summary = try CLI.run(["summary", path])
        #expect(summary.status == 0 && summary.standardOutput.contains("kv.get"))
        let top = try CLI.run(["top", path, "--once"])
        #expect(top.status == 0 && top.standardOutput.contains("calls/s"))
        let missing = try CLI.run(["summary", directory.appendingPathComponent("nope.json").path])
        #expect(missing.status == 1 && missing.standardError.contains("nope.json"))
    }

    @Test("an unwritable export path is a clear error, and the demo still runs to the end")
    func unwritableExport() throws {
        let result = try CLI.run([
            "demo", "--duration", "0.5", "--threads", "1", "--tasks", "0", "--plain",
            "--prometheus", "/nonexistent-dir/obsbridge.prom",
        ])
        #expect(result.status == 1)
        #expect(result.standardError.contains("/nonexistent-dir/obsbridge.prom"))
        #expect(result.standardOutput.contains("kv.get"), "the demo did not finish its work")
    }
}
