import Foundation
public import ObsCollector

/// Lays out the `obsbridge top` screen from two snapshots: rates come from their difference.
///
/// Pure: no terminal I/O, so it is tested directly. Every untrusted string is neutralized.
public struct TopScreen: Sendable {
    /// The column the operations are sorted by.
    public enum SortKey: String, Sendable, CaseIterable {
        /// By operation name, ascending.
        case name
        /// By calls per second, highest first.
        case rate
        /// By errors, most first.
        case errors
        /// By median latency, slowest first.
        case p50
        /// By 90th-percentile latency, slowest first.
        case p90
        /// By 99th-percentile latency, slowest first.
        case p99
        /// By maximum latency, slowest first.
        case max

        /// The key that selects this sort in the live view.
        public var key: Character {
            switch self {
            case .name: "n"
            case .rate: "c"
            case .errors: "e"
            case .p50: "5"
            case .p90: "9"
            case .p99: "p"
            case .max: "m"
            }
        }

        /// The sort selected by a key press, if any.
        public init?(key: Character) {
            guard let match = Self.allCases.first(where: { $0.key == key }) else { return nil }
            self = match
        }
    }

    /// Shown in the first line.
    public var title: String
    /// The current sort.
    public var sort: SortKey = .rate

    /// Creates a screen.
    public init(title: String, sort: SortKey = .rate) {
        self.title = title
        self.sort = sort
    }

    /// The screen's lines, each at most `width` characters, at most `height` lines.
    ///
    /// Calls (native boundary spans) come first, then the child spans inside them, then Swift
    /// spans, each group sorted by ``sort``; the `kind` column and the totals line tell them apart.
    ///
    /// - Parameters:
    ///   - current: The state to show.
    ///   - width: The terminal's columns; `nil` (output that is not a terminal) shows every column
    ///     and cuts nothing.
    ///   - previous: An earlier state (with an earlier `generated_at`) for the rates; without one,
    ///     rates are averages since the collector started.
    ///   - notice: A line shown under the title (the replay's progress).
    ///   - staleSeconds: When the snapshot has not changed for this long (see
    ///     ``SnapshotFreshness``): rates are shown as `stale`, not as 0, and a line says why.
    public func lines(
        current: CollectorSnapshot, previous: CollectorSnapshot?, width: Int?, height: Int, notice: String? = nil,
        staleSeconds: Double? = nil
    ) -> [String] {
        let plain = width == nil
        let longestName = current.operations.map { TerminalText.neutralize($0.name).count }.max() ?? 0
        let width = width.map { max(40, $0) } ?? (longestName + 90)
        let seconds =
            previous.map {
                Double(current.generatedAtUnixNano &- $0.generatedAtUnixNano) / 1e9
            } ?? Double(current.generatedAtUnixNano &- current.startedAtUnixNano) / 1e9
        let before = Dictionary(
            (previous?.operations ?? []).map { ($0.name, $0.calls) }, uniquingKeysWith: { a, _ in a })
        struct Row {
            var name: String
            var rate: Double
            var operation: OperationSnapshot
        }
        var rows = current.operations.map { operation in
            Row(
                name: TerminalText.neutralize(operation.name),
                rate: seconds > 0 ? Double(operation.calls &- (before[operation.name] ?? 0)) / seconds : 0,
                operation: operation)
        }
        // Rates need time between two states; a stale or unchanged snapshot has none to offer.
        let ratesKnown = seconds > 0 && staleSeconds == nil
        func group(_ row: Row) -> Int {
            switch row.operation.kind ?? .boundary {
            case .child: 1
            case .caller: 2
            case .boundary, .unknown: 0
            }
        }
        rows.sort { a, b in
            if group(a) != group(b) { return group(a) < group(b) }
            switch sort {
            case .name: return a.name < b.name
            case .rate: return (a.rate, b.name) > (b.rate, a.name)
            case .errors: return (a.operation.errors, b.name) > (b.operation.errors, a.name)
            case .p50: return (a.operation.p50Ns, b.name) > (b.operation.p50Ns, a.name)
            case .p90: return (a.operation.p90Ns, b.name) > (b.operation.p90Ns, a.name)
            case .p99: return (a.operation.p99Ns, b.name) > (b.operation.p99Ns, a.name)
            case .max: return (a.operation.maxNs, b.name) > (b.operation.maxNs, a.name)
            }
        }
        // Columns by priority: the narrowest window keeps the name, calls/s, p99 and p50.
        let priority: [(title: String, width: Int)] = [
            ("calls/s", 9), ("p99", 8), ("p50", 8), ("kind", 6), ("errors", 8), ("max", 8), ("p90", 8),
        ]
        let minimumName = 10
        var shown: Set<String> = []
        var used = minimumName
        for column in priority where used + column.width + 1 <= width {
            shown.insert(column.title)
            used += column.width + 1
        }
        let order = priority.map(\.title).sortedByDisplayOrder()
        let columns = order.filter(shown.contains).map { title in
            (title: title, width: priority.first { $0.title == title }!.width)
        }
        let distributionWidth = plain || width - used >= 16 + 2 + 8 ? 16 : 0
        let remaining = width - used - (distributionWidth > 0 ? distributionWidth + 2 : 0)
        let nameWidth = plain ? max(minimumName, longestName) : minimumName + max(0, min(22, remaining))
        func fit(_ text: String, _ width: Int, left: Bool = false) -> String {
            TerminalText.fit(text, width, alignLeft: left)
        }
        /// A whole line: cut to the screen, or kept whole in plain output.
        func line(_ text: String) -> String { plain ? text : fit(text, width, left: true) }
        func cell(_ title: String, _ row: Row) -> String {
            let operation = row.operation
            switch title {
            case "calls/s": return ratesKnown ? Self.rate(row.rate) : staleSeconds == nil ? "-" : "stale"
            case "errors": return String(operation.errors)
            case "kind":
                switch operation.kind ?? .boundary {
                case .child: return "child"
                case .caller: return "swift"
                case .boundary, .unknown: return "call"
                }
            case "p50": return DurationText.format(operation.p50Ns)
            case "p90": return DurationText.format(operation.p90Ns)
            case "p99": return DurationText.format(operation.p99Ns)
            default: return DurationText.format(operation.maxNs)
            }
        }
        var lines: [String] = []
        lines.append(
            line(
                "\(TerminalText.neutralize(title)) — clock \(TerminalText.neutralize(current.clockSource)) — sort: \(sort.rawValue) (keys n c e 5 9 p m; q quits)"
            ))
        if let staleSeconds {
            lines.append(
                line(
                    "STALE: unchanged for \(Int(staleSeconds)) s (written \(Self.clock(current.generatedAtUnixNano)) UTC): "
                        + "has the writer stopped? No rates shown"))
        }
        if let notice { lines.append(line(TerminalText.neutralize(notice))) }
        var header = fit("operation", nameWidth, left: true)
        for column in columns { header += " " + fit(column.title, column.width) }
        if distributionWidth > 0 { header += "  " + fit("latency 100ns…10s", distributionWidth, left: true) }
        lines.append(header)
        let room = max(1, height - 5 - (staleSeconds == nil ? 0 : 1) - (notice == nil ? 0 : 1))
        for row in rows.prefix(room) {
            var text = fit(row.name, nameWidth, left: true)
            for column in columns { text += " " + fit(cell(column.title, row), column.width) }
            if distributionWidth > 0 {
                text += "  " + Self.sparkline(row.operation.histogram, columns: distributionWidth)
            }
            lines.append(text)
        }
        if rows.count > room { lines.append(line("… \(rows.count - room) more operations")) }
        let counters = current.counters
        lines.append(line(SpanTotals(current.operations).line))
        lines.append(
            line(
                "spans: emitted \(counters.emitted), collected \(counters.collected), dropped \(counters.dropped), pending \(counters.pending); error records dropped \(counters.errorsDropped)"
            ))
        lines.append(line(current.losses.summary))
        if let limits = Self.limitsLine(current) { lines.append(line(limits)) }
        if let error = current.recentErrors.last {
            lines.append(
                line(
                    "last error: \(TerminalText.neutralize(error.operation)): \(TerminalText.neutralize(error.domain)) \(error.code): \(TerminalText.neutralize(error.message))"
                ))
        }
        return Array(lines.prefix(max(1, height)))
    }

