/// An error's identity for counting: the library's domain and code.
public struct ErrorKey: Sendable, Hashable, Codable, Comparable {
    /// The error domain, e.g. `"kv"`; `"panic"` for a caught panic.
    public var domain: String
    /// The code within the domain.
    public var code: Int32

    /// Creates a key.
    public init(domain: String, code: Int32) {
        self.domain = domain
        self.code = code
    }

    /// Orders by domain, then code.
    public static func < (lhs: ErrorKey, rhs: ErrorKey) -> Bool {
        (lhs.domain, lhs.code) < (rhs.domain, rhs.code)
    }
}
