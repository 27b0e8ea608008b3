import Foundation
import ObsCollector
import ObsTestSupport
import Testing

/// Docs/GUIDE.md's "Sanitizer rules" table lists every standard rule with an example, and each example
/// comes out of the standard sanitizer exactly as the table says.
@Suite("Sanitizer rules in the guide")
struct SanitizerGuideTests {
    struct Row {
        var rule: String
        var example: String
        var result: String
    }

    /// The table rows of the guide's "Sanitizer rules" section.
    static func rows() throws -> [Row] {
        let guide = try String(
            contentsOf: CommandRunner.packageRoot().appendingPathComponent("Docs/GUIDE.md"), encoding: .utf8)
        guard let start = guide.range(of: "\n## Sanitizer rules\n") else { return [] }
        let section = guide[start.upperBound...].prefix { _ in true }
        let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
        return section[..<end].split(separator: "\n").compactMap { line -> Row? in
            guard line.hasPrefix("| `") else { return nil }
            let cells = line.replacingOccurrences(of: "\\|", with: "\u{1}").split(separator: "|")
                .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{1}", with: "|") }
            guard cells.count == 4 else { return nil }
            func code(_ cell: String) -> String { String(cell.dropFirst().dropLast()) }
            return Row(rule: code(cells[0]), example: code(cells[2]), result: code(cells[3]))
        }
    }

    @Test func everyStandardRuleIsInTheGuideOnce() throws {
        let listed = try Self.rows().map(\.rule)
        #expect(listed.sorted() == Sanitizer.standardRules.map(\.name).sorted())
        #expect(Set(listed).count == listed.count)
    }

    @Test func everyExampleBecomesWhatTheGuideSays() throws {
        for row in try Self.rows() {
            let result = Sanitizer.standard.sanitize(row.example)
            #expect(result.text == row.result, "\(row.rule): \(row.example)")
            #expect(result.firedRules == [row.rule], "\(row.rule): \(row.example)")
        }
    }
}
