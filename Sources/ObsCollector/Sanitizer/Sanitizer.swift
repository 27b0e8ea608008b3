/// Removes secrets and personal data from error messages before they are written anywhere.
///
/// `sanitize(_:)` works in four bounded steps:
///
/// 1. **Window.** Only the first `inputWindowBytes` (16 KiB of UTF-8) of the input are examined; the rest is
///    dropped and the result is marked truncated. When the input is cut, the cut moves back to the last
///    whitespace within the window's final 256 bytes, so a secret straddling the cut is dropped whole rather
///    than half-matched.
/// 2. **Rules.** The standard rules (`standardRules`) are hand-written byte scanners that run together in
///    one left-to-right pass: each byte is classified once, and only at the start of a word or at one of a
///    few punctuation bytes (`= : , > | @ / \ - . ~`) does a rule look further, so text without any of them
///    costs one scan, and no input makes the pass slower than linear. Each finding is replaced by its rule's
///    label, e.g. `[email]`; where two rules could claim the same text, the more specific one wins (a value
///    that is itself a known token keeps the token's label). Pattern and closure rules (`SanitizerRule`) run
///    one after the other, in the order of `rules`, on the text as the rules before them left it.
/// 3. **Control characters** other than newline and tab are escaped as `TerminalText` escapes them (`ESC`
///    becomes `\u{1B}`), so no terminal escape sequence, carriage return, C1 or bidirectional control
///    survives. Newlines and tabs are kept, so a multi-line message keeps its lines; whoever prints a result
///    to a terminal escapes them there (`TerminalText.neutralize(_:)`), and JSON writers escape them anyway.
/// 4. **Length.** A result longer than `maxLength` characters is cut on a `Character` boundary and ends with
///    `truncationMarker`; the whole result, marker included, is at most `maxLength` characters.
///
/// The sanitizer is a net behind marking sensitive data where it is created, not a guarantee: it finds
/// well-known shapes of secrets, and a secret of no known shape passes through.
public struct Sanitizer: Sendable {
    /// The standard rules with a 1,024-character limit.
    public static let standard = Sanitizer()

    /// How many bytes of UTF-8 input are examined; anything after is dropped.
    public static let inputWindowBytes = 16 * 1024

    /// What ends a cut result.
    public static let truncationMarker = "…[truncated]"

    /// The rules, in the order they run.
    public let rules: [SanitizerRule]

    /// The most characters a result may have, marker included (never less than the marker's length).
    public let maxLength: Int

    private let stages: [Stage]
    private let labels: Set<Substring>

    /// A step of `sanitize(_:)`: the built-in rules in one scan, or one pattern or closure rule.
    private enum Stage: Sendable {
        case scan(BuiltinRuleSet)
        case rule(SanitizerRule)
    }

    /// Creates a sanitizer.
    ///
    /// - Parameters:
    ///   - rules: The rules, in the order they run; the standard rules by default.
    ///   - maxLength: The most characters a result may have, marker included; values below the length of
    ///     `truncationMarker` are raised to it.
    public init(rules: [SanitizerRule] = Sanitizer.standardRules, maxLength: Int = 1024) {
        self.rules = rules
        self.maxLength = Swift.max(maxLength, Sanitizer.truncationMarker.count)
        self.labels = Set(rules.map { Substring($0.label) })
        var stages: [Stage] = []
        for rule in rules {
            if let builtin = rule.builtin {
                if case .scan(var set) = stages.last {
                    set.insert(builtin)
                    stages[stages.count - 1] = .scan(set)
                } else {
                    stages.append(.scan(BuiltinRuleSet([builtin])))
                }
            } else {
                stages.append(.rule(rule))
            }
        }
        self.stages = stages
    }

    /// Returns a copy with `rule` appended; it runs after every existing rule.
    ///
    /// - Parameter rule: The rule to add, e.g. one of `standardRules` found with `standardRule(named:)`.
    /// - Returns: The extended sanitizer.
    public func adding(_ rule: SanitizerRule) -> Sanitizer {
        Sanitizer(rules: rules + [rule], maxLength: maxLength)
    }

