import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files atomically: a temporary file in the same directory, fsync, then rename.
///
/// A reader (node_exporter's textfile collector, `obsbridge top`) sees either the previous complete
/// file or the new complete file, never a partial one, even if the process dies mid-write.
public enum AtomicFileWriter {
    private static let sequence = Atomic<UInt64>(0)

    /// Replaces the file at `path` with `contents`.
    ///
    /// - Throws: ``FileOutputError`` naming the step that failed; the previous file is untouched.
    public static func write(_ contents: String, to path: String) throws(FileOutputError) {
        let directory = parentDirectory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        // Unique per process and call, so concurrent writers to one path never share a file.
        let temporary =
            directory + "/." + name + ".tmp." + String(getpid()) + "."
            + String(sequence.add(1, ordering: .relaxed).newValue)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileOutputError(path: path, step: "create temporary file") }
        var failure: FileOutputError?
        var bytes = Array(contents.utf8)
        var offset = 0
        while offset < bytes.count, failure == nil {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno != EINTR { failure = FileOutputError(path: path, step: "write") }
            } else {
                offset += written
            }
        }
        bytes.removeAll()
        if failure == nil, fsync(fd) != 0 { failure = FileOutputError(path: path, step: "fsync") }
        if close(fd) != 0, failure == nil { failure = FileOutputError(path: path, step: "close") }
        if failure == nil, rename(temporary, path) != 0 {
            failure = FileOutputError(path: path, step: "rename into place")
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// The directory part of `path` (`.` for a bare name).
    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }
}
