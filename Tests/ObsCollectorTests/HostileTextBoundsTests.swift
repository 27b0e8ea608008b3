import Foundation
import ObsCollector
import Testing

@Suite("hostile text stays bounded")
struct HostileTextBoundsTests {
    @Test("neutralizing a megabyte of escape characters is linear", .timeLimit(.minutes(1)))
    func neutralizeIsLinear() {
        // Regression: neutralize appended to a detached UnicodeScalarView, which copied the whole
        // result on every escape; `obsbridge summary` over a span name of 200,000 "ESC[31m" took
        // 5.5 s (1 MB of ESC would take minutes). Linear, this is well under a second.
        let hostile = String(repeating: "\u{1B}", count: 1 << 20)
        let safe = TerminalText.neutralize(hostile)
        #expect(safe.utf8.count == 6 << 20, "each ESC becomes the six characters \\u{1B}")
        #expect(!safe.unicodeScalars.contains(where: TerminalText.needsEscape))
    }
}
