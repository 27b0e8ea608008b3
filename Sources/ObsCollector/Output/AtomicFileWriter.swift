#if canImport(Glibc)
public import Glibc
#elseif canImport(Musl)
public import Musl
#elseif canImport(Darwin)
public import Darwin
#endif

/// Writes whole files atomically and safely in directories that other users can write to: a
/// temporary file created exclusively in the same directory, fsync, rename over the target, fsync
/// of the directory.
///
/// A reader (node_exporter's textfile collector, `obsbridge top`) sees either the previous complete
/// file or the new complete file, never a partial one, even if the process dies mid-write.
///
/// What is and is not followed:
/// - The directory part of the path is resolved once per write, following symbolic links: the
///   operator chose it, and only whoever may write its parent can replace it. Give a directory
///   whose parents only trusted users can change.
/// - The temporary file's name is `.<name>.tmp.<16 random hex digits>`, created with
///   `O_CREAT | O_EXCL | O_NOFOLLOW` (as `mkstemp` does): whatever another user planted under that
///   name (a symbolic link, a hard link, a FIFO) makes the creation fail, and another random name
///   is tried. Nothing is ever opened through a link.
/// - The rename replaces whatever is at the file name itself (a planted symbolic link included)
///   and never writes through it.
/// - Modes never widen: the new file is created with `permissions` (minus the umask) and, when it
///   replaces a regular file, with no permission that file did not have.
///
/// In a directory without the sticky bit, another user can still delete or replace the exported
/// file itself (the directory lets them); what this writer guarantees is that it is never the
/// means to change any other file.
///
/// Threads: any; concurrent writers to one path each use their own temporary file, and the last
/// rename wins.
public enum AtomicFileWriter {
    /// The mode new files get unless a caller says otherwise: readable by everyone (node_exporter
    /// usually runs as its own user), writable by the owner.
    public static let defaultPermissions: mode_t = 0o644
    /// Temporary names tried before giving up when each is taken.
    static let attempts = 64

    /// Replaces the file at `path` with `contents`.
    ///
    /// - Parameters:
    ///   - contents: The whole new file.
    ///   - path: The file to replace (created if missing).
    ///   - permissions: The mode of a new file (the umask applies); a file that replaces another is
    ///     never more open than the one it replaces.
    /// - Throws: ``FileOutputError`` naming the step that failed; the previous file is untouched,
    ///   except after a failed directory fsync (the step says so): then the new file is in place
    ///   but may not survive a power loss.
    public static func write(
        _ contents: String, to path: String, permissions: mode_t = defaultPermissions
    ) throws(FileOutputError) {
        try write(contents, to: path, permissions: permissions) { name in
            "." + name + ".tmp." + randomHex()
        }
    }

    /// The same, with the temporary names chosen by `temporaryName` (tests use it to plant links
    /// at the exact names the writer will try).
    package static func write(
        _ contents: String, to path: String, permissions: mode_t, temporaryName: (String) -> String
    ) throws(FileOutputError) {
        let directoryPath = parentDirectory(of: path)
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty, name != ".", name != ".." else {
            throw FileOutputError(path: path, step: "name the file", code: EISDIR)
        }
        let directory = open(directoryPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw FileOutputError(path: path, step: "open the directory") }
        defer { close(directory) }

        var temporary = ""
        var descriptor: Int32 = -1
        for _ in 0..<attempts {
            temporary = temporaryName(name)
            descriptor = openat(
                directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC,
                permissions)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw FileOutputError(path: path, step: "create temporary file") }

        var failure = narrowPermissions(descriptor, toThoseOf: name, in: directory, path: path)
        if failure == nil {
            var text = contents
            let result = text.withUTF8 { FileDescriptorWrites.writeAll(descriptor, UnsafeRawBufferPointer($0)) }
            if let result { failure = FileOutputError(path: path, step: "write", code: result.code) }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = FileOutputError(path: path, step: "fsync") }
        if close(descriptor) != 0, failure == nil { failure = FileOutputError(path: path, step: "close") }
        if failure == nil, renameat(directory, temporary, directory, name) != 0 {
            failure = FileOutputError(path: path, step: "rename into place")
        }
        if let failure {
            // Removes the name only: if another user swapped something in under it, that is what
            // goes, and nothing it points to.
            unlinkat(directory, temporary, 0)
            throw failure
        }
        // The rename is durable only once the directory is; EINVAL: the file system cannot sync
        // directories (and needs no sync for the rename to last).
        if fsync(directory) != 0, errno != EINVAL {
            throw FileOutputError(path: path, step: "fsync the directory after the rename")
        }
    }

    /// Removes from the new file every permission the regular file it replaces lacks.
    private static func narrowPermissions(
        _ descriptor: Int32, toThoseOf name: String, in directory: Int32, path: String
    ) -> FileOutputError? {
        guard let existing = FileDescriptorWrites.status(at: name, in: directory),
            FileDescriptorWrites.isRegular(existing),
            let created = FileDescriptorWrites.status(of: descriptor)
        else { return nil }
        let mode = created.st_mode & 0o777
        let narrowed = mode & existing.st_mode
        guard narrowed != mode else { return nil }
        return fchmod(descriptor, narrowed) == 0 ? nil : FileOutputError(path: path, step: "set permissions")
    }

    /// Sixteen hex digits from the system's random source: 64 bits no other user can predict.
    package static func randomHex() -> String {
        let value = UInt64.random(in: .min ... .max)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The directory part of `path` (`.` for a bare name).
    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }
}
