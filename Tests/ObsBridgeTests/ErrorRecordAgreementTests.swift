import Foundation
import ObsBridge
import ObsDemo
import Testing

/// The thrown error and the exported record of one failure are made by the same decoder and the
/// same sanitizer call (Docs/ARCHITECTURE.md, "Where an error record is made"), so they agree.
/// Extends the serialized ``BridgeTests`` suite because it opens a bridge.
extension BridgeTests {
    /// Messages that exercise redaction, escapes, invalid UTF-8 and the length bound.
    static let agreementMessages: [[UInt8]] = [
        Array("login failed: password=hunter2 user=bob@example.org".utf8),
        Array("token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 revoked\n  at line 2".utf8),
        Array("plain failure, nothing to hide".utf8),
        Array("\u{1B}[31mred\u{1B}[0m and a bell \u{07}".utf8),
        [0x66, 0x6F, 0xFF, 0xFE, 0x6F],
        Array(String(repeating: "x", count: 5_000).utf8),
    ]

    @Test("a failed call's thrown NativeError and its exported ErrorRecord agree")
    func thrownErrorAgreesWithRecord() throws {
        try withBridge { bridge, demo in
            let operation = try bridge.operation("agree.fail")
            var thrown: [NativeError] = []
            for message in Self.agreementMessages {
                do {
                    try demo.fail(with: message, as: operation)
                    Issue.record("demo_fail_with succeeded")
                } catch let error as NativeError {
                    thrown.append(error)
                }
            }
            bridge.collector.drainNow()
            let records = Dictionary(
                bridge.collector.recentErrors().map { ($0.spanID, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(thrown.count == Self.agreementMessages.count)
            for error in thrown {
                let record = try #require(records[error.spanID], "no record for span \(error.spanID)")
                #expect(record.message == error.message)
                #expect(record.domain == error.domain)
                #expect(record.code == error.code)
                #expect(record.redactions == error.redactions)
                #expect(record.operation == error.operation)
                #expect(record.status == error.status.name)
                #expect(record.traceID == error.traceID)
            }
            #expect(thrown.contains { $0.redactions.contains("password") }, "a redaction was exercised")
        }
    }

    @Test("a failed span in OTLP carries the sanitized message, error.type, domain and code")
    func failedSpansCarryTheirErrorInOTLP() throws {
        try withBridge(configuring: { $0.collector.spanExport = .slowAndFailed(thresholdNanoseconds: .max) }) {
            bridge, demo in
            let operation = try bridge.operation("agree.otlp")
            var thrown: [NativeError] = []
            for message in Self.agreementMessages.prefix(3) {
                do { try demo.fail(with: message, as: operation) } catch let error as NativeError {
                    thrown.append(error)
                }
            }
            bridge.collector.drainNow()
            let spans = bridge.collector.takeExportSpans().spans
            let line = OTLPJSON.traces(spans, resource: bridge.collector.configuration.resource)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let exported =
                (((object["resourceSpans"] as? [[String: Any]])?.first?["scopeSpans"] as? [[String: Any]])?
                    .first?["spans"] as? [[String: Any]]) ?? []
            #expect(exported.count == thrown.count)
            for error in thrown {
                let span = try #require(exported.first { $0["spanId"] as? String == error.spanID.hex })
                let status = span["status"] as? [String: Any]
                #expect(status?["code"] as? Int == 2)
                #expect(status?["message"] as? String == error.message, "the sanitized message, as thrown")
                let attributes = Dictionary(
                    ((span["attributes"] as? [[String: Any]]) ?? []).map {
                        (
                            $0["key"] as? String ?? "",
                            ($0["value"] as? [String: Any])?.values.first.map { "\($0)" } ?? ""
                        )
                    }, uniquingKeysWith: { a, _ in a })
                #expect(attributes["error.type"] == "demo:7")
                #expect(attributes["obsbridge.error.domain"] == "demo")
                #expect(attributes["obsbridge.error.code"] == "7")
            }
        }
    }
}
