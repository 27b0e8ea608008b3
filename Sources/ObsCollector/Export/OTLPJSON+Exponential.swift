import Foundation

/// Latency in OTLP metrics as an OpenTelemetry exponential histogram (`obsbridge.call.duration`).
///
/// Scale 6: bucket `i` holds `(base^i, base^(i+1)]` seconds with `base = 2^(2^-6) = 2^(1/64)`
/// (about 1.0109), the OTLP data model's upper-inclusive rule. Each of the collector's histogram
/// buckets goes whole into the exponential bucket holding its midpoint (its value, below 256 ns),
/// so the geometric middle of a bucket, `base^(i + 1/2)`, is within 0.54 % of that midpoint and
/// within 0.94 % of every value of the collector's bucket (1/256 more): quantiles computed from
/// the exported histogram stay within 1 % of the exact ones. Zero durations are `zeroCount`;
/// values beyond the histogram's range (2^42 ns) are counted in the bucket of the exact `max`.
///
/// Bucket count: one contiguous `positive` run from the smallest to the largest occupied bucket,
/// 64 per power of two, so at most 64 × 64 + 1 = 4,097 (values from 1 ns to 2^64 ns), and 64 per
/// factor of two the operation's latencies actually span (10 ns to 10 µs: 640).
enum ExponentialBuckets {
    /// The OTLP scale.
    static let scale = 6
    /// Buckets per power of two (2^scale).
    static let perOctave = 1 << scale

    /// The bucket index of a positive duration in nanoseconds, for durations in seconds:
    /// `ceil(log2(seconds) × 64) − 1`.
    static func index(ofNanoseconds nanoseconds: Double) -> Int {
        Int((log2(nanoseconds / 1e9) * Double(perOctave)).rounded(.up)) - 1
    }

    /// The zero count, the offset and the contiguous bucket counts of `histogram`.
    static func buckets(of histogram: LatencyHistogram) -> (zero: UInt64, offset: Int, counts: [UInt64]) {
        var zero: UInt64 = 0
        var byIndex: [(index: Int, count: UInt64)] = []
        for bucket in histogram.buckets {
            if bucket.upperBound == 0 {
                zero += bucket.count
                continue
            }
            let middle = (Double(bucket.lowerBound) + Double(bucket.upperBound)) / 2
            byIndex.append((index(ofNanoseconds: middle), bucket.count))
        }
        if histogram.overflowCount > 0 {
            byIndex.append((index(ofNanoseconds: Double(histogram.max)), histogram.overflowCount))
        }
        guard let first = byIndex.first?.index, let last = byIndex.last?.index else { return (zero, 0, []) }
        var counts = [UInt64](repeating: 0, count: last - first + 1)
        for entry in byIndex { counts[entry.index - first] &+= entry.count }
        return (zero, first, counts)
    }

}
