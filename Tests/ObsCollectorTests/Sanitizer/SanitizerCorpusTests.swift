import Foundation
import ObsCollector
import Testing

/// Breadth and precision of the standard rules on the frozen corpora (Tests/Fixtures/sanitizer/).
///
/// Each test prints its figure and what it missed, pass or fail, so a run shows where the rules stand.
@Suite("Sanitizer corpora")
struct SanitizerCorpusTests {
    /// Families of gitleaks rules whose every sample loses its secret, and the samples that kept it.
    static func breadth(_ file: String) throws -> (covered: Int, families: Int, misses: [String]) {
        let samples = try SanitizerCorpus.load(file, as: SanitizerCorpus.Secret.self)
        var missedFamilies = Set<String>()
        var misses: [String] = []
        for sample in samples {
            let result = Sanitizer.standard.sanitize(sample.message)
            if !SanitizerCorpus.removed(sample, from: result.text) {
                missedFamilies.insert(sample.family)
                misses.append("\(sample.rule): \(sample.message.debugDescription) -> \(result.text.debugDescription)")
            }
        }
        let families = Set(samples.map(\.family)).count
        return (families - missedFamilies.count, families, misses)
    }

    @Test(arguments: ["secrets-heldout.jsonl", "secrets-dev.jsonl"])
    func breadthReachesNinetyFivePercentOfGitleaksFamilies(_ file: String) throws {
        let (covered, families, misses) = try Self.breadth(file)
        let share = Double(covered) / Double(families)
        print("sanitizer breadth (\(file)): \(covered)/\(families) families (\(String(format: "%.1f", share * 100))%)")
        for miss in misses { print("  missed \(miss)") }
        #expect(families == 214)
        #expect(share >= 0.95, "\(covered)/\(families) families; missed:\n\(misses.joined(separator: "\n"))")
    }

    @Test func precisionKeepsNinetyNinePercentOfRealMessagesUnchanged() throws {
        let messages = try SanitizerCorpus.load("benign.jsonl", as: SanitizerCorpus.Benign.self)
        var changed: [String] = []
        for message in messages {
            let result = Sanitizer.standard.sanitize(message.message)
            if !SanitizerCorpus.unchanged(message.message, by: result) {
                changed.append(
                    "\(message.source): \(message.message.debugDescription) -> \(result.text.debugDescription)")
            }
        }
        let kept = messages.count - changed.count
        let share = Double(kept) / Double(messages.count)
        print(
            "sanitizer precision (benign.jsonl): \(kept)/\(messages.count) unchanged (\(String(format: "%.1f", share * 100))%)"
        )
        for line in changed { print("  changed \(line)") }
        #expect(messages.count >= 300)
        #expect(share >= 0.99, "\(kept)/\(messages.count) unchanged; changed:\n\(changed.joined(separator: "\n"))")
    }

    @Test func handWrittenNearMissesAreUnchanged() throws {
        let cases = try SanitizerCorpus.load("near-misses.jsonl", as: SanitizerCorpus.NearMiss.self)
        #expect(cases.count >= 50)
        for nearMiss in cases {
            let result = Sanitizer.standard.sanitize(nearMiss.message)
            #expect(
                SanitizerCorpus.unchanged(nearMiss.message, by: result),
                "\(nearMiss.why): \(nearMiss.message.debugDescription) -> \(result.text.debugDescription)")
        }
    }
}
