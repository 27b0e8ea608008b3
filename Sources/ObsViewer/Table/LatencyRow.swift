public import ObsCollector

/// One operation's line in a latency table: counts and quantiles in nanoseconds.
public struct LatencyRow: Sendable, Hashable, Codable {
    /// The operation's name (neutralized for terminals).
    public var name: String
    /// Calls seen.
    public var count: UInt64
    /// Calls that failed.
    public var errors: UInt64
    /// Quantiles and maximum, in nanoseconds.
    public var p50Ns, p90Ns, p99Ns, p999Ns, maxNs: UInt64
    /// What produced the spans: calls are boundary spans; child and Swift spans are shown apart.
    public var kind: SpanKind

    enum CodingKeys: String, CodingKey {
        case name, count, errors, p50Ns = "p50_ns", p90Ns = "p90_ns", p99Ns = "p99_ns"
        case p999Ns = "p999_ns", maxNs = "max_ns", kind
    }

    /// The row for a histogram.
    public init(name: String, errors: UInt64, histogram: LatencyHistogram, kind: SpanKind = .boundary) {
        self.name = TerminalText.neutralize(name)
        self.kind = kind
        self.count = histogram.count
        self.errors = errors
        self.p50Ns = histogram.quantile(0.5)
        self.p90Ns = histogram.quantile(0.9)
        self.p99Ns = histogram.quantile(0.99)
        self.p999Ns = histogram.quantile(0.999)
        self.maxNs = histogram.max
    }
}
