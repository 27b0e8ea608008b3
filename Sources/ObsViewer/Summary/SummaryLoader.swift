public import Foundation
import ObsCollector

/// Loads what `obsbridge summary` shows from a file or standard input: an ObsBridge snapshot or an
/// OTLP JSON Lines traces file, told apart by their content. OTLP files are streamed: memory
/// grows with the number of operations, not with the file.
public enum SummaryLoader {
    /// The summary of the recording at `path` (`-` for standard input). For an OTLP file that
    /// records no span accounting itself, the accounting of its `.metrics.jsonl` sibling is used
    /// when there is one.
    ///
    /// - Throws: ``SummaryLoadError`` for a missing, unreadable or malformed input, naming the line.
    public static func summary(atPath path: String) throws(SummaryLoadError) -> RecordingSummary {
        do {
            return try summarize(Recording.open(path: path), path: path)
        } catch {
            throw SummaryLoadError(description: error.description)
        }
    }

    /// The summary of a recording in memory; `name` is used in messages.
    public static func summary(from data: Data, name: String) throws(SummaryLoadError) -> RecordingSummary {
        do {
            return try summarize(Recording.open(data: data, name: name), path: nil)
        } catch {
            throw SummaryLoadError(description: error.description)
        }
    }

    /// The rows in the file at `path`, sorted by name.
    ///
    /// - Throws: ``SummaryLoadError`` for a missing, unreadable or unrecognised file.
    public static func rows(atPath path: String) throws(SummaryLoadError) -> [LatencyRow] {
        try summary(atPath: path).rows
    }

    /// The rows in `data`; `name` is used in messages.
    public static func rows(from data: Data, name: String) throws(SummaryLoadError) -> [LatencyRow] {
        try summary(from: data, name: name).rows
    }

    /// Reads a whole recording into a summary.
    ///
    /// - Parameter path: The path it was opened from, to find an OTLP file's metrics sibling.
    static func summarize(_ recording: Recording, path: String?) throws(RecordingError) -> RecordingSummary {
        switch recording {
        case .snapshot(let snapshot):
            return SummaryAccumulator.summary(of: snapshot)
        case .otlp(let stream):
            var accumulator = SummaryAccumulator()
            while let spans = try stream.next() {
                for span in spans { accumulator.add(span) }
            }
            return accumulator.summary(diagnostics: stream.diagnostics, drops: drops(stream.diagnostics, path: path))
        }
    }

    /// The loss an OTLP recording records: in its own metrics lines, else in the `.metrics.jsonl`
    /// sibling of `path`.
    static func drops(_ diagnostics: RecordingDiagnostics, path: String?) -> DropReport? {
        if let counters = diagnostics.spanCounters {
            return DropReport(counters, origin: "the recording's metrics lines")
        }
        if let path, let sibling = SiblingMetrics.spanCounters(besideTraces: path) {
            return DropReport(sibling.counters, origin: sibling.path)
        }
        return nil
    }
}

extension DropReport {
    init(_ counters: OTLPSpanCounters, origin: String) {
        self.init(
            spansEmitted: counters.emitted, spansCollected: counters.collected, spansDropped: counters.dropped,
            origin: origin)
    }
}

/// A summary input could not be loaded.
public struct SummaryLoadError: Error, Sendable, CustomStringConvertible {
    /// Why, for people: the input's name, the line when one is to blame, and the reason.
    public var description: String
}
