/// Makes text safe to print on a terminal or to store as one line of a log.
///
/// `neutralize(_:)` replaces every character that a terminal could interpret, or that would break a record
/// across lines, with a visible escape of the form `\u{XX}` (the Swift spelling, uppercase hex, at least two
/// digits): ESC becomes `\u{1B}`, a newline `\u{0A}`, BEL `\u{07}`. What is escaped:
///
/// - C0 controls U+0000–U+001F, all of them, tab, carriage return and newline included;
/// - DEL U+007F and the C1 controls U+0080–U+009F (U+009B is a one-character CSI on some terminals);
/// - U+2028 and U+2029, the Unicode line and paragraph separators;
/// - the bidirectional embedding, override and isolate controls U+202A–U+202E and U+2066–U+2069, which can make
///   displayed text read differently from its bytes.
///
/// Visible escapes were chosen over U+FFFD so that a reader can still tell which control arrived. Because ESC
/// itself is escaped, no escape sequence (CSI such as `ESC [ 2 J`, OSC 8 hyperlinks, …) survives: what follows
/// the escaped ESC is plain text.
public enum TerminalText {
    /// Returns `text` with every control character replaced by a visible `\u{XX}` escape.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The text, unchanged when it holds nothing to escape.
    public static func neutralize(_ text: String) -> String {
        neutralize(text, keepingNewlinesAndTabs: false)
    }

    /// Returns `text` with every control character replaced by a visible `\u{XX}` escape, optionally keeping
    /// newline (U+000A) and tab (U+0009), which lay text out but cannot move the cursor elsewhere or start an
    /// escape sequence. Carriage return is always escaped: it would let a line overwrite itself.
    ///
    /// - Parameters:
    ///   - text: Any text.
    ///   - keepingNewlinesAndTabs: Whether newline and tab stay as they are.
    /// - Returns: The text, unchanged when it holds nothing to escape.
    public static func neutralize(_ text: String, keepingNewlinesAndTabs: Bool) -> String {
        func escapes(_ scalar: Unicode.Scalar) -> Bool {
            needsEscape(scalar) && !(keepingNewlinesAndTabs && (scalar == "\n" || scalar == "\t"))
        }
        guard text.unicodeScalars.contains(where: escapes) else { return text }
        // Appending to a String (not to a detached UnicodeScalarView, which copied its whole buffer
        // on each escape: quadratic, seconds for a megabyte of escapes) keeps this linear.
        var result = String()
        result.reserveCapacity(text.utf8.count + text.utf8.count / 2)
        for scalar in text.unicodeScalars {
            if escapes(scalar) {
                result += escape(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Decodes UTF-8 bytes, replacing every ill-formed sequence with U+FFFD.
    ///
    /// - Parameter bytes: Bytes that should be UTF-8 but may not be.
    /// - Returns: A valid string; control characters are *not* neutralized (call `neutralize(_:)` for that).
    public static func decodeLossy(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `scalar` is one of the characters `neutralize(_:)` escapes.
    ///
    /// - Parameter scalar: A Unicode scalar.
    /// - Returns: `true` for C0, DEL, C1, line/paragraph separators and bidirectional controls.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
            return true
        default:
            return false
        }
    }

    /// The visible escape of `scalar`: `\u{` and at least two uppercase hex digits, then `}`.
    ///
    /// - Parameter scalar: A Unicode scalar.
    /// - Returns: Its escape, e.g. `\u{1B}` for ESC.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u{" + (hex.count < 2 ? "0" + hex : hex) + "}"
    }
}
