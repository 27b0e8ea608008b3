import Foundation
import ObsCollector
import ObsTestSupport
import Testing

@Suite("hostile text at the command line")
struct HostileTextCLITests {
    static let escapes = "\u{1B}[2J\u{1B}]8;;http://evil.example\u{07}x\u{1B}]8;;\u{07}\r\u{9B}31m\u{202E}"

    static func expectClean(_ text: String, _ what: String, allowingNewlines: Bool = true) {
        let bad = text.unicodeScalars.first { TerminalText.needsEscape($0) && !(allowingNewlines && $0 == "\n") }
        #expect(
            bad == nil, "\(what) carries U+\(String(bad?.value ?? 0, radix: 16)): \(text.prefix(120).debugDescription)")
    }

    @Test("summary, traceparent and redact neutralize escapes and bound what they print")
    func commandLineOutput() throws {
        let directory = try CommandRunner.temporaryDirectory()
        // An OTLP file whose span names attack the terminal, one of them a megabyte long.
        let path = directory.appendingPathComponent("evil" + "\u{1B}[2J" + ".jsonl").path
        let long = String(repeating: "\u{1B}[31m", count: 200_000)
        func line(_ name: String) throws -> String {
            let span: [String: Any] = [
                "name": name, "startTimeUnixNano": "1000", "endTimeUnixNano": "9000",
                "status": ["code": 2],
            ]
            let object = ["resourceSpans": [["scopeSpans": [["spans": [span]]]]]]
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        try (line("op" + Self.escapes) + "\n" + line(long) + "\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        let summary = try CLI.run(["summary", path])
        #expect(summary.status == 0, "\(summary.standardError)")
        Self.expectClean(summary.standardOutput, "summary")
        #expect(summary.standardOutput.utf8.count < 4_096, "a megabyte name is cut to the table's width")
        let json = try CLI.run(["summary", path, "--json"])
        #expect(json.status == 0)
        Self.expectClean(json.standardOutput, "summary --json")
        // Errors name the hostile path without replaying its escapes.
        let missing = try CLI.run(["summary", path + ".missing"])
        #expect(missing.status != 0)
        Self.expectClean(missing.standardError, "summary's error")
        let garbage = directory.appendingPathComponent("garbage\u{1B}[2J").path
        try Data([0xFF, 0x1B, 0x5B, 0x32, 0x4A, 0x0A, 0x7B]).write(to: URL(fileURLWithPath: garbage))
        let unreadable = try CLI.run(["summary", garbage])
        #expect(unreadable.status != 0)
        Self.expectClean(unreadable.standardError, "summary's error for garbage")
        let traceparent = try CLI.run([
            "traceparent", "00-" + Self.escapes + String(repeating: "\u{1B}", count: 100_000),
        ])
        #expect(traceparent.status != 0)
        Self.expectClean(traceparent.standardOutput + traceparent.standardError, "traceparent")
        #expect(traceparent.standardError.utf8.count < 4_096)
        // redact: secrets and escapes in, neither out; output stays line-shaped.
        let input =
            Self.escapes + " password=hunter2 token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\n"
            + "Authorization: Bearer 0123456789abcdefXYZ alice@example.com\n"
        let redact = try CLI.run(["redact"], input: input)
        #expect(redact.status == 0)
        Self.expectClean(redact.standardOutput, "redact")
        for secret in ["hunter2", "ghp_aBcDeF", "0123456789abcdefXYZ", "alice@example.com"] {
            #expect(!redact.standardOutput.contains(secret))
        }
    }
}
