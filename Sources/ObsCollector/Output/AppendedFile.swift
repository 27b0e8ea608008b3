#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a file for appending in a directory other users may write to, refusing anything another
/// user could have planted there to redirect the output.
///
/// The policy (what is followed, and why):
/// - The directory part of the path is followed, links included: the operator chose it, and only
///   whoever may write its parent can replace it.
/// - The file name itself is never followed (`O_NOFOLLOW`): in a shared directory a symbolic link
///   there may be anyone's, and following it would let them aim the output at any file this
///   process may write (as root: any file).
/// - The open never blocks (`O_NONBLOCK`, cleared afterwards): a FIFO planted without a reader
///   fails at once instead of hanging the writer.
/// - The opened file must be a regular file (or a character device such as `/dev/null`, which
///   only root can create), have exactly one link (a hard link planted to another file would
///   otherwise be written through), and belong to this process's user or to root (else another
///   user could read what is written). Anything else is closed again and refused.
/// - A new file gets `permissions` minus the umask; an existing file's mode is left alone.
///
/// Threads: any; the functions keep no state.
enum AppendedFile {
    /// A file open for appending and the identity it was opened with.
    struct Handle {
        /// The descriptor, opened with `O_APPEND`.
        var descriptor: Int32
        /// The device and inode it was opened at, to notice when the path names another file.
        var identity: Identity
    }

    /// A file's device and inode.
    struct Identity: Equatable {
        var device: UInt64
        var inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// Opens `path` for appending under the policy above, creating it if missing.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - permissions: The mode of a new file (the umask applies).
    ///   - exclusive: Create a new file only (after a rotation moved the old one away).
    /// - Returns: The handle, or why the file was refused.
    static func openForAppending(
        _ path: String, permissions: mode_t, exclusive: Bool = false
    ) -> Result<Handle, FileOutputError> {
        let flags =
            O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC
            | (exclusive ? O_EXCL : 0)
        let descriptor = open(path, flags, permissions)
        guard descriptor >= 0 else { return .failure(FileOutputError(path: path, step: "open")) }
        guard let info = FileDescriptorWrites.status(of: descriptor) else {
            let failure = FileOutputError(path: path, step: "inspect the opened file")
            close(descriptor)
            return .failure(failure)
        }
        if let refusal = refusal(of: info) {
            close(descriptor)
            return .failure(FileOutputError(path: path, step: "open", code: 0, detail: refusal))
        }
        let status = fcntl(descriptor, F_GETFL)
        if status >= 0 { _ = fcntl(descriptor, F_SETFL, status & ~O_NONBLOCK) }
        return .success(Handle(descriptor: descriptor, identity: Identity(info)))
    }

    /// Why a file with status `info` must not be appended to, or `nil` when it may be.
    static func refusal(of info: stat) -> String? {
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFCHR else {
            return "it is not a regular file; ObsBridge appends only to regular files"
        }
        guard info.st_nlink <= 1 else {
            return "it has \(info.st_nlink) hard links; ObsBridge appends only to a file with one name, "
                + "so that a link planted to another file cannot redirect its output"
        }
        guard info.st_uid == geteuid() || info.st_uid == 0 else {
            return "it belongs to user \(info.st_uid); ObsBridge appends only to files of its own user "
                + "(\(geteuid())) or root, so that another user cannot read what it writes"
        }
        return nil
    }

    /// The identity of the file now at `path`, without following a link there; `nil` if none.
    static func identity(at path: String) -> Identity? {
        var info = stat()
        return lstat(path, &info) == 0 ? Identity(info) : nil
    }
}
