/// The shape of a token that carries its issuer's prefix, such as `ghp_` and 36 letters or digits.
struct TokenShape: Sendable {
    /// The rule whose label replaces the token.
    let rule: BuiltinRule
    /// The prefix, as issued.
    let prefix: StaticBytes
    /// Whether the prefix matches in any ASCII case.
    let ignoresPrefixCase: Bool
    /// The bytes the rest of the token is made of.
    let body: RunClass
    /// How many body bytes the token has; a longer run is still the token (and is removed whole) unless
    /// `strict`, when it is some other word.
    let length: ClosedRange<Int>
    /// Whether a run longer than `length` is not this token.
    let strict: Bool
    /// Whether the body must hold a digit (a word made of letters only is not a key).
    let needsDigit: Bool
    /// A further check of the body's structure (dots at fixed places, a marker inside), if any.
    let check: (@Sendable (ScanText, Range<Int>) -> Bool)?
    /// The prefix as compared: lowercased when its case is ignored.
    let comparedPrefix: StaticBytes
    /// The prefix's second byte, lowercased: a quick test before comparing the whole prefix.
    let secondByte: UInt8

    init(
        _ rule: BuiltinRule, _ prefix: StaticBytes, _ body: RunClass, _ length: ClosedRange<Int>,
        strict: Bool = false, needsDigit: Bool = false, ignoresPrefixCase: Bool = false,
        check: (@Sendable (ScanText, Range<Int>) -> Bool)? = nil
    ) {
        self.rule = rule
        self.prefix = prefix
        self.ignoresPrefixCase = ignoresPrefixCase
        self.body = body
        self.length = length
        self.strict = strict
        self.needsDigit = needsDigit
        self.check = check
        self.comparedPrefix = ignoresPrefixCase ? prefix.lowercased : prefix
        self.secondByte = BigramSet.lower(prefix[1])
    }

    /// A shape whose body has exactly `length` bytes.
    static func exact(
        _ rule: BuiltinRule, _ prefix: StaticBytes, _ body: RunClass, _ length: Int, needsDigit: Bool = false,
        ignoresPrefixCase: Bool = false, check: (@Sendable (ScanText, Range<Int>) -> Bool)? = nil
    ) -> TokenShape {
        TokenShape(
            rule, prefix, body, length...length, strict: true, needsDigit: needsDigit,
            ignoresPrefixCase: ignoresPrefixCase, check: check)
    }

    /// A shape whose body has a length in `length`, and no more.
    static func exact(
        _ rule: BuiltinRule, _ prefix: StaticBytes, _ body: RunClass, _ length: ClosedRange<Int>,
        needsDigit: Bool = false, ignoresPrefixCase: Bool = false
    ) -> TokenShape {
        TokenShape(
            rule, prefix, body, length, strict: true, needsDigit: needsDigit, ignoresPrefixCase: ignoresPrefixCase)
    }

    /// A shape whose body has at least `length` bytes.
    static func atLeast(
        _ rule: BuiltinRule, _ prefix: StaticBytes, _ body: RunClass, _ length: Int, needsDigit: Bool = false,
        ignoresPrefixCase: Bool = false, check: (@Sendable (ScanText, Range<Int>) -> Bool)? = nil
    ) -> TokenShape {
        TokenShape(
            rule, prefix, body, length...Int.max, needsDigit: needsDigit, ignoresPrefixCase: ignoresPrefixCase,
            check: check)
    }
}
