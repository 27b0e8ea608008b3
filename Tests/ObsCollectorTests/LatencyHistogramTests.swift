import Foundation
import ObsCollector
import ObsTestSupport
import Testing

@Suite("LatencyHistogram")
struct LatencyHistogramTests {
    static let quantiles: [Double] = [0, 0.5, 0.9, 0.99, 0.999, 1]
    static let seeds = SplitMix64.seeds([0x5EED_0001, 0x5EED_0002, 0x5EED_0003, 0xDEAD_BEEF])

    /// A latency distribution to draw samples from.
    enum Distribution: String, CaseIterable, CustomStringConvertible {
        case uniformSmall, uniformWide, logNormal, bimodal, pareto

        var description: String { rawValue }

        func sample(_ random: inout SplitMix64) -> UInt64 {
            switch self {
            case .uniformSmall:  // covers the exact region and the first sub-bucketed powers of two
                return random.next() % 5_000
            case .uniformWide:  // 1 ns ... 1 hour
                return 1 + random.next() % 3_600_000_000_000
            case .logNormal:  // median 1 ms, sigma 1.5
                return UInt64(exp(log(1e6) + 1.5 * random.nextGaussian()).rounded())
            case .bimodal:  // 70 % fast cache hits around 40 µs, 30 % slow misses around 20 ms
                let fast = random.next() % 10 < 7
                return UInt64(exp(log(fast ? 40e3 : 20e6) + 0.25 * random.nextGaussian()).rounded())
            case .pareto:  // heavy tail: x_m = 10 µs, alpha = 1.2
                return UInt64(min(10e3 / pow(random.nextUnitInterval(), 1 / 1.2), 1e15))
            }
        }
    }

    /// The exact nearest-rank quantile: the smallest value with at least ceil(q × n) values at or below it.
    static func exactQuantile(_ sorted: [UInt64], _ q: Double) -> UInt64 {
        let rank = min(sorted.count, max(1, Int((q * Double(sorted.count)).rounded(.up))))
        return sorted[rank - 1]
    }

    static func histogram(of values: [UInt64]) -> LatencyHistogram {
        var histogram = LatencyHistogram()
        for value in values { histogram.record(value) }
        return histogram
    }

