#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Size-based rotation of an appended file, as the OpenTelemetry Collector's file exporter offers
/// it (`max_megabytes`, `max_backups`): when the next batch would take the file past ``maxBytes``,
/// `PATH` becomes `PATH.1`, `PATH.1` becomes `PATH.2`, and so on; `PATH.<backups>` is deleted.
///
/// The disk an output uses is then at most ``maximumDiskBytes``: one batch is never split across
/// files, and a batch larger than ``maxBytes`` on its own is refused and counted as lost, never
/// written. The names are logrotate's (`PATH.1`, `PATH.2`, …); when logrotate manages the file
/// instead, turn rotation off (`nil`) and have logrotate's `postrotate` call `reopen()` (the
/// `obsbridge` command does it on `SIGHUP`).
///
/// Renames and deletions act on names only: a link planted at `PATH.3` is moved or deleted
/// itself, never followed.
public struct FileRotation: Sendable, Hashable, Codable {
    /// A file's size at most, in bytes.
    public var maxBytes: UInt64
    /// Rotated files kept besides the current one (`0`: the full file is deleted).
    public var backups: Int

    /// 100 MiB per file (the OpenTelemetry Collector file exporter's `max_megabytes` default) and
    /// 3 backups: at most 400 MiB per output.
    public static let standard = FileRotation(maxBytes: 100 << 20, backups: 3)

    /// Creates a policy; `maxBytes` is at least 1 and `backups` at least 0.
    public init(maxBytes: UInt64, backups: Int) {
        self.maxBytes = max(1, maxBytes)
        self.backups = max(0, backups)
    }

    /// The most bytes an output with this policy holds on disk: the current file and the backups.
    public var maximumDiskBytes: UInt64 { maxBytes &* UInt64(backups + 1) }

    /// The name of backup `index` (1 is the newest) of `path`.
    public static func backupPath(_ path: String, _ index: Int) -> String { "\(path).\(index)" }

    enum CodingKeys: String, CodingKey {
        case maxBytes = "max_bytes", backups
    }

    /// Moves `path` to backup 1 and every backup one place up, deleting the oldest.
    ///
    /// - Returns: The bytes of the regular file deleted to make room (0 when there was none), or
    ///   the error that left `path` in place.
    func shift(_ path: String) -> Result<UInt64, FileOutputError> {
        let oldest = backups == 0 ? path : Self.backupPath(path, backups)
        var removed: UInt64 = 0
        var info = stat()
        if lstat(oldest, &info) == 0 {
            if FileDescriptorWrites.isRegular(info) { removed = UInt64(max(0, info.st_size)) }
            if unlink(oldest) != 0 { return .failure(FileOutputError(path: path, step: "delete \(oldest)")) }
        }
        guard backups > 0 else { return .success(removed) }
        for index in stride(from: backups - 1, through: 1, by: -1) {
            let from = Self.backupPath(path, index)
            if rename(from, Self.backupPath(path, index + 1)) != 0, errno != ENOENT {
                return .failure(FileOutputError(path: path, step: "rotate \(from)"))
            }
        }
        if rename(path, Self.backupPath(path, 1)) != 0 {
            return .failure(FileOutputError(path: path, step: "rotate"))
        }
        return .success(removed)
    }
}
