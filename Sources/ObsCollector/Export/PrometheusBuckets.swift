/// The classic bucket layout of `obsbridge_call_duration_seconds`, and the error bound it gives
/// Prometheus' `histogram_quantile`.
///
/// Layout: 39 finite upper bounds from 10 ns to 58,111 ns (about 58 µs) plus `+Inf`, 40 buckets
/// per operation. Each bound is the largest histogram bucket edge (so the cumulative count is
/// exact) at or below `1.25 × (previous + 1)`.
///
/// Bound: `histogram_quantile` interpolates linearly inside the bucket `(a, b]` that holds the
/// rank, and the exact value `v` is a whole number of nanoseconds in that bucket, so
/// `|estimate − v| / v ≤ (b − a − 1) / (a + 1) ≤ 25 %` for every quantile whose exact value lies
/// in `(10 ns, 58,111 ns]` (``interpolationErrorBound``, computed from the bounds). Outside that
/// range the bound does not hold: a value of at most 10 ns is estimated in `(0, 10 ns]`, and a
/// value above the last bound reads as the last bound (Prometheus' rule for the `+Inf` bucket),
/// which then means "at least 58 µs". Covering 10 ns to 1 s at 25 % would need 83 buckets; the
/// exact per-process quantiles (`obsbridge_recent_call_duration_seconds`) and the OTLP
/// exponential histogram have no such range limit.
public enum PrometheusBuckets {
    /// Finite buckets per operation (the `+Inf` bucket comes on top): 39.
    public static let finiteBucketCount = 39
    /// The largest step between two bounds, before rounding down to a histogram bucket edge.
    public static let ratio = 1.25
    /// The first upper bound, in nanoseconds.
    public static let lowestBound: UInt64 = 10

    /// The finite upper bounds: `le` as written (seconds, shortest exact decimal) and in nanoseconds.
    public static let bounds: [(label: String, nanoseconds: UInt64)] = {
        var nanoseconds: [UInt64] = [lowestBound]
        while nanoseconds.count < finiteBucketCount {
            let target = UInt64((ratio * Double(nanoseconds[nanoseconds.count - 1] + 1)).rounded(.down))
            nanoseconds.append(edge(atOrBelow: target))
        }
        return nanoseconds.map { (label(forNanoseconds: $0), $0) }
    }()

    /// The worst-case relative error of `histogram_quantile` against the exact value, for exact
    /// values in `(lowestBound, highest bound]`: the largest `(b − a − 1) / (a + 1)` over adjacent
    /// bounds `a < b` (at most 0.25).
    public static let interpolationErrorBound: Double =
        zip(bounds, bounds.dropFirst()).map { lower, upper in
            Double(upper.nanoseconds - lower.nanoseconds - 1) / Double(lower.nanoseconds + 1)
        }.max() ?? 0

    /// The largest value at or below `value` that ends a histogram bucket, so that
    /// `LatencyHistogram.count(atOrBelow:)` is exact there.
    static func edge(atOrBelow value: UInt64) -> UInt64 {
        guard let bucket = LatencyHistogram.bucketBounds(containing: value) else {
            return LatencyHistogram.highestTrackableValue
        }
        return bucket.upperBound == value ? value : bucket.lowerBound - 1
    }

    /// Nanoseconds as seconds in the shortest exact decimal form (`58111` → `0.000058111`).
    static func label(forNanoseconds nanoseconds: UInt64) -> String {
        var text = PrometheusText.seconds(nanoseconds)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
