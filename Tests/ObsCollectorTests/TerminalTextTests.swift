import ObsCollector
import Testing

@Suite("TerminalText")
struct TerminalTextTests {
    @Test func everyC0C1AndDELScalarIsEscaped() {
        let controls = (0x00...0x1F).map { $0 } + (0x7F...0x9F).map { $0 }
        for value in controls {
            let scalar = Unicode.Scalar(UInt8(value))
            let escaped = TerminalText.neutralize("a" + String(Character(scalar)) + "b")
            let hex = String(value, radix: 16, uppercase: true)
            #expect(escaped == "a\\u{\(hex.count < 2 ? "0" + hex : hex)}b", "U+\(hex)")
        }
    }

    @Test func separatorsAndBidiControlsAreEscaped() {
        #expect(TerminalText.neutralize("x\u{2028}y\u{2029}z") == "x\\u{2028}y\\u{2029}z")
        #expect(TerminalText.neutralize("\u{202E}evil\u{2066}") == "\\u{202E}evil\\u{2066}")
    }

    @Test func printableTextIsUnchanged() {
        let text = "plain ASCII ~!@#$%^&*() naïve café 日本語 👩‍👩‍👧‍👦 e\u{301}"
        #expect(TerminalText.neutralize(text) == text)
    }

    @Test func decodeLossyReplacesInvalidBytes() {
        #expect(TerminalText.decodeLossy([0x61, 0xFF, 0x62]) == "a\u{FFFD}b")
        #expect(TerminalText.decodeLossy([0xE2, 0x82]) == "\u{FFFD}")  // truncated sequence
        #expect(TerminalText.decodeLossy([0xC0, 0x80]) == "\u{FFFD}\u{FFFD}")  // overlong NUL
        #expect(TerminalText.decodeLossy(Array("héllo".utf8)) == "héllo")
        #expect(TerminalText.decodeLossy([UInt8]()) == "")
    }
}
