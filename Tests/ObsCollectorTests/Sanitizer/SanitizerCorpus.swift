import Foundation
import ObsCollector
import ObsTestSupport

/// The frozen corpora under `Tests/Fixtures/sanitizer/` (see the README there).
enum SanitizerCorpus {
    /// One secret sample drawn from a gitleaks rule.
    struct Secret: Decodable {
        var family: String
        var rule: String
        var message: String
        var secret: String
    }

    /// One benign message: a real library's error, or a formatted message with look-alikes.
    struct Benign: Decodable {
        var source: String
        var message: String
    }

    /// One hand-written look-alike that must come out unchanged.
    struct NearMiss: Decodable {
        var why: String
        var message: String
    }

    static let directory = CommandRunner.packageRoot().appendingPathComponent("Tests/Fixtures/sanitizer")

    /// Decodes a JSON Lines file of the corpus folder.
    static func load<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> [T] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { try decoder.decode(T.self, from: Data($0.utf8)) }
    }

    /// Whether `output` no longer holds the sample's secret: neither the whole secret (as sanitizing
    /// would escape its control characters) nor, for a secret of 16 characters or more, its last 8, so that
    /// a rule that removes only the start of a secret does not count.
    static func removed(_ sample: Secret, from output: String) -> Bool {
        let leak = TerminalText.neutralize(sample.secret, keepingNewlinesAndTabs: true)
        if output.contains(leak) { return false }
        return leak.count < 16 || !output.contains(String(leak.suffix(8)))
    }

    /// Whether sanitizing left `message` as it was, up to the escaping of control characters.
    static func unchanged(_ message: String, by result: SanitizedText) -> Bool {
        result.firedRules.isEmpty && result.text == TerminalText.neutralize(message, keepingNewlinesAndTabs: true)
    }
}
