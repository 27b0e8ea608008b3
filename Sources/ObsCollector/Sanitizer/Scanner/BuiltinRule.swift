/// The standard rules, as the one-pass scanner knows them: each case is one `SanitizerRule` of
/// `Sanitizer.standardRules`, with the same name and label.
enum BuiltinRule: UInt8, CaseIterable, Sendable {
    case privateKey, jwt, credentials, webhookURL, authorization
    case awsAccessKey, githubToken, gitlabToken, slackToken, stripeKey, googleAPIKey, aiAPIKey, vendorToken
    case awsSecretKey, password, secret, token, apiKey, genericSecret, cookie
    case email, iban, card, imei, ssn, mac, ipv6, ipv4, user

    /// The rule's name, which is also its label without brackets.
    var name: String {
        switch self {
        case .privateKey: "private-key"
        case .jwt: "jwt"
        case .credentials: "credentials"
        case .webhookURL: "webhook-url"
        case .authorization: "authorization"
        case .awsAccessKey: "aws-access-key"
        case .githubToken: "github-token"
        case .gitlabToken: "gitlab-token"
        case .slackToken: "slack-token"
        case .stripeKey: "stripe-key"
        case .googleAPIKey: "google-api-key"
        case .aiAPIKey: "ai-api-key"
        case .vendorToken: "vendor-token"
        case .awsSecretKey: "aws-secret-key"
        case .password: "password"
        case .secret: "secret"
        case .token: "token"
        case .apiKey: "api-key"
        case .genericSecret: "generic-secret"
        case .cookie: "cookie"
        case .email: "email"
        case .iban: "iban"
        case .card: "card"
        case .imei: "imei"
        case .ssn: "ssn"
        case .mac: "mac"
        case .ipv6: "ipv6"
        case .ipv4: "ipv4"
        case .user: "user"
        }
    }

    /// The label's UTF-8 bytes, `[name]`.
    var labelBytes: [UInt8] { BuiltinRule.labels[Int(rawValue)] }

    private static let labels: [[UInt8]] = allCases.map { Array("[\($0.name)]".utf8) }
}

/// A set of built-in rules: the ones a sanitizer has enabled.
struct BuiltinRuleSet: Sendable, Equatable {
    private(set) var bits: UInt64 = 0

    /// The empty set.
    init() {}

    /// The set of `rules`.
    init(_ rules: some Sequence<BuiltinRule>) {
        for rule in rules { insert(rule) }
    }

    /// Adds `rule`.
    mutating func insert(_ rule: BuiltinRule) { bits |= 1 << UInt64(rule.rawValue) }

    /// Whether `rule` is in the set.
    @inline(__always)
    func contains(_ rule: BuiltinRule) -> Bool { bits & (1 << UInt64(rule.rawValue)) != 0 }

    /// Whether the set is empty.
    var isEmpty: Bool { bits == 0 }
}
