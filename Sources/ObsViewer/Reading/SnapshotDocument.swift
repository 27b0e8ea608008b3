import Foundation
import ObsCollector

/// Reads a snapshot document and says which line is to blame when it cannot.
enum SnapshotDocument {
    /// The snapshot in `data`.
    ///
    /// - Throws: ``RecordingError``: for a snapshot from a newer ObsBridge, with the line of its
    ///   `schema_version`; for malformed JSON, with the line the decoder names when it names one.
    static func read(_ data: Data, input: String) throws(RecordingError) -> CollectorSnapshot {
        do {
            return try CollectorSnapshot(jsonData: data)
        } catch {
            let reason = error.description
            var line: Int?
            if reason.contains("newer than this obsbridge") {
                line = Self.line(of: "\"schema_version\"", in: data)
            } else if let range = reason.range(of: #"line \d+"#, options: .regularExpression) {
                line = Int(reason[range].dropFirst(5))
            }
            throw RecordingError(input: input, line: line, reason: TerminalText.neutralize(reason))
        }
    }

    /// The 1-based line of the first occurrence of `text` in `data`, if it occurs.
    static func line(of text: String, in data: Data) -> Int? {
        guard let range = data.range(of: Data(text.utf8)) else { return nil }
        return data[data.startIndex..<range.lowerBound].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }
}
