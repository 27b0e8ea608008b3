public import Foundation
public import ObsCollector

/// A recording opened for reading: an OTLP JSON Lines traces file (streamed) or an ObsBridge
/// snapshot (one document), told apart by their first line.
public enum Recording {
    /// OTLP JSON Lines: spans, line by line.
    case otlp(OTLPSpanStream)
    /// An ObsBridge snapshot: the collector's state at one moment.
    case snapshot(CollectorSnapshot)

    /// How OTLP lines are parsed.
    public enum Parsing: Sendable {
        /// The byte scanner, with `JSONSerialization` for lines it passes on (the default).
        case fast
        /// `JSONSerialization` for every line: slower; the reference the fast path is checked
        /// against (by the tests and the fuzz target).
        case strict
    }

    /// The largest snapshot read (256 MiB); snapshots grow with operations, not with time.
    public static let maximumSnapshotBytes = 256 << 20

    /// Opens the recording at `path`, or standard input for `-` (so a compressed recording can be
    /// piped in: `zcat rec.jsonl.gz | obsbridge summary -`).
    ///
    /// - Throws: ``RecordingError`` when the input cannot be read, is empty, or is a snapshot that
    ///   cannot be read (with the line to blame where there is one).
    public static func open(path: String, parsing: Parsing = .fast) throws(RecordingError) -> Recording {
        try open(LineReader(path: path), parsing: parsing)
    }

    /// Opens a recording held in memory; `name` is used in messages.
    public static func open(data: Data, name: String, parsing: Parsing = .fast) throws(RecordingError)
        -> Recording
    {
        try open(LineReader(data: data, name: name), parsing: parsing)
    }

    static func open(_ reader: LineReader, parsing: Parsing) throws(RecordingError) -> Recording {
        while let line = try reader.next() {
            guard let first = line.bytes.firstIndex(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }) else {
                continue
            }
            let isSnapshot = line.bytes[first] == 0x7B && Self.startsSnapshot(line.bytes[first...])
            reader.unread()
            guard isSnapshot else { return .otlp(OTLPSpanStream(reader, parsing: parsing)) }
            let data = try reader.readRest(limit: maximumSnapshotBytes)
            return .snapshot(try SnapshotDocument.read(data, input: reader.name))
        }
        throw RecordingError(input: reader.name, reason: "empty: neither a snapshot nor an OTLP JSON Lines file")
    }

    /// Whether a first line starting with `{` opens a snapshot: `{` alone (the snapshot is
    /// written pretty-printed, and OTLP lines are whole objects), or a whole one-line object with a
    /// `schema` member and no `resourceSpans`.
    private static func startsSnapshot(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let trimmed = bytes.filter { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }
        if trimmed == [0x7B] { return true }
        var cursor = JSONByteCursor(UnsafeBufferPointer(rebasing: bytes))
        guard cursor.skipValue(), cursor.atEnd() else { return false }  // the stream reports it
        let schema = Array("\"schema\"".utf8)
        guard bytes.count >= schema.count,
            (bytes.startIndex...(bytes.endIndex - schema.count)).contains(where: {
                bytes[$0..<$0 + schema.count].elementsEqual(schema)
            })
        else { return false }
        let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        return object?["schema"] != nil && object?["resourceSpans"] == nil
    }
}
