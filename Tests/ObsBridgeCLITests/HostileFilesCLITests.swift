import Foundation
import ObsCollector
import ObsTestSupport
import Testing

/// `obsbridge demo` writing into a hostile directory, rotating, reopening on SIGHUP, and running
/// into a file size limit: end to end, through the built command, as root.
@Suite("obsbridge demo in hostile directories", .serialized)
struct HostileFilesCLITests {
    static let appended = ["logs.jsonl", "otlp.jsonl", "otlp.metrics.jsonl", "otlp.logs.jsonl"]

    @Test("links planted at every export name (files, backups) change no other file")
    func plantedLinksChangeNothing() throws {
        let hostile = try HostileDirectory()
        defer { hostile.remove() }
        var index = 0
        for name in ["metrics.prom", "snapshot.json"] + Self.appended {
            hostile.plantLink(name, index: index)
            index += 1
            guard Self.appended.contains(name) else { continue }
            for backup in 1...4 {
                hostile.plantLink("\(name).\(backup)", index: index)
                index += 1
            }
        }
        let before = hostile.victimState()
        let result = try CLI.run(
            [
                "demo", "--duration", "1.5", "--threads", "2", "--tasks", "1", "--rate", "2000", "--plain",
                "--interval", "0.2", "--slow-ms", "0.05", "--otlp-spans", "all",
                "--max-file-mb", "0.05", "--max-backups", "2",
            ] + Self.exportFlags(hostile.shared))
        #expect(hostile.victimState() == before, "a file outside the exports changed")
        #expect(result.status == 1, "the refused files are reported: \(result.standardError)")
        #expect(result.standardError.contains("symbolic link"), "\(result.standardError)")
        // The atomically written files replaced the links; the appended ones were refused, so the
        // links are still there and nothing was written through them.
        #expect(hostile.fileType("metrics.prom") == S_IFREG && hostile.fileType("snapshot.json") == S_IFREG)
        for name in Self.appended { #expect(hostile.fileType(name) == S_IFLNK, "\(name)") }
        let prometheus = try String(contentsOfFile: hostile.shared + "/metrics.prom", encoding: .utf8)
        #expect(
            Self.value(prometheus, #"obsbridge_output_lost_records_total{output="logs""#, reason: "write_failed") > 0)
    }

    @Test("with rotation, no file passes its maximum and no more backups are kept than asked")
    func rotationBoundsEveryFile() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let maximum: UInt64 = 524_288
        let result = try CLI.run(
            [
                // Flat out (--rate 0): enough output for several rotations even on a loaded machine.
                "demo", "--duration", "2", "--threads", "2", "--tasks", "1", "--rate", "0", "--plain",
                "--interval", "0.2", "--slow-ms", "0.05", "--otlp-spans", "all",
                "--max-file-mb", "0.5", "--max-backups", "2",
            ] + Self.exportFlags(directory.path))
        #expect(result.status == 0, "\(result.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        for name in names {
            let size = try FileManager.default.attributesOfItem(atPath: directory.path + "/" + name)[.size] as? UInt64
            if name.contains(".jsonl") { #expect(size ?? 0 <= maximum, "\(name) holds \(size ?? 0) bytes") }
        }
        for name in Self.appended { #expect(!names.contains("\(name).3"), "more than 2 backups of \(name)") }
        let prometheus = try String(contentsOf: directory.appendingPathComponent("metrics.prom"), encoding: .utf8)
        #expect(Self.value(prometheus, #"obsbridge_output_rotations_total{output="otlp_traces""#) > 0)
        #expect(
            Self.value(prometheus, #"obsbridge_output_lost_records_total{output="otlp_traces""#, reason: "rotated_away")
                > 0)
        #expect(prometheus.contains("obsbridge_output_disk_limit_bytes{output=\"logs\""))
        #expect(names.contains("logs.jsonl.2") && names.contains("otlp.jsonl.1"), "\(names.sorted())")
    }

    @Test("SIGHUP reopens the appended files and does not end the demo")
    func hangupReopens() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments =
            [
                "demo", "--duration", "4", "--threads", "1", "--tasks", "1", "--rate", "2000", "--plain",
                "--interval", "0.1", "--slow-ms", "0.05",
            ] + Self.exportFlags(directory.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let logs = directory.path + "/logs.jsonl"
        for path in [logs, directory.path + "/otlp.metrics.jsonl"] {
            #expect(waitUntil { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? UInt64) ?? 0 > 0 })
        }
        // logrotate: move the file away, then signal.
        try FileManager.default.moveItem(atPath: logs, toPath: logs + ".rotated")
        kill(process.processIdentifier, SIGHUP)
        #expect(waitUntil { FileManager.default.fileExists(atPath: logs) }, "no new log file after SIGHUP")
        kill(process.processIdentifier, SIGHUP)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "SIGHUP ended the demo")
        let prometheus = try String(contentsOf: directory.appendingPathComponent("metrics.prom"), encoding: .utf8)
        #expect(Self.value(prometheus, #"obsbridge_output_reopens_total{output="logs""#) >= 2)
        #expect(Self.value(prometheus, #"obsbridge_output_reopens_total{output="otlp_metrics""#) >= 1)
    }

    /// Whether the command runs under ThreadSanitizer, whose runtime dies of SIGBUS under any file
    /// size limit before `main` (even `obsbridge demo --help`); the full disk is then covered by
    /// the `/dev/full` tests only.
    static let underThreadSanitizer: Bool = {
        #if OBSBRIDGE_TSAN
        true
        #else
        false
        #endif
    }()

    @Test(
        "a file size limit (ulimit -f) loses whole records, counted, and never ends the process",
        .disabled(if: underThreadSanitizer, "ThreadSanitizer's runtime cannot start under a file size limit"))
    func fileSizeLimit() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let limitKiB = 256
        let arguments =
            [
                "demo", "--duration", "1.5", "--threads", "2", "--tasks", "1", "--rate", "5000", "--plain",
                "--interval", "0.2", "--slow-ms", "0.05", "--otlp-spans", "all", "--max-file-mb", "0",
            ] + Self.exportFlags(directory.path)
        let result = try CommandRunner.run(
            "bash", ["-c", "ulimit -f \(limitKiB) && exec \"$0\" \"$@\"", CLI.executable] + arguments)
        #expect(result.status == 1, "status \(result.status) (153 would be SIGXFSZ): \(result.standardError)")
        #expect(result.standardError.contains("file size limit"), "\(result.standardError)")
        for name in Self.appended {
            let path = directory.path + "/" + name
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(data.count <= limitKiB * 1024)
            // Whole records only: every line of every file parses.
            for line in data.split(separator: UInt8(ascii: "\n")) {
                #expect(
                    (try? JSONSerialization.jsonObject(with: Data(line))) != nil,
                    "\(name) holds a partial line of \(line.count) bytes")
            }
        }
        let prometheus = try String(contentsOf: directory.appendingPathComponent("metrics.prom"), encoding: .utf8)
        #expect(
            Self.value(prometheus, #"obsbridge_output_lost_records_total{output="logs""#, reason: "write_failed") > 0)
        #expect(
            Self.value(prometheus, #"obsbridge_output_lost_bytes_total{output="otlp_traces""#, reason: "write_failed")
                > 0)
    }

