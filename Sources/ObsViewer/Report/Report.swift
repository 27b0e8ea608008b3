import ObsCollector

/// `obsbridge report`: one self-contained HTML page about a recording, with no script and nothing
/// fetched (a Content-Security-Policy forbids it), that reads the same in a browser at any width.
///
/// From an OTLP recording: the operations table (the numbers of `summary --json`), each
/// operation's latency distribution (log scale, p50/p90/p99 marked), latency over time as
/// heatmaps, errors by domain and code with sanitized sample messages, and waterfalls of the
/// slowest traces across Swift and Rust. From a snapshot: the panels a snapshot can fill (the
/// table, distributions, errors, drops); the others say what to record to see them.
public enum Report {
    /// What to draw.
    public struct Options: Sendable {
        /// Operations with a latency-over-time heatmap, the busiest first (default 12).
        public var heatmaps = 12
        /// Operations with a distribution chart at most, by name (default 100).
        public var distributions = 100
        /// Slowest traces drawn as waterfalls (default 5).
        public var slowestTraces = 5
        /// Slowest traces that start in a Swift scope drawn besides (default 3; those already
        /// among the slowest are not drawn twice).
        public var slowestSwiftTraces = 3
        /// The recording's name, for the page.
        public var recordingName = ""

        /// The defaults.
        public init() {}
    }

    /// The page and the summary behind it.
    public struct Result: Sendable {
        /// The whole HTML document.
        public var html: String
        /// The numbers the page shows (the same as `summary`'s).
        public var summary: RecordingSummary
        /// Waterfalls drawn.
        public var waterfalls: Int
    }

    /// Reads `recording` to its end and makes the page.
    ///
    /// - Parameters:
    ///   - path: The path it was opened from, to find an OTLP file's metrics sibling (as `summary`).
    /// - Throws: ``RecordingError`` from the recording.
    public static func build(from recording: Recording, path: String? = nil, options: Options = Options())
        throws(RecordingError) -> Result
    {
        switch recording {
        case .snapshot(let snapshot):
            let summary = SummaryAccumulator.summary(of: snapshot)
            return Result(
                html: ReportPage(summary: summary, options: options, overTime: nil, slowest: nil, slowestFromSwift: nil)
                    .html,
                summary: summary, waterfalls: 0)
        case .otlp(let stream):
            var accumulator = SummaryAccumulator()
            var overTime = LatencyOverTime()
            var slowest = SlowTraces(limit: options.slowestTraces)
            var fromSwift = SlowTraces(limit: options.slowestSwiftTraces, swiftRootsOnly: true)
            while let spans = try stream.next() {
                for span in spans {
                    accumulator.add(span)
                    overTime.add(span)
                    slowest.add(span)
                    fromSwift.add(span)
                }
            }
            let summary = accumulator.summary(
                diagnostics: stream.diagnostics, drops: SummaryLoader.drops(stream.diagnostics, path: path))
            let traces = slowest.slowest
            let shown = Set(traces.map(\.root.traceID))
            let swiftTraces = fromSwift.slowest.filter { !shown.contains($0.root.traceID) }
            let page = ReportPage(
                summary: summary, options: options, overTime: overTime, slowest: traces, slowestFromSwift: swiftTraces)
            return Result(html: page.html, summary: summary, waterfalls: traces.count + swiftTraces.count)
        }
    }
}
