import Foundation

/// A fixed-memory latency histogram over nanoseconds with log-linear buckets and a bounded relative error.
///
/// Layout: values below 256 ns each have their own bucket (exact). Above that, every power-of-two range
/// `[2^e, 2^(e+1))` is split into 128 equal sub-buckets, so a bucket is at most 1/128 of its lower bound wide and
/// reporting a bucket's midpoint is within `relativeErrorBound` (1/256, about 0.39 %) of any value in it. The
/// range ends at `highestTrackableValue` (2^42 − 1 ns, about 73 minutes) and needs 4,608 counters (36 KiB) per
/// histogram, whatever is recorded. Larger values are counted in `overflowCount` and reflected in `max` and
/// `sum`; nothing recorded is ever dropped from `count`.
///
/// `record` is a handful of instructions: a `leadingZeroBitCount`, a shift, one counter increment and the
/// count/sum/min/max updates. The counters live in a `ContiguousArray`, which is mutated in place as long as the
/// histogram is uniquely referenced — true for a histogram stored in a variable, a class, or an element of an
/// array mutated through its subscript (`stats[i].histogram.record(ns)`).
///
/// Quantiles use the nearest-rank definition; see `quantile(_:)`.
public struct LatencyHistogram: Sendable, Equatable {
    /// log2 of the number of sub-buckets per power-of-two range.
    static let subBucketBits = 7
    /// The number of sub-buckets per power-of-two range (128).
    static let subBucketCount = 1 << subBucketBits
    /// Values below this many nanoseconds are recorded exactly (256).
    static let exactLimit: UInt64 = 2 << subBucketBits
    /// Values up to `2^trackableBits − 1` are bucketed; larger ones overflow.
    static let trackableBits = 42
    /// The number of buckets (4,608): 256 exact ones, then 128 per further power of two up to 2^42.
    public static let bucketCount = (trackableBits - subBucketBits) * subBucketCount + subBucketCount

    /// The largest value that lands in a bucket (2^42 − 1 ns, about 73 minutes); larger values overflow.
    public static let highestTrackableValue: UInt64 = (1 << UInt64(trackableBits)) - 1

    /// The largest relative error of a reported bucket midpoint against any value in the bucket: 1/256.
    public static let relativeErrorBound: Double = 1.0 / Double(2 << subBucketBits)

    /// Per-bucket counts, indexed by `index(of:)`.
    var counts: ContiguousArray<UInt64>
    /// The smallest recorded value, or `UInt64.max` when empty.
    var minimum: UInt64

    /// How many values were recorded, overflow included.
    public internal(set) var count: UInt64
    /// How many recorded values exceeded `highestTrackableValue`.
    public internal(set) var overflowCount: UInt64
    /// The sum of all recorded values, saturating at `UInt64.max` instead of wrapping.
    public internal(set) var sum: UInt64
    /// The largest recorded value, exact even when it overflowed; 0 when empty.
    public internal(set) var max: UInt64

    /// Creates an empty histogram (allocates its 36 KiB of counters now, never later).
    public init() {
        counts = ContiguousArray(repeating: 0, count: Self.bucketCount)
        minimum = .max
        count = 0
        overflowCount = 0
        sum = 0
        max = 0
    }

    /// The smallest recorded value, exact; 0 when empty.
    public var min: UInt64 { count == 0 ? 0 : minimum }

    /// Whether nothing has been recorded.
    public var isEmpty: Bool { count == 0 }

    // MARK: - Recording

    /// Records one value.
    ///
    /// - Parameter nanoseconds: The latency; values above `highestTrackableValue` are counted as overflow.
    @inline(__always)
    public mutating func record(_ nanoseconds: UInt64) {
        count &+= 1
        let (total, overflowed) = sum.addingReportingOverflow(nanoseconds)
        sum = overflowed ? .max : total
        if nanoseconds < minimum { minimum = nanoseconds }
        if nanoseconds > max { max = nanoseconds }
        if nanoseconds <= Self.highestTrackableValue {
            let index = Self.index(of: nanoseconds)
            counts[index] &+= 1
        } else {
            overflowCount &+= 1
        }
    }

