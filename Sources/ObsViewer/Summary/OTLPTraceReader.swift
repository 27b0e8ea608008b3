public import Foundation
import ObsCollector

/// Reads OpenTelemetry OTLP JSON Lines traces (one `TracesData` object per line, as the
/// Collector's file exporter writes them) into per-span-name latency rows.
///
/// Follows the OTLP JSON encoding: ids are hex strings, 64-bit integers may be strings or numbers,
/// field names are lowerCamelCase. A span whose `status.code` is 2 (`STATUS_CODE_ERROR`) counts as
/// an error. Spans that break the format's rules are left out (``SummaryLoader`` reports them);
/// a line that is not JSON or not OTLP is an error naming the line. For streaming and the rest of
/// what a recording holds, use ``Recording`` and ``SummaryLoader``.
public enum OTLPTraceReader {
    /// A traces file could not be read.
    public struct ReadError: Error, Sendable, CustomStringConvertible, Equatable {
        /// Why, with the line number.
        public var description: String
    }

    /// Per-name statistics over every span in `data`.
    ///
    /// - Returns: One row per span name, sorted by name.
    /// - Throws: ``ReadError`` naming the first malformed line.
    public static func rows(from data: Data) throws(ReadError) -> [LatencyRow] {
        do {
            let stream = OTLPSpanStream(LineReader(data: data, name: "traces"))
            var accumulator = SummaryAccumulator()
            while let spans = try stream.next() {
                for span in spans { accumulator.add(span) }
            }
            return accumulator.summary(diagnostics: stream.diagnostics, drops: nil).rows
        } catch {
            throw ReadError(description: error.description)
        }
    }
}
