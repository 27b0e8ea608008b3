import Foundation
import ObsCollector
import ObsTestSupport
import Testing

@Suite("JSON text")
struct JSONTextTests {
    /// Characters that exercise every escape and the run copying between them.
    static let alphabet: [Character] = [
        "a", "Z", "0", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1B}", "\u{7F}", "\u{2028}", "\u{2029}",
        "\u{2027}", "é", "€", "日", "👩‍👩‍👧‍👦", "/", "\u{E2}",
        // Next to the scan's thresholds: 0x1F/0x20, 0x7E/0x7F/0x80, and 0xE2 lead bytes of other
        // characters (U+2000, U+20AC) that must stay as they are.
        "\u{1F}", "~", "\u{80}", "\u{2000}", "\u{20AC}", "h", "8",
    ]

    @Test("string literals parse back to the same text and stay on one line, for random text")
    func stringsRoundTrip() throws {
        for seed in SplitMix64.seeds([71, 72, 73]) {
            var random = SplitMix64(seed: seed)
            for _ in 0..<500 {
                let length = Int(random.next() % 72)
                let text = String(
                    (0..<length).map { _ in Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))] })
                let literal = JSONText.string(text)
                #expect(!literal.contains("\n") && !literal.contains("\u{2028}") && !literal.contains("\u{2029}"))
                let parsed = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
                #expect(parsed == [text], "seed \(seed): \(text.debugDescription)")
            }
        }
    }

    @Test("escapes follow RFC 8259")
    func escapes() {
        #expect(JSONText.string("a\"b\\c\nd\u{1}\u{7F}\u{2028}") == #""a\"b\\c\nd\u0001\u007f\u2028""#)
        #expect(JSONText.string("") == #""""#)
        #expect(JSONText.string("plain text") == #""plain text""#)
    }
}
