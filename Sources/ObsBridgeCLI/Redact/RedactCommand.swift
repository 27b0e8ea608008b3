import Foundation
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
        while let line = readLine(strippingNewline: true) { redactor.read(line) }
        redactor.finish()
        if options.has("--stats") {
            let report = redactor.fired.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            Output.error(report.isEmpty ? "nothing redacted" : report.joined(separator: "\n"))
        }
        return 0
    }
}

/// Sanitizes input line by line, except that a private key block is gathered across its lines and
/// sanitized as one text, so that its body never passes one line at a time.
struct LineRedactor {
    let sanitizer: Sanitizer
    /// How many times each rule fired.
    private(set) var fired: [String: Int] = [:]
    /// The lines of an open key block.
    private var block: [String] = []
    /// Whether a block outgrew `blockLimit` without its END line: lines are dropped until it comes.
    private var dropping = false

    /// The most lines gathered for one block (a 16384-bit RSA key in PEM has about 200).
    static let blockLimit = 256

    init(sanitizer: Sanitizer) { self.sanitizer = sanitizer }

    /// Reads one line (without its newline) and writes what can be written.
    mutating func read(_ line: String) {
        if dropping {
            guard let end = Self.endOfBlock(in: line) else { return }
            dropping = false
            let rest = String(line[end...])
            if !rest.isEmpty { write(rest) }
            return
        }
        if !block.isEmpty {
            block.append(line)
            if Self.endOfBlock(in: line) != nil {
                flush()
            } else if block.count >= Self.blockLimit {
                flush()
                dropping = true
            }
            return
        }
        if Sanitizer.opensPrivateKeyBlock(line) {
            block = [line]
        } else {
            write(line)
        }
    }

    /// Writes what is left at the end of the input: an unterminated block is removed to the end.
    mutating func finish() { flush() }

    private mutating func flush() {
        guard !block.isEmpty else { return }
        write(block.joined(separator: "\n"))
        block = []
    }

    private mutating func write(_ text: String) {
        let clean = sanitizer.sanitize(text)
        for rule in clean.firedRules { fired[rule, default: 0] += 1 }
        // Lines stay lines; a tab stays a tab: the output is text like the input, not a terminal screen.
        Output.line(clean.text)
    }

    /// Where the END marker of a key block (`KEY-----` or `KEY BLOCK-----`) ends in `line`, if it has one.
    static func endOfBlock(in line: String) -> String.Index? {
        for marker in ["KEY-----", "KEY BLOCK-----"] {
            if let range = line.range(of: marker, options: [.caseInsensitive]) { return range.upperBound }
        }
        return nil
    }
}
