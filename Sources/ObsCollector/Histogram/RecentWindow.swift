/// The calls of the last minute of one operation, for exact quantiles that keep moving in a
/// long-lived process (`obsbridge_recent_call_duration_seconds`, the snapshot's `recent`).
///
/// Window: time is cut into intervals of ``intervalNanoseconds`` (10 s) of the monotonic clock;
/// the window is the current interval and the ``intervals`` − 1 (5) before it, so it holds the
/// calls of the last 50 to 60 seconds. Quantiles over it have the histogram's precision (within
/// 1/256).
///
/// Memory: the operation's cumulative histogram stays the only dense one. The window keeps the
/// cumulative state at the start of the current interval and each past interval as
/// ``SparseCounts`` (10 bytes per non-empty bucket), so at most 6 × 4,608 × 10 bytes (270 KiB)
/// per operation and typically a few KiB; ``advance(to:cumulative:)`` drops what leaves the window.
public struct RecentWindow: Sendable, Equatable {
    /// The length of one interval: 10 seconds.
    public static let intervalNanoseconds: UInt64 = 10_000_000_000
    /// Intervals in the window, the current one included: 6 (one minute).
    public static let intervals = 6
    /// The window's length in seconds (60): its calls span the last 50 to 60 seconds.
    public static var windowSeconds: Int { intervals * Int(intervalNanoseconds / 1_000_000_000) }

    /// A finished interval.
    struct Past: Sendable, Equatable {
        var interval: UInt64
        var counts: SparseCounts
        var minimum: UInt64
        var maximum: UInt64
    }

    /// The interval of the last `advance`; `nil` before the first, when every call is current.
    var interval: UInt64?
    /// The cumulative histogram at the start of the current interval.
    var checkpoint = SparseCounts()
    /// The smallest and largest value of the current interval.
    @usableFromInline var minimum: UInt64 = .max
    @usableFromInline var maximum: UInt64 = 0
    /// Finished intervals still in the window, oldest first.
    var past: [Past] = []

    /// An empty window.
    public init() {}

    /// The interval that a monotonic time falls in.
    public static func interval(atMonotonic nanoseconds: UInt64) -> UInt64 {
        nanoseconds / intervalNanoseconds
    }

    /// Notes a value recorded in the cumulative histogram (the window's exact min and max).
    @inlinable @inline(__always)
    public mutating func note(_ nanoseconds: UInt64) {
        if nanoseconds < minimum { minimum = nanoseconds }
        if nanoseconds > maximum { maximum = nanoseconds }
    }

    /// Starts a new interval when `interval` is later than the current one: the calls since the
    /// checkpoint become a past interval, and intervals that left the window are dropped.
    ///
    /// - Parameters:
    ///   - interval: The current interval (``interval(atMonotonic:)``); earlier ones are ignored.
    ///   - cumulative: The operation's cumulative histogram now.
    mutating func advance(to interval: UInt64, cumulative: LatencyHistogram) {
        guard let current = self.interval else {
            self.interval = interval  // the calls so far were recorded in this interval
            return
        }
        guard interval > current else { return }
        if cumulative.count != checkpoint.count {
            past.append(
                Past(
                    interval: current, counts: SparseCounts(cumulative, minus: checkpoint), minimum: minimum,
                    maximum: maximum))
            checkpoint = SparseCounts(cumulative)
        }
        minimum = .max
        maximum = 0
        self.interval = interval
        past.removeAll { !Self.inWindow($0.interval, at: interval) }
    }

    /// The calls of the window ending in `interval`, as a histogram (exact min and max).
    ///
    /// - Parameters:
    ///   - interval: The current interval.
    ///   - cumulative: The operation's cumulative histogram now.
    func histogram(at interval: UInt64, cumulative: LatencyHistogram) -> LatencyHistogram {
        var window = LatencyHistogram()
        if self.interval.map({ Self.inWindow($0, at: interval) }) ?? true, cumulative.count != checkpoint.count {
            window = cumulative  // one copy of the counters, less the checkpoint's
            for position in checkpoint.indices.indices {
                window.counts[Int(checkpoint.indices[position])] &-= checkpoint.counts[position]
            }
            window.count = cumulative.count &- checkpoint.count
            window.overflowCount = cumulative.overflowCount &- checkpoint.overflow
            window.sum = cumulative.sum == .max ? .max : cumulative.sum &- checkpoint.sum
            window.minimum = minimum
            window.max = maximum
        }
        for slot in past where Self.inWindow(slot.interval, at: interval) {
            slot.counts.add(to: &window)
            window.minimum = Swift.min(window.minimum, slot.minimum)
            window.max = Swift.max(window.max, slot.maximum)
        }
        return window
    }

    /// Bytes held beyond the struct itself.
    package var memoryBytes: Int {
        checkpoint.memoryBytes + past.capacity * MemoryLayout<Past>.stride
            + past.reduce(0) { $0 + $1.counts.memoryBytes }
    }

    private static func inWindow(_ slot: UInt64, at interval: UInt64) -> Bool {
        slot <= interval && interval - slot < UInt64(intervals)
    }
}
