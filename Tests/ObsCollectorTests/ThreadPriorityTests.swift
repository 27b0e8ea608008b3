import Foundation
import ObsCollector
import ObsTestKit
import ObsTestSupport
import Testing

#if os(Linux)
@Suite("Thread priorities")
struct ThreadPriorityTests {
    /// The nice value of each of this process's threads named `name` (field 19 of
    /// `/proc/self/task/<tid>/stat`, after the parenthesised name).
    static func niceValues(of name: String) throws -> [Int] {
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
        return tasks.compactMap { task in
            guard let comm = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8),
                comm.trimmingCharacters(in: .whitespacesAndNewlines) == name,
                let stat = try? String(contentsOfFile: "/proc/self/task/\(task)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            // After ") ": state is field 3, so nice (field 19) is the 17th of the rest.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 16 ? Int(fields[16]) : nil
        }
    }

    @Test("the log and export threads give way to the drains; the drains keep the process's priority")
    func bulkThreadsGiveWay() throws {
        // On Linux this is the calling thread's nice value, which threads inherit when created.
        let own = Int(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = Collector.Configuration()
        configuration.logSink = LogWriter(destination: .file(directory.appendingPathComponent("logs.jsonl").path))
        let collector = Collector(source: InMemorySpanSource(), configuration: configuration)
        var destinations = PeriodicExporter.Destinations()
        destinations.otlpTracesPath = directory.appendingPathComponent("traces.jsonl").path
        let exporter = PeriodicExporter(collector: collector, destinations: destinations)
        collector.start()
        exporter.start()
        defer {
            _ = exporter.stopAndExportFinal()
            collector.shutdown()
        }
        // The threads name themselves and set their priority as they start.
        var found: [String: [Int]] = [:]
        let names = ["obsb-logs", "obsb-exporter", "obsb-collector", "obsb-errors"]
        let deadline = Date().addingTimeInterval(10)
        repeat {
            Thread.sleep(forTimeInterval: 0.01)
            for name in names { found[name] = try Self.niceValues(of: name) }
        } while names.contains(where: { found[$0]?.isEmpty != false }) && Date() < deadline
        // Other suites' collectors may run at the same time: every thread of a name agrees.
        let expected = [
            "obsb-logs": min(19, own + Int(Collector.logThreadNiceIncrement)),
            "obsb-exporter": min(19, own + Int(PeriodicExporter.threadNiceIncrement)),
            "obsb-collector": own, "obsb-errors": own,
        ]
        for name in names {
            let values = try #require(found[name])
            #expect(!values.isEmpty, "no thread named \(name)")
            #expect(values.allSatisfy { $0 == expected[name] }, "\(name): nice \(values), expected \(expected[name]!)")
        }
    }
}
#endif
