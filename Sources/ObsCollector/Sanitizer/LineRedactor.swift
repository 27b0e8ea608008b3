import Foundation

/// Sanitizes text line by line, as `obsbridge redact` reads it, except that a private key block is
/// gathered across its lines and sanitized as one text, so that its body never passes one line at a time.
///
/// A line that opens a key block without closing it (`Sanitizer.opensPrivateKeyBlock(_:)`) starts a block;
/// the block ends with the line that holds its END marker. A block that outgrows `blockLimit` lines is
/// written (removed whole) and the lines after it are dropped up to its END line; a block that never ends
/// is removed to the end of the input.
package struct LineRedactor {
    /// The rules.
    package let sanitizer: Sanitizer
    /// The lines of an open key block.
    private var block: [String] = []
    /// Whether a block outgrew `blockLimit` without its END line: lines are dropped until it comes.
    private var dropping = false

    /// The most lines gathered for one block (a 16384-bit RSA key in PEM has about 200).
    package static let blockLimit = 256

    /// A redactor with these rules.
    package init(sanitizer: Sanitizer) { self.sanitizer = sanitizer }

    /// Reads one line (without its newline) and hands what can be written to `write`: one sanitized line,
    /// a sanitized key block of several lines, or nothing while a block is open.
    package mutating func read(_ line: String, write: (SanitizedText) -> Void) {
        if dropping {
            guard let end = Self.endOfBlock(in: line) else { return }
            dropping = false
            let rest = String(line[end...])
            if !rest.isEmpty { write(sanitizer.sanitize(rest)) }
            return
        }
        if !block.isEmpty {
            block.append(line)
            if Self.endOfBlock(in: line) != nil {
                flush(write)
            } else if block.count >= Self.blockLimit {
                flush(write)
                dropping = true
            }
            return
        }
        if Sanitizer.opensPrivateKeyBlock(line) {
            block = [line]
        } else {
            write(sanitizer.sanitize(line))
        }
    }

    /// Hands over what is left at the end of the input: an open block, removed to its end.
    package mutating func finish(write: (SanitizedText) -> Void) { flush(write) }

    private mutating func flush(_ write: (SanitizedText) -> Void) {
        guard !block.isEmpty else { return }
        write(sanitizer.sanitize(block.joined(separator: "\n")))
        block = []
    }

    /// Where the END line of a key block (`-----END`, a label of letters, digits and spaces ending `KEY` or
    /// `KEY BLOCK`, then `-----`) ends in `line`, if it has one.
    static func endOfBlock(in line: String) -> String.Index? {
        var rest = line[...]
        while let end = rest.range(of: "-----END", options: [.caseInsensitive]) {
            let label = rest[end.upperBound...].prefix {
                $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " " || $0 == "_")
            }
            let after = label.endIndex
            let upper = label.uppercased()
            if rest[after...].hasPrefix("-----"), upper.hasSuffix("KEY") || upper.hasSuffix("KEY BLOCK") {
                return rest.index(after, offsetBy: 5)
            }
            rest = rest[end.upperBound...]
        }
        return nil
    }
}
