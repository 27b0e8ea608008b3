/// What one appended output (a log or OTLP file) wrote and lost, cumulative since it was created.
///
/// Every batch handed to the output is either written or lost, and every loss is counted:
/// `lostRecords` to write failures (a full disk, a size limit, a file that could not be opened or
/// was refused, a batch larger than the rotation's maximum), `rotatedAwayRecords` to rotation
/// deleting the oldest backup. Records in a backup written before this process started are
/// counted in bytes only.
public struct OutputStatistics: Sendable, Hashable, Codable {
    /// What the output holds: `logs`, `otlp_logs`, `otlp_traces`, `otlp_metrics`.
    public var output: String
    /// Where it goes (`standard output` or a path).
    public var path: String
    /// Records (log records, spans, metric batches) and bytes written.
    public var writtenRecords: UInt64 = 0
    /// Bytes written.
    public var writtenBytes: UInt64 = 0
    /// Records lost because they could not be written.
    public var lostRecords: UInt64 = 0
    /// Bytes lost because they could not be written.
    public var lostBytes: UInt64 = 0
    /// Records deleted with the oldest backup by rotation.
    public var rotatedAwayRecords: UInt64 = 0
    /// Bytes deleted with the oldest backup by rotation.
    public var rotatedAwayBytes: UInt64 = 0
    /// Rotations done.
    public var rotations: UInt64 = 0
    /// Times the file was opened again: it vanished or was replaced (rotated by another program),
    /// or `reopen()` was called.
    public var reopens: UInt64 = 0
    /// The rotation policy, if any.
    public var rotation: FileRotation?

    /// Creates empty statistics for an output.
    public init(output: String, path: String, rotation: FileRotation? = nil) {
        self.output = output
        self.path = path
        self.rotation = rotation
    }

    enum CodingKeys: String, CodingKey {
        case output, path, writtenRecords = "written_records", writtenBytes = "written_bytes"
        case lostRecords = "lost_records", lostBytes = "lost_bytes"
        case rotatedAwayRecords = "rotated_away_records", rotatedAwayBytes = "rotated_away_bytes"
        case rotations, reopens, rotation
    }
}
