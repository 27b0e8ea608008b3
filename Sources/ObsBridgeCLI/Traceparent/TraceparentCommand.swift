import ObsCollector

/// `obsbridge traceparent VALUE [--tracestate VALUE]`.
enum TraceparentCommand {
    static let help = """
        USAGE: obsbridge traceparent VALUE [--tracestate VALUE]

        Validates a W3C Trace Context `traceparent` header value and prints its fields, or the
        reason it is invalid (exit status 1).

        OPTIONS:
          --tracestate VALUE   also parse a `tracestate` header value
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valueFlags: ["--tracestate"], switchFlags: [])
        if options.has("--help") {
            Output.line(help)
            return 0
        }
        let value = try options.onlyPositional("traceparent VALUE")
        let context: TraceContext
        do {
            context = try TraceContext(traceparent: value, tracestate: options.string("--tracestate"))
        } catch {
            // Echo a bounded prefix: the value may be megabytes of escape sequences.
            let shown = value.count > 128 ? String(value.prefix(128)) + "…" : value
            Output.error("invalid traceparent \(TerminalText.neutralize(shown).debugDescription): \(error)")
            return 1
        }
        var lines = [
            "valid traceparent",
            "version:   \(String(format2: context.version))",
            "trace-id:  \(context.traceID.hex)",
            "parent-id: \(context.spanID.hex)",
            "flags:     \(String(format2: context.flags.rawValue)) (sampled: \(context.flags.contains(.sampled) ? "yes" : "no"))",
        ]
        if options.string("--tracestate") != nil {
            lines.append("tracestate: \(context.traceState.entries.count) entries")
            for entry in context.traceState.entries {
                lines.append("  \(TerminalText.neutralize(entry.key)) = \(TerminalText.neutralize(entry.value))")
            }
        }
        Output.line(lines.joined(separator: "\n"))
        return 0
    }
}

extension String {
    /// Two lowercase hex digits.
    init(format2 value: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(value >> 4)], digits[Int(value & 0xF)]])
    }
}
