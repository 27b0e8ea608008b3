import Foundation

/// One redaction rule of a `Sanitizer`: what to find, and the label that replaces it.
///
/// A rule's `name` is also its replacement label: a rule named `email` replaces what it finds with `[email]`,
/// so the output says what was removed. A pattern rule replaces its whole match, or only the named capture
/// group `secret` when the pattern has one (so `password=hunter2` can keep the key and become
/// `password=[password]`). A match whose replaced text is already a label of the sanitizer's rules (such as
/// `[jwt]`) is left alone, so a later, more generic rule does not relabel what an earlier, specific one removed.
///
/// Patterns use the ICU regular-expression syntax of Foundation's `NSRegularExpression`, which supports
/// look-behind, possessive quantifiers and inline flags such as `(?i)`; it backtracks, so write patterns that
/// cannot backtrack catastrophically (anchor a repeated class with a look-behind of the same class, prefer
/// possessive quantifiers), as the standard rules do.
public struct SanitizerRule: Sendable {
    /// Why a rule could not be created.
    public struct InvalidRule: Error, Equatable, Sendable, CustomStringConvertible {
        /// A description of the problem.
        public var reason: String
        /// The description of the problem, as `reason`.
        public var description: String { reason }
    }

    /// One compiled pattern and what to do with its matches.
    struct Pattern: Sendable {
        let regex: NSRegularExpression
        let hasSecretGroup: Bool
        /// Given the text a match would replace, returns the parts to replace (ascending, non-overlapping
        /// slices of it); empty keeps the match.
        let refine: (@Sendable (Substring) -> [Substring])?
    }

    enum Action: Sendable {
        case patterns([Pattern])
        case closure(@Sendable (String) -> (String, Bool))
    }

    /// The rule's name; the replacement label is `[name]`.
    public let name: String
    /// Lowercase ASCII literals of which at least one must occur (case-insensitively) in the input for the rule
    /// to run; empty means always run. A fast pre-filter only: it never changes what the rule matches.
    let hints: [String]
    let action: Action

    /// The replacement text, `[name]`.
    public var label: String { "[\(name)]" }

    /// Creates a rule from a regular expression.
    ///
    /// - Parameters:
    ///   - name: The rule's name and label: 1–40 characters, lowercase ASCII letters, digits, `-` or `_`,
    ///     starting with a letter.
    ///   - pattern: An ICU regular expression. The whole match is replaced by `[name]`, or only the named group
    ///     `secret` when present (an empty `secret` match replaces nothing).
    /// - Throws: `SanitizerRule.InvalidRule` when the name breaks the rules above or the pattern does not compile.
    public init(name: String, pattern: String) throws {
        try self.init(name: name, patterns: [(pattern, nil)], hints: [])
    }

    /// Creates a rule from a function that rewrites the text itself.
    ///
    /// - Parameters:
    ///   - name: The rule's name, reported in `SanitizedText.firedRules`; by convention the function uses
    ///     `[name]` as its replacement. Follow the naming rules of `init(name:pattern:)`.
    ///   - replace: Returns the rewritten text and whether anything was replaced. It must be fast and bounded:
    ///     it runs on up to `Sanitizer.inputWindowBytes` of text for every sanitized message.
    public init(name: String, replace: @escaping @Sendable (String) -> (String, Bool)) {
        self.name = name
        self.hints = []
        self.action = .closure(replace)
    }

    /// Creates a rule from several patterns applied in order, with an optional refinement per pattern.
    ///
    /// - Parameters:
    ///   - name: The rule's name and label.
    ///   - patterns: ICU patterns, each with an optional function that validates a match and returns the parts of
    ///     it to replace.
    ///   - hints: Lowercase literals, one of which must occur in the input for the rule to run.
    /// - Throws: `SanitizerRule.InvalidRule` for a bad name or a pattern that does not compile.
    init(
        name: String, patterns: [(String, (@Sendable (Substring) -> [Substring])?)], hints: [String]
    ) throws {
        guard SanitizerRule.isValidName(name) else {
            throw InvalidRule(
                reason: "rule name '\(TerminalText.neutralize(String(name.prefix(60))))' must be 1-40 "
                    + "lowercase letters, digits, '-' or '_', starting with a letter")
        }
        var compiled: [Pattern] = []
        for (pattern, refine) in patterns {
            do {
                let regex = try NSRegularExpression(pattern: pattern)
                compiled.append(Pattern(regex: regex, hasSecretGroup: pattern.contains("(?<secret>"), refine: refine))
            } catch {
                throw InvalidRule(reason: "rule '\(name)': pattern does not compile: \(error)")
            }
        }
        self.name = name
        self.hints = hints
        self.action = .patterns(compiled)
    }

    /// Whether `name` is usable as a rule name and label.
    ///
    /// - Parameter name: The candidate name.
    /// - Returns: `true` for 1–40 lowercase ASCII letters, digits, `-` or `_`, starting with a letter.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), bytes.count <= 40
        else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// Applies the rule once to `text`.
    ///
    /// - Parameters:
    ///   - text: The text to rewrite.
    ///   - labels: Every label of the sanitizer's rules; a match that would replace exactly one of them is kept.
    /// - Returns: The rewritten text and whether anything was replaced.
    func apply(to text: String, labels: Set<Substring>) -> (text: String, fired: Bool) {
        switch action {
        case .closure(let replace):
            return replace(text)
        case .patterns(let patterns):
            var current = text
            var fired = false
            for pattern in patterns {
                let (rewritten, replaced) = SanitizerRule.apply(pattern, to: current, label: label, labels: labels)
                if replaced {
                    current = rewritten
                    fired = true
                }
            }
            return (current, fired)
        }
    }

    private static func apply(
        _ pattern: Pattern, to text: String, label: String, labels: Set<Substring>
    ) -> (String, Bool) {
        let matches = pattern.regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else { return (text, false) }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var cursor = text.startIndex
        var fired = false
        for match in matches {
            var range = match.range
            if pattern.hasSecretGroup {
                let secret = match.range(withName: "secret")
                guard secret.location != NSNotFound else { continue }
                range = secret
            }
            guard range.length > 0, let bounds = Range(range, in: text), bounds.lowerBound >= cursor else { continue }
            let target = text[bounds]
            if labels.contains(target) { continue }
            let parts = pattern.refine.map { $0(target) } ?? [target]
            for part in parts where !part.isEmpty && part.startIndex >= cursor {
                output += text[cursor..<part.startIndex]
                output += label
                cursor = part.endIndex
                fired = true
            }
        }
        guard fired else { return (text, false) }
        output += text[cursor...]
        return (output, true)
    }
}
