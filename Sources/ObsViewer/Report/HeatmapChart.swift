import Foundation
import ObsCollector

/// One operation's latency over time as an SVG heatmap: time across (the recording's columns),
/// latency up (four rows a decade, cropped to the rows that hold calls), darker for more calls
/// (on a logarithmic scale, so that a few slow calls still show).
enum HeatmapChart {
    static let width = 480.0
    private static let left = 48.0
    private static let right = 472.0
    private static let rowHeight = 7.0
    private static let top = 8.0

    /// The chart for one operation's counts on `grid`.
    static func svg(name: String, counts: [UInt32], grid: LatencyOverTime) -> String {
        let columns = LatencyOverTime.columns
        var lowest = LatencyOverTime.rows
        var highest = -1
        for row in 0..<LatencyOverTime.rows {
            for column in 0..<columns where counts[row * columns + column] > 0 {
                lowest = min(lowest, row)
                highest = max(highest, row)
            }
        }
        guard highest >= 0 else { return "" }
        lowest = max(0, lowest - 1)
        highest = min(LatencyOverTime.rows - 1, highest + 1)
        let rows = highest - lowest + 1
        let bottom = top + Double(rows) * rowHeight
        let height = bottom + 26
        let cellWidth = (right - left) / Double(columns)
        let peak = log(1 + Double(counts.max() ?? 1))
        let label = "latency over time of \(HTMLText.name(name))"
        var svg =
            "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(label)\"><title>\(label)</title>"
            + "<rect class=\"plot\" x=\"\(left)\" y=\"\(top)\" width=\"\(right - left)\" "
            + "height=\"\(HTMLText.coordinate(bottom - top))\"/>"
        for row in lowest...highest {
            let y = bottom - Double(row - lowest + 1) * rowHeight
            for column in 0..<columns {
                let count = counts[row * columns + column]
                guard count > 0 else { continue }
                svg +=
                    "<rect x=\"\(HTMLText.coordinate(left + Double(column) * cellWidth))\" y=\"\(HTMLText.coordinate(y))\" "
                    + "width=\"\(HTMLText.coordinate(cellWidth + 0.2))\" height=\"\(rowHeight + 0.2)\" "
                    + "fill=\"\(color(log(1 + Double(count)) / peak))\"/>"
            }
            if row % LatencyOverTime.rowsPerDecade == 0 {
                svg +=
                    "<text x=\"\(left - 4)\" y=\"\(HTMLText.coordinate(y + rowHeight))\" text-anchor=\"end\">"
                    + "\(HTMLText.decade(row / LatencyOverTime.rowsPerDecade))</text>"
            }
        }
        let span = Double(grid.width) * Double(columns) / 1e9
        svg +=
            "<text x=\"\(left)\" y=\"\(HTMLText.coordinate(bottom + 16))\">0 s</text>"
            + "<text x=\"\(right)\" y=\"\(HTMLText.coordinate(bottom + 16))\" text-anchor=\"end\">+\(seconds(span))</text>"
        return svg + "</svg>"
    }

    /// `value` seconds with three significant digits.
    static func seconds(_ value: Double) -> String {
        if value >= 100 { return "\(Int(value.rounded())) s" }
        if value >= 1 { return String(format: "%.2f s", value) }
        return String(format: "%.3f s", value)
    }

    /// A colour from pale yellow (few calls) through orange to dark red (the most).
    static func color(_ fraction: Double) -> String {
        let stops: [(Double, Double, Double)] = [(255, 247, 188), (254, 153, 41), (204, 76, 2), (102, 37, 6)]
        let position = min(1, max(0, fraction)) * Double(stops.count - 1)
        let index = min(stops.count - 2, Int(position))
        let t = position - Double(index)
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
        let (r1, g1, b1) = stops[index]
        let (r2, g2, b2) = stops[index + 1]
        return String(format: "#%02x%02x%02x", mix(r1, r2), mix(g1, g2), mix(b1, b2))
    }
}
