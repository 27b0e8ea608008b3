import Foundation
import ObsBridge
import ObsDemo
import ObsViewer
import Testing

/// Hostile text end to end: native error messages and operation names carrying terminal escapes,
/// control characters, invalid UTF-8, megabyte lengths and secrets, through Bridge.trace, the
/// collector, the log sink and every export. Extends the serialized ``BridgeTests`` suite because
/// it opens a bridge.
extension BridgeTests {
    /// One secret in each form the standard sanitizer knows, with a fragment that must never appear.
    static let secrets: [(message: String, fragment: String)] = [
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAx3Q\n-----END RSA PRIVATE KEY-----", "MIIEpAIBAAKCAQEAx3Q"),
        ("session eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N expired", "dozjgNryP4J3"),
        ("connect postgres://admin:s3cr3tpw@db.internal:5432/app failed", "s3cr3tpw"),
        ("Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA"),
        ("sent 'Bearer 0123456789abcdefXYZ' upstream", "0123456789abcdefXYZ"),
        ("key id AKIAIOSFODNN7EXAMPLE denied", "AKIAIOSFODNN7EXAMPLE"),
        ("token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 revoked", "ghp_aBcDeF"),
        ("using glpat-AbCdEfGhIjKlMnOpQrSt12", "glpat-AbCd"),
        ("slack xoxb-123456789012-abcdefghijKL failed", "xoxb-1234"),
        ("charge with sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC3"),
        ("maps key AIzaSyD-1234567890abcdefghijklmnopqrstu quota", "AIzaSyD-123"),
        ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI"),
        ("login failed: password=hunter2 user=bob", "hunter2"),
        ("client_secret=abc123zz&grant=x", "abc123zz"),
        ("GET /cb?access_token=tok987654&state=1", "tok987654"),
        ("x-api-key: abcd1234efgh", "abcd1234efgh"),
        ("Cookie: sid=cookie42; theme=dark", "cookie42"),
        ("notify alice.smith+tag@example.co.uk.", "alice.smith"),
        ("card 4111 1111 1111 1111 declined", "4111 1111"),
        ("from 203.0.113.77 refused", "203.0.113.77"),
        ("from 2001:db8::8a2e:370:7334 refused", "2001:db8::8a2e"),
        ("open /home/jdoe/.ssh/id_rsa failed", "jdoe"),
    ]

    /// Terminal attacks: clear screen, OSC 8 hyperlink, BEL, CR, newline, C1 CSI, bidi override.
    static let escapes = "\u{1B}[2J\u{1B}]8;;http://evil.example\u{07}link\u{1B}]8;;\u{07}\r\n\u{9B}31m\u{202E}"

    /// Whether `text` holds anything a terminal or a line-based log could interpret.
    static func hasControl(_ text: some StringProtocol, allowingNewlines: Bool = false) -> Bool {
        text.unicodeScalars.contains { TerminalText.needsEscape($0) && !(allowingNewlines && $0 == "\n") }
    }

