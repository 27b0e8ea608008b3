/// The word rules for a word that starts with a letter or `_`, after the prefixed tokens: authorization
/// schemes, hex groups of addresses, IBANs, and the few tokens whose marker is not at their start.
extension RuleScan {
    mutating func letterWordMatch(start: Int, end: Int) -> ScanMatch? {
        let length = end - start
        let first = text.lower(start)
        if first == UInt8(ascii: "b"), length == 6 || length == 5 {
            if let match = bearerMatch(start: start, end: end) ?? basicMatch(start: start, end: end) { return match }
        }
        if first == UInt8(ascii: "c"), length == 4, text.hasPrefixIgnoringCase("curl", at: start) { sawCurl = true }
        let next = text[end]
        if next == UInt8(ascii: "-"), length == 8, let uuidEnd = TextShapes.uuidEnd(text, from: start) {
            skipUntil = uuidEnd
            return nil
        }
        if next == UInt8(ascii: ":") || next == UInt8(ascii: "-"), text.runEnd(from: start, in: .hexDigit) == end {
            if let match = macMatch(start: start) ?? (next == UInt8(ascii: ":") ? ipv6Match(start: start) : nil) {
                return match
            }
        }
        if length >= 4, ByteSet.digit.contains(text[start + 2]), let match = ibanMatch(start: start) { return match }
        if first == UInt8(ascii: "h"), let match = slackWebhookMatch(start: start) { return match }
        if first == UInt8(ascii: "x"), let match = slackConfigTokenMatch(start: start) { return match }
        return nil
    }

    /// Tokens whose marker is not at their start, at a word of 14 or 40 bytes (`start..<end`): MaxMind
    /// license keys (40, ending `_mmk`), Sourcegraph tokens (40 hex digits in both cases), Terraform Cloud
    /// tokens (14 letters or digits, `.atlasv1.`, 60 or more token bytes).
    func markedTokenMatch(start: Int, end: Int) -> ScanMatch? {
        guard enabled.contains(.vendorToken) else { return nil }
        let length = end - start
        if length == 40 {
            if text.hasPrefix("_mmk", at: end - 4) { return ScanMatch(start: start, end: end, rule: .vendorToken) }
            return mixedCaseHexMatch(start: start, end: end)
        }
        if length == 14, text.hasPrefix(".atlasv1.", at: end) {
            let tokenEnd = text.runEnd(from: end + 9, in: RunClass.base64URL.set)
            if tokenEnd - (end + 9) >= 60 { return ScanMatch(start: start, end: tokenEnd, rule: .vendorToken) }
        }
        return nil
    }

    /// A Slack webhook: `hooks.slack.com/services/…` (also `workflows/`, `triggers/`), with or without its
    /// scheme. Any byte stands for the dots, as some configurations mangle them.
    private func slackWebhookMatch(start: Int) -> ScanMatch? {
        guard enabled.contains(.webhookURL), text.hasPrefix("hooks", at: start), text.hasPrefix("slack", at: start + 6),
            text.hasPrefix("com/", at: start + 12)
        else { return nil }
        let kind = start + 16
        let pathStart: Int
        if text.hasPrefix("services/", at: kind) {
            pathStart = kind + 9
        } else if text.hasPrefix("workflows/", at: kind) {
            pathStart = kind + 10
        } else if text.hasPrefix("triggers/", at: kind) {
            pathStart = kind + 9
        } else {
            return nil
        }
        let end = text.runEnd(from: pathStart, in: Self.webhookPath, limit: 256)
        return end - pathStart >= 20 ? ScanMatch(start: start, end: end, rule: .webhookURL) : nil
    }

    /// A Slack configuration token: `xoxe.xoxb-1-…` or `xoxe.xoxp-1-…` (any byte for the dot).
    private func slackConfigTokenMatch(start: Int) -> ScanMatch? {
        guard enabled.contains(.slackToken), text.hasPrefixIgnoringCase("xoxe", at: start),
            text.hasPrefixIgnoringCase("xox", at: start + 5),
            text.lower(start + 8) == UInt8(ascii: "b") || text.lower(start + 8) == UInt8(ascii: "p"),
            text[start + 9] == UInt8(ascii: "-")
        else { return nil }
        let end = text.runEnd(from: start + 10, in: .wordDash, limit: 400)
        return end - (start + 10) >= 100 ? ScanMatch(start: start, end: end, rule: .slackToken) : nil
    }

    /// 40 hex digits in both cases (a Sourcegraph token's form): hashes are written in one case.
    private func mixedCaseHexMatch(start: Int, end: Int) -> ScanMatch? {
        guard text.runEnd(from: start, in: .hexDigit) == end,
            text.contains(Self.lowerHexLetters, in: start..<end), text.contains(Self.upperHexLetters, in: start..<end)
        else { return nil }
        return ScanMatch(start: start, end: end, rule: .vendorToken)
    }

    /// `A-Za-z0-9+/_-`

    private static var webhookPath: ByteSet { ByteSet(bits: 0x03FF_A800_0000_0000, 0x07FF_FFFE_87FF_FFFE) }
    /// `a-f`
    private static var lowerHexLetters: ByteSet { ByteSet(bits: 0x0000_0000_0000_0000, 0x0000_007E_0000_0000) }
    /// `A-F`
    private static var upperHexLetters: ByteSet { ByteSet(bits: 0x0000_0000_0000_0000, 0x0000_0000_0000_007E) }
}