    /// A bar per column over logarithmic latency bins (100 ns to 10 s, two bins per decade).
    public static func sparkline(_ histogram: LatencyHistogram, columns: Int) -> String {
        let bars: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        guard columns > 0 else { return "" }
        var bins = [UInt64](repeating: 0, count: columns)
        for bucket in histogram.buckets {
            let value = max(100.0, Double(bucket.lowerBound))
            let position = (log10(value) - 2) / 8 * Double(columns)
            bins[min(columns - 1, max(0, Int(position)))] &+= bucket.count
        }
        let peak = bins.max() ?? 0
        guard peak > 0 else { return String(repeating: " ", count: columns) }
        return String(
            bins.map { count in
                count == 0 ? bars[0] : bars[max(1, Int((Double(count) / Double(peak) * 8).rounded(.up)))]
            })
    }

    static let displayOrder = ["calls/s", "errors", "p50", "p90", "p99", "max", "kind"]

    /// A Unix time as `HH:MM:SS` in UTC.
    public static func clock(_ unixNano: UInt64) -> String {
        let seconds = unixNano / 1_000_000_000 % 86_400
        func two(_ value: UInt64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }

    static func rate(_ value: Double) -> String {
        value >= 10_000
            ? "\(Int(value / 1000))k" : value >= 100 ? String(Int(value)) : String(Int((value * 10).rounded()) / 10)
    }
}

extension Array where Element == String {
    /// The columns in the order the screen shows them.
    fileprivate func sortedByDisplayOrder() -> [String] {
        sorted { TopScreen.displayOrder.firstIndex(of: $0)! < TopScreen.displayOrder.firstIndex(of: $1)! }
    }
}
