import ObsCollector
import Testing

/// Inputs built to make a scanner slow: long runs of the bytes rules look at, a window's worth and a
/// megabyte of each. Bounded in time (the suite's limit, not a speed assertion: the speed figures are
/// `obsbridge bench`'s), and each result stays bounded and free of control characters other than newline
/// and tab.
@Suite("Sanitizer on adversarial input")
struct SanitizerAdversarialTests {
    static let units = [
        "=", ":", ",", ">", "||", "@", "/", "\\", "-", ".", "~", "a=", "a:", "key=", "token:", "password=",
        "secret,", "api_key=a", "key=aB3", "x@y.", "a@", "://", "a://b@", "eyJ.", "eyJabcd.", "-----BEGIN ",
        "-----BEGIN PRIVATE KEY-----", "/home/", "\\Users\\", "1.", "1.2.3.", "255.", "1:", "::", "a:b:",
        "00:", "1-", "123-45-", "4111 ", "1234 ", "DE89", "DE89 ", "ghp_", "sk-", "sk-ant-", "glpat-", "xoxb-",
        "AKIA", "Q~", "1Q~", "Bearer ", "Basic ", "curl -u ", "hooks.slack.com/", "Authorization: ", "Cookie: ",
        "\"password\": \"", "<password>", "value=", "<add key=\"Password\" ", "https://a:", "%", "\t", "\n",
        "aaaaaaaa", "0123456789", "0x", "v1.0-", "pat", "s.", "A3-", "_mmk", ".atlasv1.",
    ]

    @Test(.timeLimit(.minutes(1)), arguments: units)
    func longRunsOfTriggerBytesAreLinearAndBounded(_ unit: String) {
        let window = String(repeating: unit, count: Sanitizer.inputWindowBytes / unit.utf8.count)
        let megabyte = String(repeating: unit, count: (1 << 20) / unit.utf8.count)
        let sanitizer = Sanitizer(maxLength: 1 << 20)
        let result = sanitizer.sanitize(window)
        #expect(result.text.count <= sanitizer.maxLength)
        #expect(!result.text.unicodeScalars.contains { TerminalText.needsEscape($0) && $0 != "\n" && $0 != "\t" })
        let big = Sanitizer.standard.sanitize(megabyte)
        #expect(big.truncated && big.text.count <= Sanitizer.standard.maxLength)
    }
}
