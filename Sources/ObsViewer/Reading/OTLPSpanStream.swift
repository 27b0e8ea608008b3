/// Streams the spans of an OTLP JSON Lines traces recording, one line at a time, in memory bounded
/// by the longest line whatever the file's size.
///
/// Each line goes through ``OTLPLineScanner`` and, when that passes it on, ``OTLPStrictLine``.
/// Spans that break the format's rules are counted in ``diagnostics`` and never returned. Metrics
/// lines (`MetricsData`, as `obsbridge demo --otlp` writes to its `.metrics.jsonl` sibling) give the
/// span accounting; log lines are read past. A last line without a newline that is not valid JSON
/// (a writer that stopped mid-append) ends the stream with a warning instead of an error.
///
/// Threads: one stream belongs to one thread at a time.
public final class OTLPSpanStream {
    /// The input's name, for messages.
    public var input: String { reader.name }
    /// What the stream has seen so far: lines, spans, broken rules, the cut last line.
    public private(set) var diagnostics = RecordingDiagnostics()

    private let reader: LineReader
    private let parsing: Recording.Parsing
    private var contents = OTLPLineContents()

    init(_ reader: LineReader, parsing: Recording.Parsing = .fast) {
        self.reader = reader
        self.parsing = parsing
    }

    /// The spans of the next line that holds any, in the line's order, or `nil` at the end.
    ///
    /// - Throws: ``RecordingError`` naming the line, for a line that is not JSON (other than a cut
    ///   last line) or not OTLP, and for a read error.
    public func next() throws(RecordingError) -> [RecordedSpan]? {
        while let line = try reader.next() {
            diagnostics.lines = line.number
            if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            contents.reset()
            if parsing == .strict || !OTLPLineScanner.scan(line.bytes, line: line.number, into: &contents) {
                contents.reset()
                diagnostics.strictLines += 1
                do {
                    try OTLPStrictLine.read(line.bytes, line: line.number, into: &contents)
                } catch {
                    switch error {
                    case .notJSON where !line.endsWithNewline:
                        diagnostics.cutLastLine = line.number
                        diagnostics.bytes = reader.bytesRead
                        return nil
                    case .notJSON:
                        throw RecordingError(input: input, line: line.number, reason: "not valid JSON")
                    case .notOTLP(let reason):
                        throw RecordingError(input: input, line: line.number, reason: reason)
                    }
                }
            }
            diagnostics.bytes = reader.bytesRead
            for violation in contents.violations { diagnostics.violations.add(violation, line: line.number) }
            if let counters = contents.spanCounters { diagnostics.spanCounters = counters }
            if contents.isLogs { diagnostics.logLines += 1 }
            guard !contents.spans.isEmpty else { continue }
            diagnostics.spans += UInt64(contents.spans.count)
            return contents.spans
        }
        diagnostics.bytes = reader.bytesRead
        return nil
    }
}

/// What reading a recording found besides its spans.
public struct RecordingDiagnostics: Sendable, Hashable {
    /// Lines read.
    public var lines = 0
    /// Bytes read.
    public var bytes: UInt64 = 0
    /// Spans that keep the rules.
    public var spans: UInt64 = 0
    /// Spans that break a rule, by rule.
    public var violations = SpanRuleTally()
    /// Lines the fast scanner passed to the strict parser.
    public var strictLines = 0
    /// `LogsData` lines read past.
    public var logLines = 0
    /// The span accounting of the last metrics line, if there was one.
    public var spanCounters: OTLPSpanCounters?
    /// The number of a last line that was cut short (and not read), if there was one.
    public var cutLastLine: Int?

    /// Creates empty diagnostics.
    public init() {}

    /// Sentences for people about what was not read: the cut last line, and the spans that broke
    /// the rules.
    public var warnings: [String] {
        var warnings: [String] = []
        if let line = cutLastLine {
            warnings.append(
                "line \(line) is cut short (no newline at the end, and not valid JSON: the writer "
                    + "probably stopped mid-append); read the \(line - 1) lines before it")
        }
        if !violations.isEmpty {
            let parts = violations.counts.map { entry in
                "\(entry.count) with \(entry.violation.explanation) (first on line \(entry.firstLine))"
            }
            let total = violations.total
            warnings.append(
                "ignored \(total) span\(total == 1 ? "" : "s") that break OTLP's rules: "
                    + parts.joined(separator: "; "))
        }
        return warnings
    }
}
