/// Where an exporter or log writer sends its text: standard output or a file path.
public enum OutputDestination: Sendable, Hashable, CustomStringConvertible {
    /// The process's standard output.
    case standardOutput
    /// A file path.
    case file(String)

    /// Parses a command-line value: `-` is standard output, anything else a path.
    public init(argument: String) {
        self = argument == "-" ? .standardOutput : .file(argument)
    }

    /// `"standard output"` or the path.
    public var description: String {
        switch self {
        case .standardOutput: "standard output"
        case .file(let path): path
        }
    }
}