    @Test("the system calls: exclusive no-follow temporary files, rename, directory fsync; no-follow appends")
    func systemCalls() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appendingPathComponent("trace").path
        let exports = directory.appendingPathComponent("exports").path
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: false)
        // One file per thread (-ff), so no call is split across lines by another thread's.
        // LeakSanitizer cannot run under ptrace; the leak checks run in every other test.
        let asanOptions = ProcessInfo.processInfo.environment["ASAN_OPTIONS"].map { $0 + ":" } ?? ""
        let result = try CommandRunner.run(
            "strace",
            ["-ff", "-qq", "-o", trace, "-e", "trace=openat,renameat,renameat2,fsync", CLI.executable]
                + ["demo", "--duration", "0.5", "--threads", "1", "--tasks", "0", "--plain", "--interval", "0.1"]
                + Self.exportFlags(exports), environment: ["ASAN_OPTIONS": asanOptions + "detect_leaks=0"])
        #expect(result.status == 0, "\(result.standardError)")
        var renames = 0
        var appendOpens = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasPrefix("trace") {
            // Threads that made none of the traced calls leave empty files (which Foundation leaks on reading).
            guard
                try FileManager.default.attributesOfItem(atPath: directory.path + "/" + name)[.size] as? UInt64 ?? 0 > 0
            else { continue }
            let calls = try String(contentsOfFile: directory.path + "/" + name, encoding: .utf8).split(separator: "\n")
            for (index, call) in calls.enumerated() {
                if call.contains("/logs.jsonl\"") && call.hasPrefix("openat(") {
                    appendOpens += 1
                    #expect(call.contains("O_NOFOLLOW") && call.contains("O_APPEND"), "\(call)")
                }
                guard call.hasPrefix("renameat"), call.hasSuffix("= 0") else { continue }
                // renameat(7, ".metrics.prom.tmp.0123456789abcdef", 7, "metrics.prom") = 0
                let fields = call.split(separator: "\"")
                let descriptor = call.dropFirst(call.hasPrefix("renameat2") ? 10 : 9).prefix { $0 != "," }
                let temporary = String(fields[1])
                #expect(temporary.split(separator: ".").last?.count == 16, "not 16 random hex digits: \(temporary)")
                let creation = calls[..<index].last { $0.contains("\"\(temporary)\"") }
                #expect(
                    creation.map { $0.contains("O_CREAT|O_EXCL") && $0.contains("O_NOFOLLOW") } == true,
                    "\(creation ?? "no creation of \(temporary)")")
                let sync = calls[(index + 1)...].first { $0.hasPrefix("fsync(") }
                #expect(
                    sync?.split(separator: " ").joined(separator: " ") == "fsync(\(descriptor)) = 0",
                    "the directory \(descriptor) is not fsynced after \(call)")
                renames += 1
            }
        }
        #expect(renames >= 2, "the Prometheus file and the snapshot are renamed into place")
        #expect(appendOpens >= 1)
    }

    /// Every export of the demo into `directory`.
    static func exportFlags(_ directory: String) -> [String] {
        [
            "--prometheus", directory + "/metrics.prom", "--snapshot", directory + "/snapshot.json",
            "--logs", directory + "/logs.jsonl", "--otlp", directory + "/otlp.jsonl",
        ]
    }

    /// The value of the first sample whose line starts with `prefix` (and has `reason`), or 0.
    static func value(_ text: String, _ prefix: String, reason: String? = nil) -> Double {
        let line = text.split(separator: "\n").first { line in
            line.hasPrefix(prefix) && (reason.map { line.contains("reason=\"\($0)\"") } ?? true)
        }
        return line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) } ?? 0
    }
}
