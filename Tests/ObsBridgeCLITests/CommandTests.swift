import Foundation
import ObsCollector
import ObsTestSupport
import Testing

@Suite("obsbridge command")
struct CommandTests {
    @Test("--help explains the commands, and each command's --help its flags")
    func help() throws {
        let top = try CLI.run(["--help"])
        #expect(top.status == 0)
        for command in [
            "demo", "top", "summary", "timeline", "report", "redact", "traceparent", "bench", "new",
        ] {
            #expect(top.standardOutput.contains(command))
        }
        for (command, flags) in [
            ("timeline", ["--output", "--max-traces"]), ("report", ["--output", "--traces"]),
            ("top", ["--replay", "--speed", "--stale"]), ("summary", ["--json", "-"]),
        ] {
            let help = try CLI.run([command, "--help"])
            #expect(help.status == 0)
            for flag in flags { #expect(help.standardOutput.contains(flag), "\(command) --help lacks \(flag)") }
        }
        let missing = try CLI.run(["timeline"])
        #expect(missing.status == 2 && missing.standardError.contains("FILE"))
        let badLimit = try CLI.run(["timeline", "x.jsonl", "--max-traces", "none"])
        #expect(badLimit.status == 2 && badLimit.standardError.contains("--max-traces"))
        let demo = try CLI.run(["demo", "--help"])
        #expect(demo.status == 0)
        for flag in ["--duration", "--threads", "--prometheus", "--otlp", "--logs", "--snapshot"] {
            #expect(demo.standardOutput.contains(flag), "demo --help lacks \(flag)")
        }
        let unknown = try CLI.run(["demo", "--frobnicate"])
        #expect(unknown.status == 2 && unknown.standardError.contains("--frobnicate"))
        let badNumber = try CLI.run(["demo", "--threads", "many"])
        #expect(badNumber.status == 2 && badNumber.standardError.contains("--threads"))
        #expect(try CLI.run([]).status == 2)
    }

    @Test("traceparent explains a valid header and names the reason for an invalid one")
    func traceparent() throws {
        let valid = try CLI.run(["traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"])
        #expect(valid.status == 0)
        #expect(valid.standardOutput.contains("4bf92f3577b34da6a3ce929d0e0e4736"))
        #expect(valid.standardOutput.contains("sampled: yes"))
        for bad in [
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "garbage\u{1B}[2J",
        ] {
            let result = try CLI.run(["traceparent", bad])
            #expect(result.status == 1, "accepted \(bad)")
            #expect(!result.standardError.isEmpty)
            #expect(!result.standardError.contains("\u{1B}"))
        }
    }

    @Test("redact removes secrets from standard input and keeps the rest")
    func redact() throws {
        let input = """
            user alice@example.com logged in from 10.1.2.3 with password=hunter2
            card 4111 1111 1111 1111 charged; order 1234567890123 shipped at 12:30:45
            plain line
            """
        let result = try CLI.run(["redact", "--stats"], input: input)
        #expect(result.status == 0)
        for secret in ["alice@example.com", "10.1.2.3", "hunter2", "4111 1111 1111 1111"] {
            #expect(!result.standardOutput.contains(secret), "leaked \(secret)")
        }
        for kept in ["logged in", "order 1234567890123 shipped at 12:30:45", "plain line"] {
            #expect(result.standardOutput.contains(kept), "lost \(kept)")
        }
        #expect(result.standardError.contains("email"))
    }

    @Test("bench --quick --json runs and its accounting identity holds")
    func benchSmoke() throws {
        let result = try CLI.run(["bench", "--quick", "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        for key in [
            "floor_ns", "bare_call_ns", "traced_call_ns", "native_span_ns", "traced_call_2threads_ns",
            "overhead_ratio", "drain_spans_per_s", "histogram_record_ns", "dropped", "emitted",
            "collected", "clock_source", "memory_at_cardinality_limit_bytes",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let emitted = (object["emitted"] as? NSNumber)?.uint64Value ?? 0
        let collected = (object["collected"] as? NSNumber)?.uint64Value ?? 0
        let dropped = (object["dropped"] as? NSNumber)?.uint64Value ?? 1
        #expect(emitted > 0 && collected + dropped == emitted)
        #expect(dropped == 0)
    }
}
