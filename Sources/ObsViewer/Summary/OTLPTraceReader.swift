public import Foundation
import ObsCollector

/// Reads OpenTelemetry OTLP JSON Lines traces files (one `TracesData` object per line, as the
/// Collector's file exporter writes them) into per-span-name latency histograms.
///
/// Follows the OTLP JSON encoding: ids are hex strings, 64-bit integers may be strings or numbers,
/// field names are lowerCamelCase. A span whose `status.code` is 2 (`STATUS_CODE_ERROR`) counts as
/// an error. Malformed lines are errors that name the line.
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
        var histograms: [String: (LatencyHistogram, UInt64)] = [:]
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(line))
            } catch {
                throw ReadError(description: "line \(lineNumber): not valid JSON")
            }
            guard let traces = object as? [String: Any] else {
                throw ReadError(description: "line \(lineNumber): expected a TracesData object")
            }
            guard let resourceSpans = traces["resourceSpans"] as? [[String: Any]] else {
                throw ReadError(
                    description: "line \(lineNumber): no \"resourceSpans\" array (is this an OTLP JSON traces file?)")
            }
            for resource in resourceSpans {
                for scope in resource["scopeSpans"] as? [[String: Any]] ?? [] {
                    for span in scope["spans"] as? [[String: Any]] ?? [] {
                        guard let name = span["name"] as? String,
                            let start = unsigned(span["startTimeUnixNano"]),
                            let end = unsigned(span["endTimeUnixNano"])
                        else {
                            throw ReadError(
                                description:
                                    "line \(lineNumber): a span lacks name, startTimeUnixNano or endTimeUnixNano")
                        }
                        let failed =
                            ((span["status"] as? [String: Any])?["code"]).flatMap(unsigned) == 2
                            || (span["status"] as? [String: Any])?["code"] as? String == "STATUS_CODE_ERROR"
                        var entry = histograms[name] ?? (LatencyHistogram(), 0)
                        entry.0.record(end >= start ? end - start : 0)
                        if failed { entry.1 += 1 }
                        histograms[name] = entry
                    }
                }
            }
        }
        return histograms.sorted { $0.key < $1.key }.map {
            LatencyRow(name: $0.key, errors: $0.value.1, histogram: $0.value.0)
        }
    }

    /// A JSON number or decimal string as UInt64.
    static func unsigned(_ value: Any?) -> UInt64? {
        switch value {
        case let text as String: return UInt64(text)
        case let number as NSNumber:
            let double = number.doubleValue
            guard double >= 0, double < 1.8e19, double == double.rounded() else { return nil }
            return number.uint64Value
        default: return nil
        }
    }
}
