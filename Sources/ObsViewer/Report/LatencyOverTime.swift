import Foundation

/// Counts of calls by time and latency, per operation, for the "latency over time" heatmaps, in
/// memory fixed per operation whatever the recording's length.
///
/// Time: ``columns`` columns of equal width on one grid shared by every operation. The grid
/// starts at the first span, one millisecond a column; when a span falls outside it, the width
/// doubles (neighbouring columns merge) until the span fits, so the grid always spans the
/// recording with the same number of columns. Latency: rows of four per decade from 1 ns
/// to 100 s (values outside are counted in the first or last row).
struct LatencyOverTime {
    /// Time columns.
    static let columns = 48
    /// Latency rows per decade.
    static let rowsPerDecade = 4
    /// Decades covered, from 1 ns.
    static let decades = 11
    /// Latency rows.
    static let rows = rowsPerDecade * decades
    /// Operations with a heatmap of their own at most; later ones are not drawn.
    static let operationLimit = 500

    /// The widest a column gets, so that the grid's span fits in 64 bits.
    static let widestColumn = UInt64.max / 4 / UInt64(columns)

    /// The grid's first instant, in Unix nanoseconds (a multiple of ``width``).
    private(set) var origin: UInt64 = 0
    /// Nanoseconds per column.
    private(set) var width: UInt64 = 1_000_000
    private var started = false
    /// Per operation, `rows × columns` counts, row-major.
    private(set) var counts: [String: [UInt32]] = [:]

    /// The row of a latency.
    static func row(of nanoseconds: UInt64) -> Int {
        guard nanoseconds > 1 else { return 0 }
        let position = Int((Double(rowsPerDecade) * log10(Double(nanoseconds))).rounded(.down))
        return min(rows - 1, max(0, position))
    }

    /// The lower bound of a row, in nanoseconds.
    static func lowerBound(ofRow row: Int) -> Double {
        pow(10, Double(row) / Double(rowsPerDecade))
    }

    mutating func add(_ span: RecordedSpan) {
        let time = span.startUnixNano
        if !started {
            started = true
            origin = time - time % width
        }
        // Widen until the span fits; a grid wider than a quarter of the 64-bit range stops
        // widening (only a forged file gets there) and its edge columns take what falls outside.
        while time < origin || time - origin >= width * UInt64(Self.columns), width <= Self.widestColumn {
            widen()
        }
        guard counts[span.name] != nil || counts.count < Self.operationLimit else { return }
        let column = time < origin ? 0 : min(Self.columns - 1, Int((time - origin) / width))
        let cell = Self.row(of: span.durationNanoseconds) * Self.columns + column
        counts[span.name, default: [UInt32](repeating: 0, count: Self.rows * Self.columns)][cell] &+= 1
    }

    /// Doubles the column width: the new origin is the old one rounded down to the new width,
    /// and each old column's counts move to the new column that covers it.
    private mutating func widen() {
        let newWidth = width * 2
        let newOrigin = origin - origin % newWidth
        for name in counts.keys {
            var merged = [UInt32](repeating: 0, count: Self.rows * Self.columns)
            let old = counts[name]!
            for row in 0..<Self.rows {
                for column in 0..<Self.columns {
                    let value = old[row * Self.columns + column]
                    guard value > 0 else { continue }
                    let start = origin + UInt64(column) * width
                    let target = Int((start - newOrigin) / newWidth)
                    merged[row * Self.columns + target] &+= value
                }
            }
            counts[name] = merged
        }
        origin = newOrigin
        width = newWidth
    }
}
