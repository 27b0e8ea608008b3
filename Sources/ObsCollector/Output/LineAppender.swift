import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Appends text to standard output or a file (created if missing, opened with `O_APPEND`), for
/// JSON Lines streams.
///
/// Thread-safe. A failure (missing directory, no permission, full disk, a file deleted under us) is
/// never thrown: the records are counted in ``failedRecords``, ``lastFailure`` says why, and the next
/// append opens the file again, so output resumes once the problem is fixed.
public final class LineAppender: Sendable {
    private struct State {
        var descriptor: Int32 = -1
        var lastFailure: String?
        var written: UInt64 = 0
        var failed: UInt64 = 0
    }

    /// Where the text goes.
    public let destination: OutputDestination
    private let state = Locked(State())

    /// Creates an appender; a file is opened at the first append.
    public init(destination: OutputDestination) {
        self.destination = destination
    }

    deinit {
        state.withLock { state in
            if state.descriptor > 2 { close(state.descriptor) }
        }
    }

    /// Appends `text`, which holds `records` records (for the counters).
    ///
    /// - Returns: Whether the text was written completely.
    @discardableResult
    public func append(_ text: String, records: Int) -> Bool {
        state.withLock { state in
            if let failure = Self.write(text, state: &state, destination: destination) {
                state.failed &+= UInt64(records)
                state.lastFailure = failure.description
                return false
            }
            state.written &+= UInt64(records)
            return true
        }
    }

    /// The most recent failure, if any.
    public var lastFailure: String? { state.withLock { $0.lastFailure } }
    /// Records written.
    public var writtenRecords: UInt64 { state.withLock { $0.written } }
    /// Records that could not be written.
    public var failedRecords: UInt64 { state.withLock { $0.failed } }

    private static func write(
        _ text: String, state: inout State, destination: OutputDestination
    ) -> FileOutputError? {
        let path: String
        switch destination {
        case .standardOutput:
            state.descriptor = STDOUT_FILENO
            path = "standard output"
        case .file(let file):
            path = file
            if state.descriptor >= 0, access(file, F_OK) != 0 {
                // The file vanished (rotated or deleted): start a new one.
                close(state.descriptor)
                state.descriptor = -1
            }
            if state.descriptor < 0 {
                state.descriptor = open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
                if state.descriptor < 0 { return FileOutputError(path: file, step: "open") }
            }
        }
        var text = text
        return text.withUTF8 { bytes -> FileOutputError? in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(state.descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    let failure = FileOutputError(path: path, step: "append")
                    if state.descriptor > 2 { close(state.descriptor) }
                    state.descriptor = -1
                    return failure
                }
                offset += written
            }
            return nil
        }
    }
}
