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

    private static let secretBytes = ByteSet("A-Za-z0-9_~.")
    private static let bodyBytes = ByteSet("A-Za-z0-9_~.-")
}
