/// The shape of a token that carries its issuer's prefix, such as `ghp_` and 36 letters or digits.
struct TokenShape: Sendable {
    /// The rule whose label replaces the token.
    let rule: BuiltinRule
    /// The prefix, as issued.
    let prefix: StaticString
    /// Whether the prefix matches in any ASCII case.
    let ignoresPrefixCase: Bool
    /// The bytes the rest of the token is made of.
    let body: RunClass
    /// How many body bytes the token has; a longer run is still the token (and is removed whole) unless
    /// `strict` and the prefix is shorter than six bytes, when it is some other word.
    let length: ClosedRange<Int>
    /// Whether a run longer than `length` is not this token.
    let strict: Bool
    /// Whether the body must hold a digit (a word made of letters only is not a key).
    let needsDigit: Bool
    /// A further check of the body's structure (dots at fixed places, a marker inside).
    let check: TokenCheck
    /// The prefix's second byte, lowercased: a quick test before comparing the whole prefix.
    let secondByte: UInt8

    init(
        _ rule: BuiltinRule, _ prefix: StaticString, _ body: RunClass, _ length: ClosedRange<Int>,
        strict: Bool = false, needsDigit: Bool = false, ignoresPrefixCase: Bool = false,
        check: TokenCheck = .none
    ) {
        self.rule = rule
        self.prefix = prefix
        self.ignoresPrefixCase = ignoresPrefixCase
        self.body = body
        self.length = length
        self.strict = strict
        self.needsDigit = needsDigit
        self.check = check
        self.secondByte = BigramSet.lower(prefix[1])
    }

    /// A shape whose body has exactly `length` bytes.
    static func exact(
        _ rule: BuiltinRule, _ prefix: StaticString, _ body: RunClass, _ length: Int, needsDigit: Bool = false,
        ignoresPrefixCase: Bool = false, check: TokenCheck = .none
    ) -> TokenShape {
        TokenShape(
            rule, prefix, body, length...length, strict: true, needsDigit: needsDigit,
            ignoresPrefixCase: ignoresPrefixCase, check: check)
    }

    /// A shape whose body has a length in `length`, and no more.
    static func exact(
        _ rule: BuiltinRule, _ prefix: StaticString, _ body: RunClass, _ length: ClosedRange<Int>,
        needsDigit: Bool = false, ignoresPrefixCase: Bool = false
    ) -> TokenShape {
        TokenShape(
            rule, prefix, body, length, strict: true, needsDigit: needsDigit, ignoresPrefixCase: ignoresPrefixCase)
    }

    /// A shape whose body has at least `length` bytes.
    static func atLeast(
        _ rule: BuiltinRule, _ prefix: StaticString, _ body: RunClass, _ length: Int, needsDigit: Bool = false,
        ignoresPrefixCase: Bool = false, check: TokenCheck = .none
    ) -> TokenShape {
        TokenShape(
            rule, prefix, body, length...Int.max, needsDigit: needsDigit, ignoresPrefixCase: ignoresPrefixCase,
            check: check)
    }
}

/// A check of a token body's structure, beyond its bytes and length.
enum TokenCheck: Sendable {
    /// No further check.
    case none
    /// A `.` at this offset of the body.
    case dot(at: Int)
    /// A `-` at this offset of the body.
    case dash(at: Int)
    /// Exactly this many `.` in the body.
    case dots(Int)
    /// At least this many `-` in the body.
    case dashes(atLeast: Int)
    /// The marker somewhere in the body.
    case marker(StaticString)
    /// Airtable's form: 14 letters or digits, a dot, 64 hex digits.
    case airtable

    /// Whether the body `range` of `text` passes the check.
    func passes(_ text: ScanText, _ range: Range<Int>) -> Bool {
        switch self {
        case .none:
            return true
        case .dot(let offset):
            return text[range.lowerBound + offset] == UInt8(ascii: ".")
        case .dash(let offset):
            return text[range.lowerBound + offset] == UInt8(ascii: "-")
        case .dots(let count):
            return range.reduce(0) { $0 + (text[$1] == UInt8(ascii: ".") ? 1 : 0) } == count
        case .dashes(let count):
            return range.reduce(0) { $0 + (text[$1] == UInt8(ascii: "-") ? 1 : 0) } >= count
        case .marker(let marker):
            return range.contains { text.hasPrefix(marker, at: $0) }
        case .airtable:
            return text[range.lowerBound + 14] == UInt8(ascii: ".")
                && text.runEnd(from: range.lowerBound + 15, in: .hexDigit) == range.upperBound
                && text.runEnd(from: range.lowerBound, in: .alphanumeric) == range.lowerBound + 14
        }
    }
}
