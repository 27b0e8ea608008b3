import ObsCollector
import ObsTestSupport
import ObsViewer
import Testing

@Suite("Top screen")
struct TopScreenTests {
    @Test("lays out operations within the width, sorted by the chosen column")
    func layout() {
        let (snapshot, _, _) = sampleSnapshot()
        var screen = TopScreen(title: "test")
        for width in [40, 80, 160] {
            let lines = screen.lines(current: snapshot, previous: nil, width: width, height: 30)
            #expect(lines.allSatisfy { $0.count <= width }, "a line is wider than \(width)")
            #expect(lines.contains { $0.hasPrefix("operation") })
        }
        screen.sort = .max
        let byMax = screen.lines(current: snapshot, previous: nil, width: 120, height: 30)
        let first = byMax.firstIndex { $0.hasPrefix("operation") }.map { byMax[$0 + 1] } ?? ""
        #expect(first.hasPrefix("image"))
        screen.sort = .name
        let byName = screen.lines(current: snapshot, previous: nil, width: 120, height: 30)
        let firstByName = byName.firstIndex { $0.hasPrefix("operation") }.map { byName[$0 + 1] } ?? ""
        #expect(firstByName.hasPrefix("image"))
        #expect(TopScreen.SortKey(key: "m") == .max && TopScreen.SortKey(key: "x") == nil)
        #expect(byName.contains { $0.contains("spans: emitted") })
    }

    @Test("no control character from untrusted names or messages reaches the screen")
    func neutralized() {
        var (snapshot, _, _) = sampleSnapshot()
        snapshot.operations[0].name = "x\u{1B}]8;;http://evil\u{07}y\u{9B}2J"
        snapshot.recentErrors[0].message = "m\u{1B}[31mred"
        let lines = TopScreen(title: "t\u{1B}[2J").lines(current: snapshot, previous: nil, width: 200, height: 40)
        for line in lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }

    @Test("the distribution bar puts the mass where the latencies are")
    func sparkline() {
        var histogram = LatencyHistogram()
        for _ in 0..<100 { histogram.record(1_000) }
        let bar = TopScreen.sparkline(histogram, columns: 16)
        #expect(bar.count == 16)
        // 1 µs is one decade above 100 ns: the 3rd of 16 bins (two per decade).
        #expect(Array(bar)[2] == "█")
        #expect(TopScreen.sparkline(LatencyHistogram(), columns: 8) == String(repeating: " ", count: 8))
    }
}

@Suite("JSON text")
struct JSONTextTests {
    @Test("escapes quotes, backslashes and every control character")
    func escaping() {
        #expect(JSONText.string("a\"b\\c\n\u{01}\u{7F}") == #""a\"b\\c\n\u0001\u007f""#)
        #expect(JSONText.number(.nan) == "null")
        #expect(JSONText.number(3) == "3")
    }
}
