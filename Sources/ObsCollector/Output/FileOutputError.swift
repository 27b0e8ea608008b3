#if canImport(Glibc)
public import Glibc
#elseif canImport(Musl)
public import Musl
#elseif canImport(Darwin)
public import Darwin
#endif

/// A file could not be written; the message names the path, the step and the reason.
public struct FileOutputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path being written.
    public var path: String
    /// What was being done, e.g. `"create temporary file"`.
    public var step: String
    /// The `errno` value (`0` when ObsBridge itself refused the file; then ``detail`` says why).
    public var code: Int32
    /// ObsBridge's own reason, used instead of the system's (for example, why a file was refused).
    public var detail: String?

    /// Creates an error from the current `errno`, or from ObsBridge's own reason.
    public init(path: String, step: String, code: Int32 = errno, detail: String? = nil) {
        self.path = path
        self.step = step
        self.code = code
        self.detail = detail
    }

    /// What failed, on which path, and the reason (with a hint when there is one).
    public var description: String {
        if let detail { return "cannot write \(path): \(step) failed: \(detail)" }
        let reason = String(cString: strerror(code))
        let hint: String
        switch code {
        case ENOENT: hint = " (does the directory exist?)"
        case EACCES, EPERM: hint = " (check the permissions of the file and its directory)"
        case ENOSPC: hint = " (the disk is full)"
        case EFBIG: hint = " (the file size limit was reached)"
        case EROFS: hint = " (the file system is read-only)"
        case ELOOP:
            hint = " (the file name is a symbolic link: ObsBridge never follows one there; give the real path)"
        case ENXIO: hint = " (the file name is a FIFO or socket, not a regular file)"
        default: hint = ""
        }
        return "cannot write \(path): \(step) failed: \(reason)\(hint)"
    }
}
