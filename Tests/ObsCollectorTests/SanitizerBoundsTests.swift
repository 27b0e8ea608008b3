import ObsCollector
import Testing

@Suite("Sanitizer bounds and control characters")
struct SanitizerBoundsTests {
    static func repeated(_ unit: String, bytes: Int = 1 << 20) -> String {
        String(repeating: unit, count: bytes / unit.utf8.count + 1)
    }

    @Test(
        .timeLimit(.minutes(1)),
        arguments: [
            "the quick brown fox 12 jumps; ", "a.a.", "1 2 3 4 ", "1.1.", "a:1:", "::", "a@a.", "password=password=",
            #"password="\"#, "eyJaaaa.eyJ", "-----BEGIN PRIVATE KEY-----", "a://a:a", "Bearer Bearer ", "/home//home/",
            "\u{1B}[2J\u{07}", "deadbeef", "👩‍👩‍👧‍👦",
        ])
    func megabyteInputsAreBounded(_ unit: String) {
        let input = Self.repeated(unit)
        let result = Sanitizer.standard.sanitize(input)
        #expect(result.truncated)
        #expect(result.text.count <= Sanitizer.standard.maxLength)
        #expect(result.text.hasSuffix(Sanitizer.truncationMarker))
        #expect(!result.text.unicodeScalars.contains(where: TerminalText.needsEscape))
    }

    @Test func shortInputIsNotTruncated() {
        let result = Sanitizer.standard.sanitize("all fine")
        #expect(result == SanitizedText(text: "all fine", firedRules: [], truncated: false))
    }

    @Test func truncationKeepsWholeCharactersAndTheLimit() {
        let family = "👩‍👩‍👧‍👦"
        let sanitizer = Sanitizer(maxLength: 50)
        let result = sanitizer.sanitize(String(repeating: family, count: 200))
        #expect(result.truncated)
        #expect(result.text.count == 50)
        #expect(result.text.dropLast(Sanitizer.truncationMarker.count).allSatisfy { $0 == Character(family) })
        #expect(result.text.hasSuffix(Sanitizer.truncationMarker))
    }

    @Test func escapesCountTowardsTheLimit() {
        let sanitizer = Sanitizer(maxLength: 40)
        let result = sanitizer.sanitize(String(repeating: "\u{1B}", count: 30))
        #expect(result.truncated)
        #expect(result.text.count == 40)
    }

    @Test func aTinyLimitIsRaisedToFitTheMarker() {
        let sanitizer = Sanitizer(maxLength: 3)
        #expect(sanitizer.maxLength == Sanitizer.truncationMarker.count)
        #expect(sanitizer.sanitize(String(repeating: "x", count: 100)).text == Sanitizer.truncationMarker)
    }

    @Test func onlyTheInputWindowIsExaminedAndASecretOnTheCutIsDroppedWhole() {
        let token = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"
        let filler = String(repeating: "x ", count: (Sanitizer.inputWindowBytes - 20) / 2)
        let sanitizer = Sanitizer(maxLength: 100_000)
        let result = sanitizer.sanitize(filler + token + " tail")
        #expect(result.truncated)
        #expect(!result.text.contains("ghp_"))
        #expect(result.text.utf8.count <= Sanitizer.inputWindowBytes + Sanitizer.truncationMarker.utf8.count)
        #expect(result.text.hasPrefix(filler.prefix(1000)))
    }

    @Test func theWindowCutNeverSplitsAScalar() {
        let input = "a" + String(repeating: "é", count: Sanitizer.inputWindowBytes)  // 2-byte scalars, odd offset
        let result = Sanitizer(maxLength: 100_000).sanitize(input)
        #expect(result.truncated)
        #expect(result.text.dropFirst().dropLast(Sanitizer.truncationMarker.count).allSatisfy { $0 == "é" })
    }

    @Test(arguments: [
        ("clear \u{1B}[2J done", "clear \\u{1B}[2J done"),
        (
            "link \u{1B}]8;;http://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\",
            "link \\u{1B}]8;;http://evil.example\\u{1B}\\click\\u{1B}]8;;\\u{1B}\\"
        ),
        ("bell\u{07}", "bell\\u{07}"),
        ("c1 csi \u{9B}31m red", "c1 csi \\u{9B}31m red"),
        ("del\u{7F}", "del\\u{7F}"),
        ("two\nlines\r\nhere\ttab", "two\nlines\\u{0D}\nhere\ttab"),
        ("nul\u{0}", "nul\\u{00}"),
    ])
    func controlCharactersAreNeutralized(_ input: String, _ expected: String) {
        let result = Sanitizer.standard.sanitize(input)
        #expect(result.text == expected)
        #expect(
            !result.text.unicodeScalars.contains {
                ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
            })
    }
}

@Suite("Sanitizer concurrency")
struct SanitizerConcurrencyTests {
    @Test(.timeLimit(.minutes(1)))
    func concurrentUseGivesTheSameResultsAsSerialUse() async {
        let inputs = (0..<64).map {
            "request \($0): password=pw\($0) from 10.0.\($0).1 mail u\($0)@example.com /home/user\($0)/x"
        }
        let expected = inputs.map { Sanitizer.standard.sanitize($0) }
        let results = await withTaskGroup(of: (Int, SanitizedText).self) { group in
            for round in 0..<8 {
                for (index, input) in inputs.enumerated() {
                    group.addTask { (index, Sanitizer.standard.sanitize(input + String(repeating: " ", count: round))) }
                }
            }
            var collected: [(Int, SanitizedText)] = []
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == inputs.count * 8)
        for (index, result) in results {
            #expect(result.text.trimmingSpaces == expected[index].text, "input \(index)")
            #expect(result.firedRules == ["email", "ipv4", "password", "user"], "input \(index)")
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var copy = Substring(self)
        while copy.last == " " { copy = copy.dropLast() }
        return String(copy)
    }
}
