#if canImport(Glibc)
public import Glibc
#elseif canImport(Musl)
public import Musl
#elseif canImport(Darwin)
public import Darwin
#endif

/// A file could not be written; the message names the path, the step and the system's reason.
public struct FileOutputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path being written.
    public var path: String
    /// What was being done, e.g. `"create temporary file"`.
    public var step: String
    /// The `errno` value.
    public var code: Int32

    /// Creates an error from the current `errno`.
    public init(path: String, step: String, code: Int32 = errno) {
        self.path = path
        self.step = step
        self.code = code
    }

    /// What failed, on which path, and the system's reason (with a hint when there is one).
    public var description: String {
        let reason = String(cString: strerror(code))
        let hint: String
        switch code {
        case ENOENT: hint = " (does the directory exist?)"
        case EACCES, EPERM: hint = " (check the permissions of the file and its directory)"
        case ENOSPC: hint = " (the disk is full)"
        case EROFS: hint = " (the file system is read-only)"
        default: hint = ""
        }
        return "cannot write \(path): \(step) failed: \(reason)\(hint)"
    }
}
