/// The result of sanitizing a message: the safe text and what was done to it.
public struct SanitizedText: Sendable, Hashable, CustomStringConvertible {
    /// The sanitized text: secrets replaced by labels such as `[email]`, control characters other than
    /// newline and tab escaped, at most the sanitizer's `maxLength` characters.
    public var text: String
    /// The names of the rules that replaced something, sorted and without duplicates.
    public var firedRules: [String]
    /// Whether the input was cut: longer than the sanitizer's input window or its `maxLength`.
    public var truncated: Bool

    /// Creates a result.
    ///
    /// - Parameters:
    ///   - text: The sanitized text.
    ///   - firedRules: The rules that fired; stored sorted and unique.
    ///   - truncated: Whether the input was cut.
    public init(text: String, firedRules: [String], truncated: Bool) {
        self.text = text
        self.firedRules = firedRules.count < 2 ? firedRules : Array(Set(firedRules)).sorted()
        self.truncated = truncated
    }

    /// The sanitized text, as `text`.
    public var description: String { text }
}
