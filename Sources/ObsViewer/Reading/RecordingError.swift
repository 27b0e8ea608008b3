/// A recording could not be read: the file cannot be opened, or a line breaks the format badly
/// enough that reading on would misreport it.
///
/// Messages name the input and, when one is to blame, the 1-based line, so that a person can open
/// the file at that line: `demo.jsonl line 3: not valid JSON`.
public struct RecordingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line the problem is on, when one is.
    public var line: Int?
    /// Why, for people (without the input's name or the line, which ``description`` adds).
    public var reason: String
    /// The input's name as given (a path, or `-` for standard input), neutralized for terminals.
    public var input: String

    /// Creates an error.
    public init(input: String, line: Int? = nil, reason: String) {
        self.input = input
        self.line = line
        self.reason = reason
    }

    /// `INPUT line N: REASON`, or `INPUT: REASON` when no line is to blame.
    public var description: String {
        let name = input == "-" ? "standard input" : input
        guard let line else { return "\(name): \(reason)" }
        return "\(name) line \(line): \(reason)"
    }
}