    @Test("hostile messages and names reach no log, export or screen unsanitized or unbounded")
    func hostileTextEverywhere() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("obsbridge-hostile-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let logPath = directory.appendingPathComponent("logs.jsonl").path
        let otlpLogPath = directory.appendingPathComponent("logs.otlp.jsonl").path
        try withBridge(configuring: {
            $0.collector.spanExport = .all
            $0.collector.slowSpanThresholdNanoseconds = 0  // every span is "slow": names reach the log
            $0.collector.minimumLogSeverity = .trace
            $0.collector.logSink = MultiLogSink([
                LogWriter(destination: .file(logPath)),
                LogWriter(destination: .file(otlpLogPath), format: .otlp),
            ])
        }) { bridge, demo in
            // A hostile operation name (valid UTF-8, within the 128-byte limit).
            let evil = try bridge.operation("evil" + Self.escapes + "op")
            // A megabyte name is refused, and the refusal itself is bounded and neutralized.
            do {
                _ = try bridge.operation(String(repeating: "\u{1B}[2J", count: 250_000))
                Issue.record("a megabyte operation name was accepted")
            } catch let error as BridgeError {
                #expect(error.message.count < 400 && !Self.hasControl(error.message))
            }
            var messages: [[UInt8]] = Self.secrets.map { Array((Self.escapes + $0.message + "\u{07}\n").utf8) }
            messages.append([0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0x1B, 0x5B, 0x32, 0x4A, 0xF4, 0x90])
            messages.append(Array(repeating: 0x1B, count: 1 << 20))  // a megabyte of ESC
            messages.append(
                Array(
                    (String(repeating: "x", count: 400) + " password=hunter2 " + String(repeating: "y", count: 1 << 20))
                        .utf8))
            for message in messages {
                do {
                    try demo.fail(with: message, as: evil)
                    Issue.record("demo_fail_with succeeded")
                } catch let error as NativeError {
                    #expect(error.status == .libraryError && error.domain == "demo" && error.code == 7)
                    // A message keeps its lines (issue 13); nothing else a terminal interprets survives.
                    #expect(
                        !Self.hasControl(error.message, allowingNewlines: true) && !Self.hasControl(error.operation))
                    #expect(error.message.count <= bridge.sanitizer.maxLength)
                    for (_, fragment) in Self.secrets { #expect(!error.message.contains(fragment)) }
                }
            }
            bridge.collector.drainNow()

            // Error records.
            let errors = bridge.collector.recentErrors()
            #expect(errors.count == messages.count)
            for record in errors {
                #expect(!Self.hasControl(record.message, allowingNewlines: true) && !Self.hasControl(record.operation))
                #expect(record.message.count <= bridge.sanitizer.maxLength)
            }
            #expect(errors.last?.message.contains("hunter2") == false)

            // Every rendering: logs, Prometheus, OTLP traces/metrics, snapshot, top, the table.
            let snapshot = bridge.collector.snapshot()
            let (spans, _) = bridge.collector.takeExportSpans()
            #expect(spans.count >= messages.count)
            var screen = TopScreen(title: "obsbridge").lines(
                current: snapshot, previous: nil, width: 120, height: 40)
            screen.append(
                LatencyTable.render(
                    snapshot.operations.map { LatencyRow(name: $0.name, errors: $0.errors, histogram: $0.histogram) }))
            let renderings: [(String, String)] =
                [
                    ("logs", try String(contentsOfFile: logPath, encoding: .utf8)),
                    ("OTLP logs", try String(contentsOfFile: otlpLogPath, encoding: .utf8)),
                    ("Prometheus", PrometheusText.render(snapshot)),
                    ("OTLP traces", OTLPJSON.traces(spans, resource: snapshot.resource)),
                    ("OTLP metrics", OTLPJSON.metrics(snapshot)),
                    ("snapshot", String(decoding: try snapshot.jsonData(), as: UTF8.self)),
                ] + screen.map { ("screen", $0) }
            for (what, text) in renderings {
                #expect(!text.isEmpty, "\(what) is empty")
                #expect(
                    !text.contains("\u{1B}[2J") && !text.contains("\u{1B}]8") && !text.contains("\u{9B}")
                        && !text.contains("\u{202E}") && !text.contains("\u{07}") && !text.contains("\r"),
                    "\(what) carries a raw control character")
                #expect(text.utf8.count < 4 << 20, "\(what) is unbounded: \(text.utf8.count) bytes")
                for (_, fragment) in Self.secrets {
                    #expect(!text.contains(fragment), "\(what) leaks \(fragment)")
                }
                #expect(!text.contains("hunter2"), "\(what) leaks a password")
            }
            // Line-based formats stay one record per line, and each line parses.
            for (what, text) in renderings where ["logs", "OTLP logs"].contains(what) {
                for line in text.split(separator: "\n") {
                    #expect(!Self.hasControl(line))
                    #expect(
                        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(what): \(line.prefix(80))"
                    )
                }
            }
            for line in PrometheusText.render(snapshot).split(separator: "\n") {
                #expect(
                    line.hasPrefix("#") || line.first?.isLetter == true, "a broken Prometheus line: \(line.prefix(80))")
            }
            for (what, text) in renderings where what == "OTLP traces" || what == "OTLP metrics" {
                #expect(!text.dropLast().contains("\n"), "\(what) is one line")
            }
            let reread = try CollectorSnapshot(jsonData: snapshot.jsonData())
            #expect(reread == snapshot)
        }
    }
}