    @Test(arguments: Distribution.allCases)
    func quantilesStayWithinTheErrorBound(_ distribution: Distribution) {
        for seed in Self.seeds {
            var random = SplitMix64(seed: seed)
            let values = (0..<20_000).map { _ in distribution.sample(&random) }
            let histogram = Self.histogram(of: values)
            let sorted = values.sorted()
            #expect(histogram.count == UInt64(values.count), "seed \(seed)")
            for q in Self.quantiles {
                let exact = Self.exactQuantile(sorted, q)
                let estimate = histogram.quantile(q)
                let error = exact == 0 ? Double(estimate) : abs(Double(estimate) - Double(exact)) / Double(exact)
                #expect(
                    error <= LatencyHistogram.relativeErrorBound,
                    "\(distribution) seed \(seed) q \(q): exact \(exact), estimate \(estimate), error \(error)")
                #expect(error <= 0.01, "\(distribution) seed \(seed) q \(q)")
            }
            #expect(histogram.quantile(0) == sorted.first && histogram.quantile(1) == sorted.last, "seed \(seed)")
            #expect(histogram.min == sorted.first && histogram.max == sorted.last, "seed \(seed)")
        }
    }

    @Test func smallValuesAreExact() {
        var histogram = LatencyHistogram()
        for value in [0, 1, 2, 3, 100, 255] as [UInt64] { histogram.record(value) }
        #expect(histogram.buckets.map(\.lowerBound) == [0, 1, 2, 3, 100, 255])
        #expect(histogram.buckets.allSatisfy { $0.lowerBound == $0.upperBound && $0.count == 1 })
        #expect(histogram.quantile(0.5) == 2)  // rank ceil(0.5 × 6) = 3 → third smallest
        #expect(histogram.quantile(0.9) == 255)  // rank ceil(5.4) = 6
    }

    @Test func emptyHistogramReportsZeros() {
        let histogram = LatencyHistogram()
        #expect(histogram.count == 0 && histogram.sum == 0 && histogram.min == 0 && histogram.max == 0)
        #expect(histogram.quantile(0.5) == 0)
        #expect(histogram.count(atOrBelow: .max) == 0)
        #expect(histogram.buckets.isEmpty)
        #expect(histogram.isEmpty)
    }

    @Test func quantileArgumentIsClamped() {
        var histogram = LatencyHistogram()
        for value in [10, 20, 30] as [UInt64] { histogram.record(value) }
        #expect(histogram.quantile(-1) == 10)
        #expect(histogram.quantile(.nan) == 10)
        #expect(histogram.quantile(7) == 30)
        #expect(histogram.quantile(.infinity) == 30)
    }

    @Test func overflowIsCountedNeverDropped() {
        var histogram = LatencyHistogram()
        let huge = LatencyHistogram.highestTrackableValue + 1
        histogram.record(1_000)
        histogram.record(huge)
        histogram.record(.max)
        #expect(histogram.count == 3)
        #expect(histogram.overflowCount == 2)
        #expect(histogram.max == .max)
        #expect(histogram.sum == .max)  // saturated, not wrapped
        #expect(histogram.buckets.map(\.count).reduce(0, +) == 1)
        #expect(histogram.quantile(0.5) == .max)  // rank 2 falls among overflowed values
        #expect(histogram.quantile(0.3) == 1_000)
        #expect(histogram.count(atOrBelow: LatencyHistogram.highestTrackableValue) == 1)
        #expect(histogram.count(atOrBelow: .max) == 3)
        #expect(LatencyHistogram.highestTrackableValue >= 3_600_000_000_000)  // at least one hour
    }

    @Test func sumSaturates() {
        var histogram = LatencyHistogram()
        histogram.record(.max - 1)
        histogram.record(2)
        #expect(histogram.sum == .max)
        var repeated = LatencyHistogram()
        repeated.record(1 << 40, count: 1 << 30)
        #expect(repeated.sum == .max)
    }

    @Test func recordWithCountEqualsRepeatedRecords() {
        for seed in Self.seeds {
            var random = SplitMix64(seed: seed)
            var batched = LatencyHistogram()
            var single = LatencyHistogram()
            for _ in 0..<200 {
                let value = Distribution.logNormal.sample(&random)
                let times = random.next() % 5
                batched.record(value, count: times)
                for _ in 0..<times { single.record(value) }
            }
            #expect(batched == single, "seed \(seed)")
        }
    }

    @Test(arguments: Distribution.allCases)
    func mergeEqualsRecordingTheUnion(_ distribution: Distribution) {
        for seed in Self.seeds {
            var random = SplitMix64(seed: seed)
            let first = (0..<3_000).map { _ in distribution.sample(&random) }
            let second =
                (0..<1_000).map { _ in distribution.sample(&random) } + [LatencyHistogram.highestTrackableValue + 5]
            var merged = Self.histogram(of: first)
            merged.merge(Self.histogram(of: second))
            #expect(merged == Self.histogram(of: first + second), "\(distribution) seed \(seed)")
            var fromEmpty = LatencyHistogram()
            fromEmpty.merge(merged)
            #expect(fromEmpty == merged, "\(distribution) seed \(seed)")
            merged.merge(LatencyHistogram())
            #expect(merged == fromEmpty, "\(distribution) seed \(seed)")
        }
    }

    @Test func resetForgetsEverything() {
        var histogram = Self.histogram(of: [5, 50_000, LatencyHistogram.highestTrackableValue + 1])
        histogram.reset()
        #expect(histogram == LatencyHistogram())
    }

    @Test(arguments: Distribution.allCases)
    func countAtOrBelowIsMonotoneBoundedAndMatchesItsResolution(_ distribution: Distribution) throws {
        for seed in Self.seeds {
            var random = SplitMix64(seed: seed)
            let values = (0..<5_000).map { _ in distribution.sample(&random) }
            let histogram = Self.histogram(of: values)
            let maximum = try #require(values.max())
            var bounds =
                (0..<400).map { _ in distribution.sample(&random) } + [0, 1, 255, 256, maximum - 1, maximum, .max]
            bounds.sort()
            var previous: UInt64 = 0
            for bound in bounds {
                let cumulative = histogram.count(atOrBelow: bound)
                #expect(
                    cumulative >= previous && cumulative <= histogram.count, "\(distribution) seed \(seed) le \(bound)")
                // Documented resolution: every value whose whole bucket lies at or below the bound, or all at max.
                let expected =
                    bound >= maximum
                    ? values.count
                    : values.filter { value in
                        guard let bucket = LatencyHistogram.bucketBounds(containing: value) else { return false }
                        return bucket.upperBound <= bound
                    }.count
                #expect(cumulative == UInt64(expected), "\(distribution) seed \(seed) le \(bound)")
                #expect(
                    cumulative <= UInt64(values.filter { $0 <= bound }.count),
                    "\(distribution) seed \(seed) le \(bound)")
                previous = cumulative
            }
        }
    }

    @Test func bucketsTileTheTrackableRangeWithBoundedWidth() throws {
        var lower: UInt64 = 0
        var buckets = 0
        while lower <= LatencyHistogram.highestTrackableValue {
            let bounds = try #require(LatencyHistogram.bucketBounds(containing: lower))
            #expect(bounds.lowerBound == lower)
            let width = bounds.upperBound - bounds.lowerBound + 1
            #expect(
                Double(width - 1) / 2 <= Double(max(lower, 1)) * LatencyHistogram.relativeErrorBound,
                "bucket at \(lower)")
            #expect(LatencyHistogram.bucketBounds(containing: bounds.upperBound)?.lowerBound == lower)
            buckets += 1
            lower = bounds.upperBound + 1
        }
        #expect(buckets == LatencyHistogram.bucketCount)
        #expect(lower - 1 == LatencyHistogram.highestTrackableValue)
        #expect(LatencyHistogram.bucketBounds(containing: LatencyHistogram.highestTrackableValue + 1) == nil)
    }

    @Test func bucketsListNonEmptyBucketsAscending() {
        for seed in Self.seeds {
            var random = SplitMix64(seed: seed)
            let values = (0..<2_000).map { _ in Distribution.bimodal.sample(&random) }
            let histogram = Self.histogram(of: values)
            let buckets = histogram.buckets
            #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound }, "seed \(seed)")
            #expect(buckets.allSatisfy { $0.count > 0 }, "seed \(seed)")
            #expect(buckets.map(\.count).reduce(0, +) == histogram.count - histogram.overflowCount, "seed \(seed)")
            for bucket in buckets {
                let inside = values.filter { $0 >= bucket.lowerBound && $0 <= bucket.upperBound }.count
                #expect(UInt64(inside) == bucket.count, "seed \(seed) bucket \(bucket.lowerBound)")
            }
        }
    }

    @Test func rankIsTheNearestRank() {
        #expect(LatencyHistogram.rank(of: 0, count: 10) == 1)
        #expect(LatencyHistogram.rank(of: 0.5, count: 10) == 5)
        #expect(LatencyHistogram.rank(of: 0.51, count: 10) == 6)
        #expect(LatencyHistogram.rank(of: 1, count: 10) == 10)
        #expect(LatencyHistogram.rank(of: 1, count: .max) == .max)
    }

    @Test func benchmarkHelperReturnsAPositiveFiniteCost() {
        let cost = LatencyHistogram.benchmarkRecord(iterations: 10_000)
        #expect(cost.isFinite && cost > 0)
    }
}
