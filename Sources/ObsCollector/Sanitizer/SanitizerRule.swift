import Foundation

/// One redaction rule of a `Sanitizer`: what to find, and the label that replaces it.
///
/// A rule's `name` is also its replacement label: a rule named `email` replaces what it finds with `[email]`,
/// so the output says what was removed.
///
/// Three kinds:
/// - The standard rules (`Sanitizer.standardRules`) are built in: hand-written byte scanners that all run
///   in one pass over the text (see `Sanitizer`).
/// - A pattern rule (`init(name:pattern:)`) replaces each match of an ICU regular expression, or only its
///   named capture group `secret` when it has one (so `order=12345` can keep the key and become
///   `order=[order-id]`). A match whose replaced text is already a label of the sanitizer's rules (such as
///   `[jwt]`) is left alone.
/// - A closure rule (`init(name:replace:)`) rewrites the text itself.
///
/// Patterns use the ICU syntax of Foundation's `NSRegularExpression`, which supports look-behind,
/// possessive quantifiers and inline flags such as `(?i)`; it backtracks, so write patterns that cannot
/// backtrack catastrophically (anchor a repeated class with a look-behind of the same class, prefer
/// possessive quantifiers). Pattern and closure rules cost far more than the built-in ones: every message
/// runs through each of them.
public struct SanitizerRule: Sendable {
    /// Why a rule could not be created.
    public struct InvalidRule: Error, Equatable, Sendable, CustomStringConvertible {
        /// A description of the problem.
        public var reason: String
        /// The description of the problem, as `reason`.
        public var description: String { reason }
    }

    /// One compiled pattern.
    struct Pattern: Sendable {
        let regex: NSRegularExpression
        let hasSecretGroup: Bool
    }

    enum Action: Sendable {
        case builtin(BuiltinRule)
        case pattern(Pattern)
        case closure(@Sendable (String) -> (String, Bool))
    }

    /// The rule's name; the replacement label is `[name]`.
    public let name: String
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
        guard SanitizerRule.isValidName(name) else {
            throw InvalidRule(
                reason: "rule name '\(TerminalText.neutralize(String(name.prefix(60))))' must be 1-40 "
                    + "lowercase letters, digits, '-' or '_', starting with a letter")
        }
        do {
            let regex = try NSRegularExpression(pattern: pattern)
            self.name = name
            self.action = .pattern(Pattern(regex: regex, hasSecretGroup: pattern.contains("(?<secret>")))
        } catch {
            throw InvalidRule(reason: "rule '\(name)': pattern does not compile: \(error)")
        }
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
        self.action = .closure(replace)
    }

    /// The standard rule `builtin`.
    init(builtin: BuiltinRule) {
        self.name = builtin.name
        self.action = .builtin(builtin)
    }

    /// The built-in rule this is, if it is one.
    var builtin: BuiltinRule? {
        if case .builtin(let rule) = action { return rule }
        return nil
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

    /// Applies a pattern or closure rule once to `text` (a built-in rule runs in the sanitizer's scan instead).
    ///
    /// - Parameters:
    ///   - text: The text to rewrite.
    ///   - labels: Every label of the sanitizer's rules; a match that would replace exactly one of them is kept.
    /// - Returns: The rewritten text and whether anything was replaced.
    func apply(to text: String, labels: Set<Substring>) -> (text: String, fired: Bool) {
        switch action {
        case .builtin:
            return (text, false)
        case .closure(let replace):
            return replace(text)
        case .pattern(let pattern):
            return SanitizerRule.apply(pattern, to: text, label: label, labels: labels)
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
            if labels.contains(text[bounds]) { continue }
            output += text[cursor..<bounds.lowerBound]
            output += label
            cursor = bounds.upperBound
            fired = true
        }
        guard fired else { return (text, false) }
        output += text[cursor...]
        return (output, true)
    }
}
