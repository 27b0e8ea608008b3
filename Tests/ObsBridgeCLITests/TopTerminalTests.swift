import Foundation
import ObsTestSupport
import Testing

/// Drives the live view in a real terminal (tmux), the way a person would.
@Suite("obsbridge top in a terminal", .serialized)
struct TopTerminalTests {
    /// A tmux server of its own, killed at the end.
    final class Terminal {
        let socket = "obsbridge-test-\(UUID().uuidString.prefix(8))"

        init(command: String, width: Int = 120, height: Int = 30) throws {
            // The tmux server forks from this call and would keep captured pipes open (and
            // Foundation's Process does not reap this short-lived client), so start it through
            // system(3) with its output discarded.
            let quoted = command.replacingOccurrences(of: "'", with: "'\\''")
            let status = system(
                "tmux -L \(socket) -f /dev/null new-session -d -x \(width) -y \(height) '\(quoted)' >/dev/null 2>&1 </dev/null"
            )
            guard status == 0 else { throw CommandFailure(message: "tmux new-session failed (\(status))") }
        }

        deinit { _ = try? tmux(["kill-server"]) }

        @discardableResult
        func tmux(_ arguments: [String]) throws -> CommandRunner.Result {
            try CommandRunner.run("tmux", ["-L", socket, "-f", "/dev/null"] + arguments)
        }

        func screen() throws -> String { try tmux(["capture-pane", "-p"]).standardOutput }

        func send(_ keys: String) throws { try tmux(["send-keys", keys]) }

        func format(_ variable: String) throws -> String {
            try tmux(["display-message", "-p", variable]).standardOutput
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Waits up to `seconds` for the screen to satisfy `condition`; returns the last screen.
        func waitFor(_ seconds: Double, _ condition: (String) -> Bool) throws -> String {
            var last = ""
            try waitUntil(seconds: seconds) {
                last = try screen()
                return condition(last)
            }
            return last
        }
    }

    struct CommandFailure: Error { let message: String }

    @Test("demo shows the live view, sorts by key, quits on q and restores the terminal")
    func demoLiveView() throws {
        let terminal = try Terminal(
            command:
                "\(CLI.executable) demo --duration 60 --threads 1 --tasks 1 --rate 2000; echo DEMO-EXITED-$?; sleep 60")
        let live = try terminal.waitFor(30) { $0.contains("calls/s") && $0.contains("kv.get") }
        #expect(live.contains("calls/s") && live.contains("kv.get"), "live view never appeared:\n\(live)")
        #expect(live.contains("spans: emitted"))
        #expect(try terminal.format("#{alternate_on}") == "1", "the live view should use the alternate screen")
        try terminal.send("m")
        let sorted = try terminal.waitFor(5) { $0.contains("sort: max") }
        #expect(sorted.contains("sort: max"), "pressing m did not sort by max:\n\(sorted)")
        try terminal.send("q")
        let after = try terminal.waitFor(20) { $0.contains("DEMO-EXITED") }
        #expect(after.contains("DEMO-EXITED-0"), "q did not end the demo cleanly:\n\(after)")
        #expect(after.contains("(exact)"), "the final table is missing:\n\(after)")
        #expect(try terminal.format("#{alternate_on}") == "0", "the alternate screen was not left")
        #expect(try terminal.format("#{cursor_flag}") == "1", "the cursor was not shown again")
    }

    @Test("top follows another process's snapshot and adapts to a narrow window")
    func topFromSnapshot() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let snapshot = directory.appendingPathComponent("snapshot.json").path
        let writer = try CLI.run([
            "demo", "--duration", "1", "--threads", "1", "--tasks", "0", "--plain", "--snapshot", snapshot,
        ])
        #expect(writer.status == 0)
        let terminal = try Terminal(
            command: "\(CLI.executable) top \(snapshot); echo TOP-EXITED-$?; sleep 60",
            width: 60, height: 20)
        let screen = try terminal.waitFor(20) { $0.contains("kv.get") }
        #expect(screen.contains("kv.get"), "top never showed the snapshot:\n\(screen)")
        for line in screen.split(separator: "\n") { #expect(line.count <= 60) }
        try terminal.send("q")
        let after = try terminal.waitFor(10) { $0.contains("TOP-EXITED") }
        #expect(after.contains("TOP-EXITED-0"))
    }
}

extension TopTerminalTests {
    @Test("top --replay plays a recording through the live view, then waits for q")
    func replayInTheLiveView() throws {
        let (otlp, _) = try RecordingCommandsTests.recording()
        let terminal = try Terminal(
            command: "\(CLI.executable) top --replay \(otlp) --speed 4 --refresh 0.2; echo TOP-EXITED-$?; sleep 60",
            width: 110, height: 24)
        let playing = try terminal.waitFor(20) { $0.contains("replay ×4") && $0.contains("kv.get") }
        #expect(playing.contains("replay ×4") && playing.contains("kv.get"), "no replay:\n\(playing)")
        let ended = try terminal.waitFor(20) { $0.contains("end of the recording") }
        #expect(ended.contains("end of the recording"), "the replay did not end:\n\(ended)")
        try terminal.send("q")
        let after = try terminal.waitFor(10) { $0.contains("TOP-EXITED") }
        #expect(after.contains("TOP-EXITED-0"))
    }
}
