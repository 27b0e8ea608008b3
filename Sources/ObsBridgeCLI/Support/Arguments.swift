import ObsCollector

/// A small command-line parser: `--flag value`, `--flag=value`, boolean `--flag`, short aliases
/// (`-o` for `--output`), positionals (`-` is one: standard input or output).
///
/// Unknown flags, missing values and bad numbers are ``UsageError``s that name the flag.
struct Arguments {
    private var values: [String: String] = [:]
    private var switches: Set<String> = []
    private(set) var positionals: [String] = []

    /// Parses `arguments` given which flags take a value and which are switches; `aliases` maps
    /// short spellings to long flags.
    init(
        _ arguments: [String], valueFlags: Set<String>, switchFlags: Set<String>, aliases: [String: String] = [:]
    ) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            var argument = arguments[index]
            index += 1
            if let long = aliases[argument] { argument = long }
            guard argument.hasPrefix("--"), argument != "--" else {
                if argument == "-h" {
                    switches.insert("--help")
                    continue
                }
                positionals.append(argument)
                continue
            }
            var name = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            if switchFlags.contains(name) || name == "--help" {
                guard inline == nil else { throw UsageError("\(name) takes no value") }
                switches.insert(name)
            } else if valueFlags.contains(name) {
                if let inline {
                    values[name] = inline
                } else {
                    guard index < arguments.count else { throw UsageError("\(name) needs a value") }
                    values[name] = arguments[index]
                    index += 1
                }
            } else {
                throw UsageError("unknown option \(TerminalText.neutralize(name))")
            }
        }
    }

    func has(_ flag: String) -> Bool { switches.contains(flag) }

    func string(_ flag: String) -> String? { values[flag] }

    func double(_ flag: String, default fallback: Double, range: ClosedRange<Double>) throws(UsageError)
        -> Double
    {
        guard let text = values[flag] else { return fallback }
        guard let value = Double(text), range.contains(value) else {
            throw UsageError(
                "\(flag) must be a number from \(range.lowerBound) to \(range.upperBound), not \(TerminalText.neutralize(text).debugDescription)"
            )
        }
        return value
    }

    func int(_ flag: String, default fallback: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = values[flag] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError(
                "\(flag) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(TerminalText.neutralize(text).debugDescription)"
            )
        }
        return value
    }
}

/// The command line was wrong; exit status 2.
extension Arguments {
    /// The one positional argument a command takes.
    ///
    /// - Parameter what: How the usage error names it, e.g. `FILE (or - for standard input)`.
    /// - Throws: ``UsageError`` when there are none or several.
    func onlyPositional(_ what: String) throws -> String {
        guard positionals.count == 1, let value = positionals.first else {
            throw UsageError("expected exactly one \(what)")
        }
        return value
    }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The command could not do its job; exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
