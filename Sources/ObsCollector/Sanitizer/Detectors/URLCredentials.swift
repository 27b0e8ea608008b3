/// Credentials in URLs and connection strings (`postgres://user:password@host`, `redis://:password@host`,
/// `https://<token>@host`), and webhook URLs whose path is the secret (Microsoft Teams, Discord; Slack's
/// `hooks.slack.com/…` is a prefixed token in `TokenShapes`).
extension RuleScan {
    /// What follows the `://` at `colon`: its user info, or a webhook's secret path.
    mutating func urlMatch(at colon: Int) -> ScanMatch? {
        let schemeStart = text.runStart(before: colon, in: Self.schemeBytes, floor: floor, limit: 32)
        guard schemeStart < colon, ByteSet.letter.contains(text[schemeStart]) else { return nil }
        let authorityStart = colon + 3
        let authorityEnd = text.runEnd(from: authorityStart, in: Self.authorityBytes, limit: 2048)
        var at: Int?
        for index in authorityStart..<authorityEnd where text[index] == UInt8(ascii: "@") { at = index }
        if let at, enabled.contains(.credentials), let match = userInfoMatch(authorityStart..<at) { return match }
        return enabled.contains(.webhookURL) ? webhookMatch(hostStart: (at ?? colon + 2) + 1, end: authorityEnd) : nil
    }

    /// User info that holds a secret: `user:password` (the password may hold `:` and `@`), or one token of 16
    /// or more characters.
    private func userInfoMatch(_ info: Range<Int>) -> ScanMatch? {
        guard !info.isEmpty else { return nil }
        let userEnd = text.runEnd(from: info.lowerBound, in: Self.userBytes)
        if userEnd < info.upperBound, text[userEnd] == UInt8(ascii: ":") {
            return ScanMatch(start: info.lowerBound, end: info.upperBound, rule: .credentials)
        }
        if userEnd == info.upperBound, info.count >= 16 {
            return ScanMatch(start: info.lowerBound, end: info.upperBound, rule: .credentials)
        }
        return nil
    }

    /// A webhook URL whose host starts at `hostStart`: the host and path are removed.
    private func webhookMatch(hostStart: Int, end authorityEnd: Int) -> ScanMatch? {
        let hostEnd = text.runEnd(from: hostStart, in: Self.hostBytes, limit: 255)
        let host = hostStart..<hostEnd
        let isTeams = endsWith(host, Self.teamsHost) && text.hasPrefix("/webhookb2/", at: hostEnd)
        let isDiscord =
            (endsWith(host, "discord.com") || endsWith(host, "discordapp.com"))
            && text.hasPrefix("/api/webhooks/", at: hostEnd)
        guard isTeams || isDiscord else { return nil }
        let end = text.runEnd(from: hostEnd, in: Self.pathBytes, limit: 1024)
        return end - hostEnd > 30 ? ScanMatch(start: hostStart, end: end, rule: .webhookURL) : nil
    }

    private func endsWith(_ range: Range<Int>, _ suffix: StaticString) -> Bool {
        range.count >= suffix.count && text.hasPrefixIgnoringCase(suffix, at: range.upperBound - suffix.count)
    }

    /// `A-Za-z0-9+.-`

    private static var schemeBytes: ByteSet { ByteSet(bits: 0x03FF_6800_0000_0000, 0x07FF_FFFE_07FF_FFFE) }
    /// Everything up to the path, query, fragment or whitespace. (every byte but / ? # and whitespace)
    private static var authorityBytes: ByteSet {
        ByteSet(bits: 0x7FFF_7FF6_FFFF_C1FF, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF)
    }
    /// every byte but @ : [ ] and whitespace
    private static var userBytes: ByteSet {
        ByteSet(bits: 0xFBFF_FFFE_FFFF_C1FF, 0xFFFF_FFFF_D7FF_FFFE, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF)
    }
    /// `A-Za-z0-9.-`
    private static var hostBytes: ByteSet { ByteSet(bits: 0x03FF_6000_0000_0000, 0x07FF_FFFE_07FF_FFFE) }
    /// `A-Za-z0-9_@/.+=-`
    private static var pathBytes: ByteSet { ByteSet(bits: 0x23FF_E800_0000_0000, 0x07FF_FFFE_87FF_FFFF) }
    private static let teamsHost: StaticString = ".webhook.office.com"
}