    /// Returns a copy without the rules of the given names, e.g. `Sanitizer.standard.removing("ipv4", "ipv6")`.
    ///
    /// - Parameter names: Rule names; a name that no rule has is ignored.
    /// - Returns: The reduced sanitizer.
    public func removing(_ names: String...) -> Sanitizer {
        removing(names)
    }

    /// Returns a copy without the rules whose names are in `names`.
    ///
    /// - Parameter names: Rule names; a name that no rule has is ignored.
    /// - Returns: The reduced sanitizer.
    public func removing(_ names: some Sequence<String>) -> Sanitizer {
        let removed = Set(names)
        return Sanitizer(rules: rules.filter { !removed.contains($0.name) }, maxLength: maxLength)
    }

    /// Sanitizes one message.
    ///
    /// - Parameter text: The message, e.g. an error description from native code.
    /// - Returns: The safe text, the names of the rules that fired, and whether the message was cut.
    public func sanitize(_ text: String) -> SanitizedText {
        var (current, truncated) = Sanitizer.window(of: text)
        var fired: [String] = []
        var escaped = false
        for (position, stage) in stages.enumerated() {
            switch stage {
            case .scan(let enabled):
                let last = position == stages.count - 1
                if let (rewritten, rules) = Sanitizer.scan(current, enabled: enabled, escaping: last) {
                    current = rewritten
                    fired += rules
                }
                escaped = last
            case .rule(let rule):
                let (rewritten, didFire) = rule.apply(to: current, labels: labels)
                if didFire {
                    current = rewritten
                    fired.append(rule.name)
                }
            }
        }
        if !escaped { current = TerminalText.neutralize(current, keepingNewlinesAndTabs: true) }
        if truncated || (current.utf8.count > maxLength && current.count > maxLength) {
            let keep = maxLength - Sanitizer.truncationMarker.count
            current = String(current.prefix(keep)) + Sanitizer.truncationMarker
            truncated = true
        }
        return SanitizedText(text: current, firedRules: fired, truncated: truncated)
    }

    // MARK: - Steps

    /// The built-in rules of `enabled` applied to `text` in one scan, control characters escaped when
    /// `escaping`, with the names of the rules that fired; `nil` when the text stays as it is.
    static func scan(_ text: String, enabled: BuiltinRuleSet, escaping: Bool) -> (String, [String])? {
        var text = text
        return text.withUTF8 { bytes in
            let scanText = ScanText(bytes: bytes)
            var scan = RuleScan(text: scanText, enabled: enabled)
            scan.run()
            guard !scan.matches.isEmpty || (escaping && scan.needsEscaping) else { return nil }
            // Without matches the scan saw every byte; with them it skipped the gaps before some (the spaces
            // after `=`), which must be checked again.
            let needsEscaping =
                escaping
                && (scan.matches.isEmpty
                    ? scan.needsEscaping : ScanOutput.hasControl(scanText, outside: scan.matches))
            let output = ScanOutput.build(scanText, matches: scan.matches, escaping: needsEscaping)
            var rules = BuiltinRuleSet()
            var names: [String] = []
            for match in scan.matches where !rules.contains(match.rule) {
                rules.insert(match.rule)
                names.append(match.rule.name)
            }
            return (output, names)
        }
    }

    /// The examined prefix of `text` and whether anything was dropped.
    static func window(of text: String) -> (String, Bool) {
        let utf8 = text.utf8
        guard utf8.count > inputWindowBytes else { return (text, false) }
        var end = utf8.index(utf8.startIndex, offsetBy: inputWindowBytes)
        // Move back to a Unicode scalar boundary: never stop before a continuation byte (0b10xxxxxx).
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        // Move back to whitespace near the end, so a token straddling the cut is dropped whole.
        var probe = end
        var steps = 0
        while probe > utf8.startIndex, steps < 256 {
            let before = utf8.index(before: probe)
            let byte = utf8[before]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                end = before
                break
            }
            probe = before
            steps += 1
        }
        return (String(text.unicodeScalars[..<end]), true)
    }
}
