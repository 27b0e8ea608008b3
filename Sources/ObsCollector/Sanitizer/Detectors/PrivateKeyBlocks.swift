/// Private key blocks: PEM (`-----BEGIN RSA PRIVATE KEY-----`, PKCS #8, encrypted, EC, DSA), OpenSSH and
/// PGP (`-----BEGIN PGP PRIVATE KEY BLOCK-----`), from the BEGIN line through its END line,
/// across any number of lines; an unterminated block runs to the end of the text. (age secret keys are
/// one token, `AGE-SECRET-KEY-1…`: see `TokenShapes`.)
extension RuleScan {
    /// The key block whose `-----BEGIN` is at `index`, if any.
    mutating func privateKeyMatch(at index: Int) -> ScanMatch? {
        privateKeyBlock(at: index)?.match
    }

    /// The key block whose `-----BEGIN` is at `index`, and whether its END line was found.
    private func privateKeyBlock(at index: Int) -> (match: ScanMatch, closed: Bool)? {
        guard enabled.contains(.privateKey), text.hasPrefix(Self.begin, at: index) else { return nil }
        // The header: `[ A-Z0-9_-]` up to `PRIVATE KEY`, an optional ` BLOCK`, then five dashes.
        let headerStart = index + Self.begin.count
        let headerEnd = text.runEnd(from: headerStart, in: Self.headerBytes, limit: 140)
        var bodyStart: Int?
        var position = headerStart
        while position + Self.privateKey.count <= headerEnd {
            if text.hasPrefixIgnoringCase(Self.privateKey, at: position) {
                var end = position + Self.privateKey.count
                if text.hasPrefixIgnoringCase(Self.block, at: end) { end += Self.block.count }
                if text.hasPrefix(Self.dashes, at: end) { bodyStart = end + Self.dashes.count }
                break
            }
            position += 1
        }
        guard let bodyStart else { return nil }
        let (end, closed) = blockEnd(from: bodyStart)
        return (ScanMatch(start: index, end: end, rule: .privateKey), closed)
    }

    /// Where the block ends: after its END line (`-----END`, the key's kind, `KEY-----` or `KEY BLOCK-----`),
    /// or at the text's end; and whether the END line was found. A `KEY-----` that belongs to another
    /// block's BEGIN line does not end this one.
    private func blockEnd(from start: Int) -> (Int, Bool) {
        var index = start
        while index + Self.end.count <= text.count {
            if text[index] == UInt8(ascii: "-"), text.hasPrefixIgnoringCase(Self.end, at: index) {
                // The label: letters, digits, spaces (no dash: a dash ends it), ending `KEY` or `KEY BLOCK`.
                let labelEnd = text.runEnd(from: index + Self.end.count, in: Self.labelBytes, limit: 140)
                if text.hasPrefix(Self.dashes, at: labelEnd),
                    endsWithIgnoringCase(index..<labelEnd, Self.key)
                        || endsWithIgnoringCase(index..<labelEnd, Self.keyBlock)
                {
                    return (labelEnd + Self.dashes.count, true)
                }
            }
            index += 1
        }
        return (text.count, false)
    }

    private func endsWithIgnoringCase(_ range: Range<Int>, _ suffix: StaticString) -> Bool {
        range.count >= suffix.count && text.hasPrefixIgnoringCase(suffix, at: range.upperBound - suffix.count)
    }

    /// Where a key block that starts inside `range` ends, if one does.
    func privateKeyBlockEnd(within range: Range<Int>) -> Int? {
        guard enabled.contains(.privateKey), range.count >= Self.begin.count else { return nil }
        for index in range where text[index] == UInt8(ascii: "-") && text.hasPrefix(Self.begin, at: index) {
            if let block = privateKeyBlock(at: index) { return block.match.end }
        }
        return nil
    }

    /// Whether `line` opens a private key block that it does not also close: `obsbridge redact` then reads
    /// on to the block's end before sanitizing, so that the key's body never passes line by line.
    static func opensPrivateKeyBlock(_ line: ScanText) -> Bool {
        // A quick refusal for most lines: no `-----BEGIN` at all.
        guard (0..<line.count).contains(where: { line[$0] == UInt8(ascii: "-") && line.hasPrefix(begin, at: $0) })
        else { return false }
        let scan = RuleScan(text: line, enabled: BuiltinRuleSet([.privateKey]))
        var index = 0
        while index < line.count {
            if line[index] == UInt8(ascii: "-"), let (match, closed) = scan.privateKeyBlock(at: index) {
                if !closed { return true }
                index = match.end
            } else {
                index += 1
            }
        }
        return false
    }

    private static let begin: StaticString = "-----BEGIN"
    private static let end: StaticString = "-----END"
    private static let privateKey: StaticString = "private key"
    private static let block: StaticString = " block"
    private static let key: StaticString = "key"
    private static let keyBlock: StaticString = "key block"
    private static let dashes: StaticString = "-----"
    /// `A-Za-z0-9 _-`
    /// `A-Za-z0-9 _`
    private static var labelBytes: ByteSet { ByteSet(bits: 0x03FF_0001_0000_0000, 0x07FF_FFFE_87FF_FFFE) }
    private static var headerBytes: ByteSet { ByteSet(bits: 0x03FF_2001_0000_0000, 0x07FF_FFFE_87FF_FFFE) }
}
