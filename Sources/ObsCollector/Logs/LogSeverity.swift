/// Log severity with the OpenTelemetry severity numbers (the first of each range).
public enum LogSeverity: Int, Sendable, Comparable, CaseIterable, Codable {
    /// Finer than debug (OpenTelemetry TRACE, 1).
    case trace = 1
    /// Debugging detail (DEBUG, 5).
    case debug = 5
    /// Normal events (INFO, 9).
    case info = 9
    /// Something unexpected that was handled (WARN, 13).
    case warn = 13
    /// A failed operation (ERROR, 17).
    case error = 17
    /// A failure the process cannot recover from (FATAL, 21).
    case fatal = 21

    /// The OpenTelemetry severity text, e.g. `"ERROR"`.
    public var text: String {
        switch self {
        case .trace: "TRACE"
        case .debug: "DEBUG"
        case .info: "INFO"
        case .warn: "WARN"
        case .error: "ERROR"
        case .fatal: "FATAL"
        }
    }

    /// Parses a level name, case-insensitively (`"warn"`, `"WARNING"`, `"error"`, ...).
    public init?(name: String) {
        switch name.lowercased() {
        case "trace": self = .trace
        case "debug": self = .debug
        case "info": self = .info
        case "warn", "warning": self = .warn
        case "error": self = .error
        case "fatal": self = .fatal
        default: return nil
        }
    }

    /// Orders by severity number: `.trace` is the least severe.
    public static func < (lhs: LogSeverity, rhs: LogSeverity) -> Bool { lhs.rawValue < rhs.rawValue }
}
