// MARK: - Codable

/// A compact sparse form: only non-empty buckets are written, as `[index, count]` pairs in ascending order.
///
/// ```json
/// {"count":3,"sum":1700,"min":200,"max":1000,"overflow":0,"buckets":[[200,1],[371,1],[572,1]]}
/// ```
///
/// Bucket indexes are those of this layout (128 sub-buckets per power of two, exact below 256 ns, values up to
/// 2^42 − 1 ns); a histogram written by a different layout is not readable as this one. Decoding validates the
/// whole form and throws `DecodingError.dataCorrupted` on anything inconsistent: an index out of range or not
/// strictly ascending, a zero bucket count, bucket counts plus overflow not adding up to `count`, `min` or `max`
/// outside the first or last occupied bucket, `overflow` without a `max` beyond the trackable range, or a
/// non-empty `sum`/`min`/`max` for an empty histogram.
extension LatencyHistogram: Codable {
    private enum CodingKeys: String, CodingKey {
        case count, sum, min, max, overflow, buckets
    }

    /// Decodes and validates the sparse form.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError` when a field is missing or of the wrong type, or when the histogram is
    ///   inconsistent (see the extension's documentation).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let count = try container.decode(UInt64.self, forKey: .count)
        let sum = try container.decode(UInt64.self, forKey: .sum)
        let min = try container.decode(UInt64.self, forKey: .min)
        let max = try container.decode(UInt64.self, forKey: .max)
        let overflow = try container.decode(UInt64.self, forKey: .overflow)
        var pairs = try container.nestedUnkeyedContainer(forKey: .buckets)

        func corrupted(_ reason: String) -> DecodingError {
            DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: container.codingPath, debugDescription: "latency histogram: " + reason))
        }

        var histogram = LatencyHistogram()
        var bucketTotal: UInt64 = 0
        var previousIndex = -1
        while !pairs.isAtEnd {
            var pair = try pairs.nestedUnkeyedContainer()
            let index = try pair.decode(Int.self)
            let bucketCount = try pair.decode(UInt64.self)
            guard pair.isAtEnd else { throw corrupted("a bucket must be an [index, count] pair") }
            guard index >= 0, index < Self.bucketCount else {
                throw corrupted("bucket index \(index) outside 0..<\(Self.bucketCount)")
            }
            guard index > previousIndex else { throw corrupted("bucket indexes must be strictly ascending") }
            guard bucketCount > 0 else { throw corrupted("bucket \(index) has a zero count") }
            let (total, overflowed) = bucketTotal.addingReportingOverflow(bucketCount)
            guard !overflowed else { throw corrupted("bucket counts overflow") }
            bucketTotal = total
            histogram.counts[index] = bucketCount
            previousIndex = index
        }
        let (expected, overflowed) = bucketTotal.addingReportingOverflow(overflow)
        guard !overflowed, expected == count else {
            throw corrupted("bucket counts plus overflow must equal count \(count)")
        }

        if count == 0 {
            guard sum == 0, min == 0, max == 0 else {
                throw corrupted("an empty histogram must have zero sum, min and max")
            }
        } else {
            guard min <= max else { throw corrupted("min \(min) exceeds max \(max)") }
            let firstIndex = histogram.counts.firstIndex { $0 != 0 }
            let lastIndex = histogram.counts.lastIndex { $0 != 0 }
            if let firstIndex {
                guard Self.bounds(ofBucket: firstIndex).contains(min) else {
                    throw corrupted("min \(min) is not in the first occupied bucket")
                }
            } else {
                guard min > Self.highestTrackableValue else { throw corrupted("min \(min) has no bucket") }
            }
            if overflow > 0 {
                guard max > Self.highestTrackableValue else {
                    throw corrupted("overflow \(overflow) requires max above \(Self.highestTrackableValue)")
                }
            } else if let lastIndex {
                guard Self.bounds(ofBucket: lastIndex).contains(max) else {
                    throw corrupted("max \(max) is not in the last occupied bucket")
                }
            }
        }
        histogram.count = count
        histogram.sum = sum
        histogram.minimum = count == 0 ? .max : min
        histogram.max = max
        histogram.overflowCount = overflow
        self = histogram
    }

    /// Encodes the sparse form.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(sum, forKey: .sum)
        try container.encode(min, forKey: .min)
        try container.encode(max, forKey: .max)
        try container.encode(overflowCount, forKey: .overflow)
        var pairs = container.nestedUnkeyedContainer(forKey: .buckets)
        for index in 0..<Self.bucketCount where counts[index] != 0 {
            var pair = pairs.nestedUnkeyedContainer()
            try pair.encode(index)
            try pair.encode(counts[index])
        }
    }
}
