public import Foundation
import ObsCollector

/// Loads the rows of `obsbridge summary` from a file: an ObsBridge snapshot or an OTLP JSON Lines
/// traces file, told apart by their content.
public enum SummaryLoader {
    /// The rows in the file at `path`, sorted by name.
    ///
    /// - Throws: ``SummaryLoadError`` for a missing, unreadable or unrecognised file.
    public static func rows(atPath path: String) throws(SummaryLoadError) -> [LatencyRow] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SummaryLoadError(
                description: "cannot read \(TerminalText.neutralize(path)): \((error as NSError).localizedDescription)")
        }
        return try rows(from: data, name: path)
    }

    /// The rows in `data`; `name` is used in messages.
    public static func rows(from data: Data, name: String) throws(SummaryLoadError) -> [LatencyRow] {
        if Self.isSnapshot(data) {
            do {
                let snapshot = try CollectorSnapshot(jsonData: data)
                return snapshot.operations.map {
                    LatencyRow(name: $0.name, errors: $0.errors, histogram: $0.histogram)
                }
            } catch {
                throw SummaryLoadError(description: "\(TerminalText.neutralize(name)): \(error)")
            }
        }
        do {
            return try OTLPTraceReader.rows(from: data)
        } catch {
            throw SummaryLoadError(
                description:
                    "\(TerminalText.neutralize(name)) is neither an ObsBridge snapshot nor an OTLP JSON traces file: \(error)"
            )
        }
    }
}

extension SummaryLoader {
    /// Whether `data` is one JSON object whose `schema` is the snapshot's (OTLP lines have none).
    static func isSnapshot(_ data: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return false
        }
        return object["schema"] as? String == CollectorSnapshot.schemaName
    }
}

/// A summary input could not be loaded.
public struct SummaryLoadError: Error, Sendable, CustomStringConvertible {
    /// Why, for people.
    public var description: String
}
