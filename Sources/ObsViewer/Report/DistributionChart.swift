import Foundation
import ObsCollector

/// One operation's latency distribution as an SVG bar chart: a logarithmic time axis (ten bars a
/// decade, from the decade below the fastest call to the decade above the slowest), bar heights
/// proportional to calls, and marks at p50, p90 and p99.
enum DistributionChart {
    static let width = 480.0
    static let height = 200.0
    private static let left = 12.0
    private static let right = 468.0
    private static let top = 46.0
    private static let bottom = 170.0
    static let binsPerDecade = 10

    /// The chart for `operation`, whose quantiles are `row`'s (the summary's numbers).
    static func svg(_ operation: OperationSummary, row: LatencyRow) -> String {
        let histogram = operation.histogram
        let low = floor(log10(Double(max(1, histogram.min))))
        var high = ceil(log10(Double(max(2, histogram.max)) + 1))
        if high - low < 2 { high = low + 2 }
        let bins = Int(high - low) * binsPerDecade
        var counts = [UInt64](repeating: 0, count: bins)
        for bucket in histogram.buckets {
            let middle = Double(bucket.lowerBound) + Double(bucket.upperBound - bucket.lowerBound) / 2
            let position = (log10(max(1, middle)) - low) * Double(binsPerDecade)
            counts[min(bins - 1, max(0, Int(position)))] &+= bucket.count
        }
        if histogram.overflowCount > 0 { counts[bins - 1] &+= histogram.overflowCount }
        let peak = Double(counts.max() ?? 0)
        func x(_ nanoseconds: Double) -> Double {
            let fraction = (log10(max(1, nanoseconds)) - low) / (high - low)
            return left + min(1, max(0, fraction)) * (right - left)
        }
        let name = HTMLText.name(operation.name)
        let label =
            "latency distribution of \(name): p50 \(DurationText.format(row.p50Ns)), "
            + "p90 \(DurationText.format(row.p90Ns)), p99 \(DurationText.format(row.p99Ns))"
        var svg =
            "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(label)\">"
            + "<title>\(label)</title>"
            + "<line class=\"axis\" x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(right)\" y2=\"\(bottom)\"/>"
        let binWidth = (right - left) / Double(bins)
        for (index, count) in counts.enumerated() where count > 0 {
            let barHeight = max(1, Double(count) / max(1, peak) * (bottom - top))
            svg +=
                "<rect class=\"bar\" x=\"\(HTMLText.coordinate(left + Double(index) * binWidth))\" "
                + "y=\"\(HTMLText.coordinate(bottom - barHeight))\" width=\"\(HTMLText.coordinate(max(0.5, binWidth - 1)))\" "
                + "height=\"\(HTMLText.coordinate(barHeight))\"><title>\(HTMLText.count(count)) calls</title></rect>"
        }
        // A label every decade, or every other one when they would crowd.
        let step = high - low > 6 ? 2 : 1
        for decade in stride(from: Int(low), through: Int(high), by: step) {
            let position = x(pow(10, Double(decade)))
            let anchor =
                decade == Int(low) ? "start" : decade + step > Int(high) && position > right - 20 ? "end" : "middle"
            svg +=
                "<line class=\"tick\" x1=\"\(HTMLText.coordinate(position))\" y1=\"\(bottom)\" "
                + "x2=\"\(HTMLText.coordinate(position))\" y2=\"\(bottom + 5)\"/>"
                + "<text x=\"\(HTMLText.coordinate(position))\" y=\"\(bottom + 20)\" text-anchor=\"\(anchor)\">"
                + "\(HTMLText.decade(decade))</text>"
        }
        // Quantile marks, their labels on three rows so that close ones do not collide.
        let marks: [(String, UInt64, String)] = [
            ("p50", row.p50Ns, "q50"), ("p90", row.p90Ns, "q90"), ("p99", row.p99Ns, "q99"),
        ]
        for (rank, mark) in marks.enumerated() {
            let position = x(Double(mark.1))
            let labelY = 12 + Double(rank) * 13
            let anchor = position > right - 70 ? "end" : "start"
            svg +=
                "<line class=\"\(mark.2)\" x1=\"\(HTMLText.coordinate(position))\" y1=\"\(labelY + 3)\" "
                + "x2=\"\(HTMLText.coordinate(position))\" y2=\"\(bottom)\"/>"
                + "<text class=\"\(mark.2)\" x=\"\(HTMLText.coordinate(position + (anchor == "end" ? -3 : 3)))\" "
                + "y=\"\(HTMLText.coordinate(labelY + 1))\" text-anchor=\"\(anchor)\">"
                + "\(mark.0) \(DurationText.format(mark.1))</text>"
        }
        return svg + "</svg>"
    }
}
