#if canImport(Glibc)
import Glibc
#endif

/// Writes to standard output and standard error without buffering surprises.
enum Output {
    static func out(_ text: String) {
        var text = text
        text.withUTF8 { bytes in writeAll(STDOUT_FILENO, bytes) }
    }

    static func line(_ text: String = "") { out(text + "\n") }

    static func error(_ text: String) {
        var text = text + "\n"
        text.withUTF8 { bytes in writeAll(STDERR_FILENO, bytes) }
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    /// Whether standard output is a terminal.
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