    /// Records the same value several times, as if `record(_:)` were called `count` times.
    ///
    /// - Parameters:
    ///   - nanoseconds: The latency.
    ///   - count: How many times it occurred; 0 records nothing.
    public mutating func record(_ nanoseconds: UInt64, count: UInt64) {
        guard count > 0 else { return }
        self.count &+= count
        let (product, productOverflowed) = nanoseconds.multipliedReportingOverflow(by: count)
        let (total, sumOverflowed) = sum.addingReportingOverflow(product)
        sum = productOverflowed || sumOverflowed ? .max : total
        if nanoseconds < minimum { minimum = nanoseconds }
        if nanoseconds > max { max = nanoseconds }
        if nanoseconds <= Self.highestTrackableValue {
            counts[Self.index(of: nanoseconds)] &+= count
        } else {
            overflowCount &+= count
        }
    }

    /// Adds every value recorded in `other` to this histogram.
    ///
    /// The result equals the histogram of the union of both recordings, bucket for bucket.
    ///
    /// - Parameter other: The histogram to add.
    public mutating func merge(_ other: LatencyHistogram) {
        guard other.count > 0 else { return }
        count &+= other.count
        overflowCount &+= other.overflowCount
        let (total, overflowed) = sum.addingReportingOverflow(other.sum)
        sum = overflowed ? .max : total
        minimum = Swift.min(minimum, other.minimum)
        max = Swift.max(max, other.max)
        counts.withUnsafeMutableBufferPointer { mine in
            other.counts.withUnsafeBufferPointer { theirs in
                for index in 0..<Self.bucketCount { mine[index] &+= theirs[index] }
            }
        }
    }

    /// Forgets everything recorded, keeping the allocated counters.
    public mutating func reset() {
        counts.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        minimum = .max
        count = 0
        overflowCount = 0
        sum = 0
        max = 0
    }

    // MARK: - Reading

    /// The nearest-rank quantile, approximated to within `relativeErrorBound`.
    ///
    /// The exact answer is the smallest recorded value `v` such that at least `ceil(q × count)` values are
    /// `<= v` (with the rank at least 1, so `q = 0` asks for the minimum). This returns the midpoint of the bucket
    /// holding that value, clamped to `[min, max]`. Ranks 1 and `count` return the exact `min` and `max` (so
    /// `quantile(0) == min` and `quantile(1) == max`), and a rank that falls among overflowed values returns `max`.
    ///
    /// - Parameter q: The quantile; clamped to `[0, 1]`, NaN treated as 0.
    /// - Returns: The approximate value, or 0 when the histogram is empty.
    public func quantile(_ q: Double) -> UInt64 {
        guard count > 0 else { return 0 }
        let rank = Self.rank(of: q, count: count)
        if rank == 1 { return min }  // the smallest value is known exactly
        if rank == count || rank > count - overflowCount { return max }  // so is the largest
        var seen: UInt64 = 0
        return counts.withUnsafeBufferPointer { counts in
            for index in 0..<Self.bucketCount where counts[index] != 0 {
                seen += counts[index]
                if seen >= rank {
                    let bounds = Self.bounds(ofBucket: index)
                    let midpoint = bounds.lowerBound + (bounds.upperBound - bounds.lowerBound) / 2
                    return Swift.min(Swift.max(midpoint, minimum), max)
                }
            }
            return max  // unreachable while counts add up to count - overflowCount
        }
    }

    /// The 1-based nearest rank for a quantile: `ceil(q × count)`, at least 1 and at most `count`.
    ///
    /// - Parameters:
    ///   - q: The quantile; clamped to `[0, 1]`, NaN treated as 0.
    ///   - count: The number of recorded values; must be positive.
    /// - Returns: The rank of the value the quantile asks for.
    public static func rank(of q: Double, count: UInt64) -> UInt64 {
        let clamped = q.isNaN ? 0 : Swift.min(Swift.max(q, 0), 1)
        let product = (clamped * Double(count)).rounded(.up)
        guard product < Double(count) else { return count }  // also avoids converting 2^64
        return Swift.max(1, UInt64(product))
    }

