#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole writes to a file descriptor, shared by the atomic writer and the appender.
enum FileDescriptorWrites {
    /// Writes every byte of `bytes` to `descriptor`, retrying after `EINTR` and short writes.
    ///
    /// - Returns: `nil` when everything was written, otherwise the `errno` of the failing write and
    ///   how many bytes had been written before it.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> (code: Int32, written: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return (errno, offset)
            }
            offset += written
        }
        return nil
    }

    /// The file's type and permission bits, link count, owner, size and identity, without
    /// following a symbolic link at `name` (relative to the directory `directory`).
    static func status(at name: String, in directory: Int32) -> stat? {
        var info = stat()
        return fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? info : nil
    }

    /// The status of an open descriptor.
    static func status(of descriptor: Int32) -> stat? {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? info : nil
    }

    /// Whether `info` describes a regular file.
    static func isRegular(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }
}
