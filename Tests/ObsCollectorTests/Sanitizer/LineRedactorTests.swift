import ObsCollector
import Testing

@Suite("Line-by-line redaction with key blocks")
struct LineRedactorTests {
    static func redact(_ text: String) -> [String] {
        var redactor = LineRedactor(sanitizer: Sanitizer(maxLength: 65_536))
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            redactor.read(String(line)) { out.append($0.text) }
        }
        redactor.finish { out.append($0.text) }
        return out
    }

    @Test func aKeyBlockAcrossLinesIsRemovedWhole() {
        let out = Self.redact(
            "loading key\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAx3Q\nbodyline2xyz\n"
                + "-----END RSA PRIVATE KEY----- done\nnext 10.1.2.3")
        #expect(out == ["loading key", "[private-key] done", "next [ipv4]"])
    }

    @Test func anUnterminatedBlockIsRemovedToTheEnd() {
        let out = Self.redact("a\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE\nmore body")
        #expect(out == ["a", "[private-key]"])
        #expect(!out.joined().contains("b3Blbn"))
    }

    @Test func aBlockLongerThanTheLimitIsDroppedUpToItsEnd() {
        let body = (0..<(LineRedactor.blockLimit + 40)).map { "bodyline\($0)QUJD" }.joined(separator: "\n")
        let out = Self.redact("-----BEGIN PRIVATE KEY-----\n\(body)\n-----END PRIVATE KEY----- tail password=x\nafter")
        #expect(!out.joined(separator: "\n").contains("QUJD"))
        #expect(out.last == "after")
        #expect(out.contains(" tail password=[password]"))
    }

    @Test func ordinaryLinesPassOneByOne() {
        #expect(Self.redact("one\ttab\ntwo alice@example.com") == ["one\ttab", "two [email]"])
    }
}
