/// Tokens that carry their issuer's prefix (`TokenShapes`), found at the start of a word.
extension RuleScan {
    /// The shapes grouped by the lowercased first byte of their prefix, and the set of their first two
    /// bytes, so that a word that starts like no prefix costs one lookup.
    private static let shapesByFirstByte: [[TokenShape]] = {
        var groups = [[TokenShape]](repeating: [], count: 256)
        for shape in TokenShapes.all { groups[Int(BigramSet.lower(shape.prefix[0]))].append(shape) }
        return groups
    }()

    private static let starts = BigramSet(TokenShapes.all.map(\.prefix.bytes))

    /// The prefixed token that starts at `start` (the start of a word), if any.
    mutating func prefixedTokenMatch(start: Int, wordEnd: Int) -> ScanMatch? {
        let first = text.lower(start)
        let second = text.lower(start + 1)
        guard Self.starts.contains(first, second) else { return nil }
        for shape in Self.shapesByFirstByte[Int(first)] where shape.secondByte == second && enabled.contains(shape.rule)
        {
            if let end = match(shape, at: start) { return ScanMatch(start: start, end: end, rule: shape.rule) }
        }
        return nil
    }

    /// Where the token of `shape` that starts at `start` ends, or `nil` when there is none.
    private mutating func match(_ shape: TokenShape, at start: Int) -> Int? {
        let matchesPrefix =
            shape.ignoresPrefixCase
            ? text.hasPrefixIgnoringCase(shape.comparedPrefix, at: start)
            : text.hasPrefix(shape.comparedPrefix, at: start)
        guard matchesPrefix else { return nil }
        let bodyStart = start + shape.prefix.count
        let bodyEnd = runMemo.end(of: shape.body, from: bodyStart, in: text)
        let length = bodyEnd - bodyStart
        guard length >= shape.length.lowerBound, !shape.strict || length <= shape.length.upperBound else {
            return nil
        }
        // A token ends where letters and digits do: `ghp_…` glued to more letters is some other word.
        guard !ByteSet.alphanumeric.contains(text[bodyEnd]) else { return nil }
        if shape.needsDigit, !text.contains(.digit, in: bodyStart..<bodyEnd) { return nil }
        if let check = shape.check, !check(text, bodyStart..<bodyEnd) { return nil }
        return bodyEnd
    }
}

extension StaticBytes {
    /// The literal with ASCII letters lowercased.
    var lowercased: StaticBytes { StaticBytes(bytes: bytes.map(BigramSet.lower)) }
}
