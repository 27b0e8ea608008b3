import ObsCollector
import Testing

@Suite("Log attributes marked sensitive")
struct LogAttributeSensitivityTests {
    static func record(_ attributes: [LogAttribute], body: String = "login failed") -> LogRecord {
        LogRecord(
            sanitizing: body, attributes: attributes, timeUnixNano: 1_000, observedTimeUnixNano: 2_000,
            severity: .warn)
    }

    @Test func aSensitiveValueNeverReachesTheRecordWhateverItsType() {
        let record = Self.record([
            .sensitive("db.password", .string("correct horse battery staple")),
            .sensitive("account.number", .int(4_242_424_242)),
            LogAttribute("db.user", .string("app")),
        ])
        #expect(record.attribute("db.password") == .string(LogRecord.sensitiveLabel))
        #expect(record.attribute("account.number") == .string(LogRecord.sensitiveLabel))
        #expect(record.attribute("db.user") == .string("app"))
        #expect(!record.jsonLine.contains("horse") && !record.jsonLine.contains("4242424242"))
        #expect(record.attribute(LogRecord.redactionsKey) == .string("sensitive"))
    }

    @Test func unmarkedStringsAreSanitizedAndTheRecordNamesEveryRuleThatFired() {
        let record = Self.record(
            [
                LogAttribute("peer", .string("10.1.2.3")), LogAttribute("attempts", .int(3)),
                .sensitive("pin", .int(1234)),
            ],
            body: "login failed for alice@example.com")
        #expect(record.body == "login failed for [email]")
        #expect(record.attribute("peer") == .string("[ipv4]"))
        #expect(record.attribute("attempts") == .int(3))
        #expect(record.attribute(LogRecord.redactionsKey) == .string("email,ipv4,sensitive"))
        #expect(record.attributes.last?.key == LogRecord.redactionsKey)
    }

    @Test func aRecordWithNothingToRemoveSaysSo() {
        let record = Self.record([LogAttribute("attempts", .int(3))])
        #expect(record.body == "login failed")
        #expect(record.attribute(LogRecord.redactionsKey) == .string(""))
    }

    @Test func theSanitizerChosenApplies() {
        let record = LogRecord(
            sanitizing: "from 10.1.2.3", attributes: [], sanitizer: Sanitizer.standard.removing("ipv4"),
            timeUnixNano: 1, observedTimeUnixNano: 1, severity: .info)
        #expect(record.body == "from 10.1.2.3")
    }
}
