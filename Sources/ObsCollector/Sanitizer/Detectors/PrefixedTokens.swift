/// Tokens that carry their issuer's prefix (`TokenShapes`), found at the start of a word.
extension RuleScan {
    /// The shapes sorted by the lowercased first byte of their prefix, the range of them for each first byte,
    /// their lowercased second bytes, and the set of their first two bytes: a word that starts like no
    /// prefix costs one lookup, and one that does is compared with the few shapes of its first two bytes.
    private static let shapes = TokenShapes.all.sorted { BigramSet.lower($0.prefix[0]) < BigramSet.lower($1.prefix[0]) }
    private static let secondBytes = shapes.map(\.secondByte)
    private static let ranges: [Range<Int>] = (0..<256).map { byte in
        let first = shapes.firstIndex { Int(BigramSet.lower($0.prefix[0])) == byte } ?? 0
        let end = shapes.lastIndex { Int(BigramSet.lower($0.prefix[0])) == byte }.map { $0 + 1 } ?? 0
        return first..<Swift.max(first, end)
    }
    static let starts = BigramSet(TokenShapes.all.map(\.prefix))

    /// The prefixed token that starts at `start` (the start of a word), if any.
    mutating func prefixedTokenMatch(start: Int, wordEnd: Int) -> ScanMatch? {
        let first = text.lower(start)
        let second = text.lower(start + 1)
        guard tokenStarts.contains(first, second) else { return nil }
        let secondBytes = Self.secondBytes
        for index in Self.ranges[Int(first)] where secondBytes[index] == second {
            let rule = Self.shapes[index].rule
            if enabled.contains(rule), let end = match(Self.shapes[index], at: start) {
                return ScanMatch(start: start, end: end, rule: rule)
            }
        }
        return nil
    }

    /// Where the token of `shape` that starts at `start` ends, or `nil` when there is none.
    private mutating func match(_ shape: TokenShape, at start: Int) -> Int? {
        let matchesPrefix =
            shape.ignoresPrefixCase
            ? text.hasPrefixIgnoringCase(shape.prefix, at: start) : text.hasPrefix(shape.prefix, at: start)
        guard matchesPrefix else { return nil }
        let bodyStart = start + shape.prefix.count
        let bodyEnd = runMemo.end(of: shape.body, from: bodyStart, in: text)
        let length = bodyEnd - bodyStart
        // A run longer than the format is some other word after a short prefix; after a distinctive prefix
        // (six bytes or more, such as `AGE-SECRET-KEY-1` or `dop_v1_`) it is a damaged or newer token: removed.
        guard length >= shape.length.lowerBound,
            !shape.strict || length <= shape.length.upperBound || shape.prefix.count >= 6
        else { return nil }
        // A token ends where letters and digits do: `ghp_…` glued to more letters is some other word.
        guard !ByteSet.alphanumeric.contains(text[bodyEnd]) else { return nil }
        if shape.needsDigit, !text.contains(.digit, in: bodyStart..<bodyEnd) { return nil }
        guard shape.check.passes(text, bodyStart..<bodyEnd) else { return nil }
        return bodyEnd
    }
}