    /// How many recorded values certainly lie at or below a bound, for cumulative (`le`) buckets.
    ///
    /// Counts every bucket whose whole range is `<= nanoseconds`. Resolution: exact below 256 ns, exact when
    /// `nanoseconds` is a bucket's upper bound (see `bucketBounds(containing:)`), and exact at or above `max`
    /// (where it returns `count`, overflow included); otherwise it leaves out the values of the one bucket that
    /// straddles the bound, a bucket no wider than 1/128 of the bound. The result never decreases as the bound
    /// grows and never exceeds `count`.
    ///
    /// - Parameter nanoseconds: The inclusive upper bound.
    /// - Returns: The cumulative count.
    public func count(atOrBelow nanoseconds: UInt64) -> UInt64 {
        guard count > 0 else { return 0 }
        if nanoseconds >= max { return count }
        let limit: Int
        if nanoseconds > Self.highestTrackableValue {
            limit = Self.bucketCount
        } else {
            let index = Self.index(of: nanoseconds)
            limit = Self.bounds(ofBucket: index).upperBound == nanoseconds ? index + 1 : index
        }
        return counts.withUnsafeBufferPointer { counts in
            var total: UInt64 = 0
            for index in 0..<limit { total &+= counts[index] }
            return total
        }
    }

    /// The non-empty buckets in ascending order, with inclusive bounds; overflowed values are not included.
    public var buckets: [(lowerBound: UInt64, upperBound: UInt64, count: UInt64)] {
        var result: [(lowerBound: UInt64, upperBound: UInt64, count: UInt64)] = []
        for index in 0..<Self.bucketCount where counts[index] != 0 {
            let bounds = Self.bounds(ofBucket: index)
            result.append((bounds.lowerBound, bounds.upperBound, counts[index]))
        }
        return result
    }

    /// The inclusive bounds of the bucket a value falls in.
    ///
    /// Useful for choosing cumulative bounds that `count(atOrBelow:)` reports exactly.
    ///
    /// - Parameter value: A value no larger than `highestTrackableValue`.
    /// - Returns: The bucket's bounds, or `nil` for a value that would overflow.
    public static func bucketBounds(containing value: UInt64) -> (lowerBound: UInt64, upperBound: UInt64)? {
        guard value <= highestTrackableValue else { return nil }
        let bounds = bounds(ofBucket: index(of: value))
        return (bounds.lowerBound, bounds.upperBound)
    }

    // MARK: - Bucket arithmetic

    /// The bucket index of a trackable value.
    @inline(__always)
    static func index(of value: UInt64) -> Int {
        let exponent = 63 &- (value | 1).leadingZeroBitCount  // floor(log2(value)), 0 for 0
        let shift = Swift.max(exponent &- subBucketBits, 0)
        return (shift &<< subBucketBits) &+ Int(truncatingIfNeeded: value &>> UInt64(shift))
    }

    /// The inclusive bounds of the bucket at `index`.
    static func bounds(ofBucket index: Int) -> ClosedRange<UInt64> {
        if index < Int(exactLimit) { return UInt64(index)...UInt64(index) }
        let shift = (index >> subBucketBits) - 1
        let mantissa = UInt64(index & (subBucketCount - 1) + subBucketCount)
        let lower = mantissa << UInt64(shift)
        return lower...(lower + (1 << UInt64(shift)) - 1)
    }

    // MARK: - Measurement

    /// Measures `record(_:)` and returns the mean cost in nanoseconds per call.
    ///
    /// Records `iterations` values drawn from a fixed table of 4,096 latencies spread log-uniformly between 100 ns
    /// and 13 ms, so the bucket index varies as it does in real use. Meaningful only in a release build; used by
    /// `obsbridge bench`, never by a test.
    ///
    /// - Parameter iterations: How many values to record; at least 1.
    /// - Returns: Nanoseconds per `record` call.
    package static func benchmarkRecord(iterations: Int) -> Double {
        var random = SplitMix64(seed: 0)
        let table: [UInt64] = (0..<4096).map { _ in
            let z = random.next()
            let base = UInt64(100) << (z % 17)  // [100 ns, 13 ms), one power of two at a time
            return base + (z >> 32) % base
        }
        var histogram = LatencyHistogram()
        let iterations = Swift.max(1, iterations)
        let start = ContinuousClock.now
        table.withUnsafeBufferPointer { values in
            for i in 0..<iterations { histogram.record(values[i & 4095]) }
        }
        let elapsed = ContinuousClock.now - start
        keepAlive(histogram)
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        return nanoseconds / Double(iterations)
    }

    /// Keeps the optimizer from discarding benchmark work whose result is otherwise unused.
    @inline(never) @_optimize(none)
    private static func keepAlive(_ histogram: LatencyHistogram) {
        if histogram.quantile(0.5) == UInt64.max { print(histogram.sum) }
    }
}
