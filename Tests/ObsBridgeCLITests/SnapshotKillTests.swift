import Foundation
import ObsCollector
import ObsTestSupport
import Testing

@Suite("snapshots survive SIGKILL")
struct SnapshotKillTests {
    @Test("kill -9 at random moments while the demo rewrites its snapshot: the file always parses")
    func killedWhileWriting() throws {
        // Expectation: AtomicFileWriter writes a temporary file and renames it into place, so the
        // snapshot path holds the previous complete snapshot (or the new one) at every instant; a
        // process killed mid-write leaves at most its own temporary file beside it.
        let small = ProcessInfo.processInfo.environment["OBSBRIDGE_TEST_SMALL"] == "1"
        let rounds = small ? 5 : 10
        let directory = try CommandRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("snapshot.json").path
        // Seeded, so a failing run can be repeated: OBS_TEST_SEED=<seed> swift test --filter SnapshotKill.
        let seed = SplitMix64.seeds([0x5EED_C0DE]).first!
        var generator = SplitMix64(seed: seed)
        var previous: UInt64 = 0
        for round in 0..<rounds {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.executable)
            process.arguments = [
                "demo", "--duration", "30", "--threads", "2", "--tasks", "1", "--rate", "0", "--plain",
                "--snapshot", path, "--interval", "0.05",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait for this process's first snapshot, then kill it at a random moment. Every read
            // meanwhile, while the demo rewrites the file, must parse too.
            try waitUntil(seconds: small ? 60 : 20) {
                try Self.snapshot(at: path)?.startedAtUnixNano ?? 0 > previous
            }
            usleep(UInt32.random(in: 0...150_000, using: &generator))  // the kill moment, not a wait
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(
                process.terminationReason == .uncaughtSignal, "round \(round), seed \(seed): the demo ended by itself")
            let snapshot = try #require(
                try Self.snapshot(at: path), "round \(round), seed \(seed): no readable snapshot")
            #expect(snapshot.startedAtUnixNano > previous, "round \(round): the snapshot is this run's")
            previous = snapshot.startedAtUnixNano
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(
            names.filter { !$0.hasPrefix(".snapshot.json.tmp.") } == ["snapshot.json"],
            "only the snapshot and killed writers' temporary files: \(names)")
    }

    static func snapshot(at path: String) throws -> CollectorSnapshot? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try CollectorSnapshot(jsonData: data)
    }
}
