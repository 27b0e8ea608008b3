/// Microsoft Entra ID (Azure AD) client secrets: three characters, a digit, `Q~`, then 31–34 characters
/// of `A-Za-z0-9_~.-`. Their marker is inside, so the rule looks from the `~`.
extension RuleScan {
    mutating func azureSecretMatch(tildeAt tilde: Int) -> ScanMatch? {
        guard enabled.contains(.vendorToken), text[tilde - 1] == UInt8(ascii: "Q"),
            ByteSet.digit.contains(text[tilde - 2])
        else { return nil }
        let start = tilde - 5
        guard start >= floor, (start..<(tilde - 2)).allSatisfy({ Self.secretBytes.contains(text[$0]) }),
            !Self.secretBytes.contains(text[start - 1])
        else { return nil }
        let end = text.runEnd(from: tilde + 1, in: Self.bodyBytes, limit: 40)
        guard (31...34).contains(end - tilde - 1) else { return nil }
        return ScanMatch(start: start, end: end, rule: .vendorToken)
    }

    /// `A-Za-z0-9_~.`

    private static var secretBytes: ByteSet { ByteSet(bits: 0x03FF_4000_0000_0000, 0x47FF_FFFE_87FF_FFFE) }
    /// `A-Za-z0-9_~.-`
    private static var bodyBytes: ByteSet { ByteSet(bits: 0x03FF_6000_0000_0000, 0x47FF_FFFE_87FF_FFFE) }
}
