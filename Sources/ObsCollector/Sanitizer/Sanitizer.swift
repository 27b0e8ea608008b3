/// Removes secrets and personal data from error messages before they are written anywhere.
///
/// `sanitize(_:)` works in four bounded steps:
///
/// 1. **Window.** Only the first `inputWindowBytes` (16 KiB of UTF-8) of the input are examined; the rest is
///    dropped and the result is marked truncated. When the input is cut, the cut moves back to the last
///    whitespace within the window's final 256 bytes, so a secret straddling the cut is dropped whole rather
///    than half-matched.
/// 2. **Rules**, in order. Each rule replaces what it finds with its label, e.g. `[email]`. Order matters: the
///    standard rules run whole-block and specific rules before generic ones (see `standardRules`), and rules
///    added with `adding(_:)` run last.
/// 3. **Control characters** are neutralized with `TerminalText.neutralize(_:)`, newlines included, so a result
///    is always one line and carries no terminal escape sequence.
/// 4. **Length.** A result longer than `maxLength` characters is cut on a `Character` boundary and ends with
///    `truncationMarker`; the whole result, marker included, is at most `maxLength` characters.
///
/// The work is linear in the window: every standard pattern is anchored so that it cannot backtrack
/// catastrophically, and rules whose trigger text (such as `@` or `://`) is absent are skipped.
///
/// The sanitizer is a net behind marking sensitive data where it is created, not a guarantee: it finds
/// well-known shapes of secrets, and a secret of no known shape passes through.
public struct Sanitizer: Sendable {
    /// The standard rules with a 1,024-character limit.
    public static let standard = Sanitizer()

    /// How many bytes of UTF-8 input are examined; anything after is dropped.
    public static let inputWindowBytes = 16 * 1024

    /// What ends a cut result.
    public static let truncationMarker = "…[truncated]"

    /// The rules, in the order they run.
    public let rules: [SanitizerRule]

    /// The most characters a result may have, marker included (never less than the marker's length).
    public let maxLength: Int

    private let labels: Set<Substring>

    /// Creates a sanitizer.
    ///
    /// - Parameters:
    ///   - rules: The rules, in the order they run; the standard rules by default.
    ///   - maxLength: The most characters a result may have, marker included; values below the length of
    ///     `truncationMarker` are raised to it.
    public init(rules: [SanitizerRule] = Sanitizer.standardRules, maxLength: Int = 1024) {
        self.rules = rules
        self.maxLength = Swift.max(maxLength, Sanitizer.truncationMarker.count)
        self.labels = Set(rules.map { Substring($0.label) })
    }

    /// Returns a copy with `rule` appended; it runs after every existing rule.
    ///
    /// - Parameter rule: The rule to add.
    /// - Returns: The extended sanitizer.
    public func adding(_ rule: SanitizerRule) -> Sanitizer {
        Sanitizer(rules: rules + [rule], maxLength: maxLength)
    }

    /// Sanitizes one message.
    ///
    /// - Parameter text: The message, e.g. an error description from native code.
    /// - Returns: The safe text, the names of the rules that fired, and whether the message was cut.
    public func sanitize(_ text: String) -> SanitizedText {
        var (current, truncated) = Sanitizer.window(of: text)
        let lowercased = Sanitizer.lowercasedASCII(current)
        var fired: [String] = []
        for rule in rules where Sanitizer.mayApply(rule, to: lowercased) {
            let (rewritten, didFire) = rule.apply(to: current, labels: labels)
            if didFire {
                current = rewritten
                fired.append(rule.name)
            }
        }
        current = TerminalText.neutralize(current)
        if truncated || current.count > maxLength {
            let keep = maxLength - Sanitizer.truncationMarker.count
            current = String(current.prefix(keep)) + Sanitizer.truncationMarker
            truncated = true
        }
        return SanitizedText(text: current, firedRules: fired, truncated: truncated)
    }

    // MARK: - Steps

    /// The examined prefix of `text` and whether anything was dropped.
    static func window(of text: String) -> (String, Bool) {
        let utf8 = text.utf8
        guard utf8.count > inputWindowBytes else { return (text, false) }
        var end = utf8.index(utf8.startIndex, offsetBy: inputWindowBytes)
        // Move back to a Unicode scalar boundary: never stop before a continuation byte (0b10xxxxxx).
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        // Move back to whitespace near the end, so a token straddling the cut is dropped whole.
        var probe = end
        var steps = 0
        while probe > utf8.startIndex, steps < 256 {
            let before = utf8.index(before: probe)
            let byte = utf8[before]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                end = before
                break
            }
            probe = before
            steps += 1
        }
        return (String(text.unicodeScalars[..<end]), true)
    }

    /// The text's UTF-8 bytes with ASCII letters lowercased, for the rules' pre-filter.
    static func lowercasedASCII(_ text: String) -> [UInt8] {
        text.utf8.map { byte in
            byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
        }
    }

    /// Whether one of the rule's hints occurs in the lowercased text (or the rule has none).
    static func mayApply(_ rule: SanitizerRule, to lowercased: [UInt8]) -> Bool {
        guard !rule.hints.isEmpty else { return true }
        return rule.hints.contains { hint in contains(lowercased, Array(hint.utf8)) }
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        let last = haystack.count - needle.count
        var index = 0
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}
