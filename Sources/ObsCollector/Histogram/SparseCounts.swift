/// The non-empty buckets of a ``LatencyHistogram`` with its count, overflow and sum: a past state
/// or a difference of two states, in 10 bytes per non-empty bucket instead of 36 KiB.
struct SparseCounts: Sendable, Equatable {
    /// Bucket indexes (below `LatencyHistogram.bucketCount`, which fits 16 bits), ascending.
    var indices: ContiguousArray<UInt16> = []
    /// The count of the bucket at the same position in `indices`; never 0.
    var counts: ContiguousArray<UInt64> = []
    /// Values counted, overflow included.
    var count: UInt64 = 0
    /// Values above `LatencyHistogram.highestTrackableValue`.
    var overflow: UInt64 = 0
    /// The values' sum, saturating.
    var sum: UInt64 = 0

    /// No values.
    init() {}

    /// `histogram` minus `base`, bucket by bucket; `base` must be an earlier state of `histogram`
    /// (every count of `base` at most `histogram`'s).
    init(_ histogram: LatencyHistogram, minus base: SparseCounts = SparseCounts()) {
        var position = 0
        histogram.counts.withUnsafeBufferPointer { buckets in
            for index in 0..<LatencyHistogram.bucketCount where buckets[index] != 0 {
                var value = buckets[index]
                if position < base.indices.count, Int(base.indices[position]) == index {
                    value &-= base.counts[position]
                    position += 1
                }
                if value != 0 {
                    indices.append(UInt16(index))
                    counts.append(value)
                }
            }
        }
        count = histogram.count &- base.count
        overflow = histogram.overflowCount &- base.overflow
        sum = histogram.sum == .max ? .max : histogram.sum &- base.sum
    }

    /// Adds these counts to `histogram` (its `min` and `max` are left to the caller).
    func add(to histogram: inout LatencyHistogram) {
        for position in indices.indices {
            histogram.counts[Int(indices[position])] &+= counts[position]
        }
        histogram.count &+= count
        histogram.overflowCount &+= overflow
        let (total, overflowed) = histogram.sum.addingReportingOverflow(sum)
        histogram.sum = overflowed ? .max : total
    }

    /// Bytes held by the two arrays.
    var memoryBytes: Int {
        indices.capacity * MemoryLayout<UInt16>.stride + counts.capacity * MemoryLayout<UInt64>.stride
    }
}
