import ObsCollector

/// `obsbridge redact`: standard input to standard output through the error-record sanitizer.
enum RedactCommand {
    static let help = """
        USAGE: obsbridge redact [--max-length N] [--without RULE,...] [--stats]

        Reads standard input and writes it to standard output with secrets and personal data
        replaced, line by line, by the same rules ObsBridge applies to every error record
        (passwords, tokens, keys, JWTs, private keys, card numbers, emails, IP addresses,
        home-directory user names, ...). A private key block is read whole, across its lines,
        and removed whole; one with no END line is removed to the end of the input. Control
        characters other than tab are neutralized.

        OPTIONS:
          --max-length N      longest output line, in characters (default 65536)
          --without RULES     rules to leave out, by name, comma-separated (e.g. ipv4,email)
          --stats             report which rules fired, on standard error
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valueFlags: ["--max-length", "--without"], switchFlags: ["--stats"])
        if options.has("--help") {
            Output.line(help)
            return 0
        }
        guard options.positionals.isEmpty else { throw UsageError("redact takes no arguments") }
        let maxLength = try options.int("--max-length", default: 65_536, range: 16...16_777_216)
        let without = (options.string("--without") ?? "").split(separator: ",").map(String.init)
        let names = Set(Sanitizer.standardRules.map(\.name))
        if let unknown = without.first(where: { !names.contains($0) }) {
            throw UsageError("unknown rule \(TerminalText.neutralize(unknown).debugDescription) for --without")
        }
        var redactor = LineRedactor(sanitizer: Sanitizer(maxLength: maxLength).removing(without))
        var fired: [String: Int] = [:]
        // Lines stay lines and a tab stays a tab: the output is text like the input, not a terminal screen.
        let write = { (clean: SanitizedText) in
            for rule in clean.firedRules { fired[rule, default: 0] += 1 }
            Output.line(clean.text)
        }
        while let line = readLine(strippingNewline: true) { redactor.read(line, write: write) }
        redactor.finish(write: write)
        if options.has("--stats") {
            let report = fired.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            Output.error(report.isEmpty ? "nothing redacted" : report.joined(separator: "\n"))
        }
        return 0
    }
}
