import ObsCollector

/// `obsbridge redact`: standard input to standard output through the error-record sanitizer.
enum RedactCommand {
    static let help = """
        USAGE: obsbridge redact [--max-length N]

        Reads standard input and writes it to standard output with secrets and personal data
        replaced, line by line, by the same rules ObsBridge applies to every error record
        (passwords, tokens, keys, JWTs, private keys, card numbers, emails, IP addresses,
        home-directory user names, ...). Control characters are neutralized. With --stats, the
        names of the rules that fired are written to standard error.

        OPTIONS:
          --max-length N   longest output line, in characters (default 65536)
          --stats          report which rules fired, on standard error
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valueFlags: ["--max-length"], switchFlags: ["--stats"])
        if options.has("--help") {
            Output.line(help)
            return 0
        }
        guard options.positionals.isEmpty else { throw UsageError("redact takes no arguments") }
        let maxLength = try options.int("--max-length", default: 65_536, range: 16...16_777_216)
        let sanitizer = Sanitizer(rules: Sanitizer.standardRules, maxLength: maxLength)
        var fired: [String: Int] = [:]
        while let line = readLine(strippingNewline: true) {
            let clean = sanitizer.sanitize(line)
            for rule in clean.firedRules { fired[rule, default: 0] += 1 }
            Output.line(clean.text)
        }
        if options.has("--stats") {
            let report = fired.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            Output.error(report.isEmpty ? "nothing redacted" : report.joined(separator: "\n"))
        }
        return 0
    }
}
