import Synchronization

#if canImport(Glibc)
public import Glibc
#elseif canImport(Musl)
public import Musl
#elseif canImport(Darwin)
public import Darwin
#endif

/// Appends text to standard output or a file, for JSON Lines streams: safely in shared
/// directories, within a disk bound, and compatible with logrotate.
///
/// - Safety: the file is opened under ``AppendedFile``'s policy: the file name itself is never
///   followed if it is a symbolic link, and a FIFO, a hard link or another user's file is refused.
///   A new file gets `permissions` (by default `0o640`: not world-readable).
/// - Disk: with a ``FileRotation``, the file is rotated before a batch would take it past the
///   maximum size, and the output never holds more than ``FileRotation/maximumDiskBytes``.
/// - logrotate: when the path vanishes or names another file (moved away by logrotate, deleted),
///   the next append opens the path again; ``reopen()`` does it at once (the `obsbridge` command
///   calls it on `SIGHUP`; a library never takes over its host's signals). With `copytruncate`,
///   appends continue at the new end of the file.
/// - Failures (a missing directory, no permission, a full disk, a size limit, a refused file) are
///   never thrown: the records are counted as lost (``statistics``), ``lastFailure`` says why, and
///   the next append tries again, so output resumes once the problem is fixed. A batch is written
///   whole or not at all: a write cut short by a full disk is truncated away, so the file never
///   ends in half a line.
///
/// Thread-safe: appends are serialised by a lock; the file is written only under it.
public final class LineAppender: Sendable {
    private struct State {
        var handle: AppendedFile.Handle?
        var lastFailure: String?
        var statistics: OutputStatistics
        /// Records written into the current file (index 0) and each backup, in this process.
        var generationRecords: [UInt64]
    }

    /// The default mode of a new file: owner read-write, group read, nobody else.
    public static let defaultPermissions: mode_t = 0o640

    /// Where the text goes.
    public let destination: OutputDestination
    /// The rotation policy (files only), if any.
    public let rotation: FileRotation?
    /// The mode of a new file (the umask applies).
    public let permissions: mode_t
    private let state: Locked<State>

    /// Creates an appender; a file is opened at the first append.
    ///
    /// - Parameters:
    ///   - destination: Standard output or a file path.
    ///   - rotation: Size-based rotation for a file; `nil` lets the file grow (for logrotate).
    ///   - permissions: The mode of a new file.
    ///   - output: What the output holds, for ``statistics`` (e.g. `"otlp_traces"`).
    public init(
        destination: OutputDestination, rotation: FileRotation? = nil,
        permissions: mode_t = LineAppender.defaultPermissions, output: String = "lines"
    ) {
        self.destination = destination
        self.rotation = destination == .standardOutput ? nil : rotation
        self.permissions = permissions
        state = Locked(
            State(
                statistics: OutputStatistics(
                    output: output, path: destination.description, rotation: self.rotation),
                generationRecords: Array(repeating: 0, count: (self.rotation?.backups ?? 0) + 1)))
    }

    deinit {
        state.withLock { state in
            if let handle = state.handle { close(handle.descriptor) }
        }
    }

    /// Appends `text`, which holds `records` records (for the counters), whole or not at all.
    ///
    /// - Returns: Whether the text was written completely.
    @discardableResult
    public func append(_ text: String, records: Int) -> Bool {
        var text = text
        return text.withUTF8 { append(UnsafeRawBufferPointer($0), records: records) }
    }

    /// Appends the bytes of `text`, which hold `records` records, whole or not at all (as
    /// ``append(_:records:)``, without a string).
    ///
    /// - Returns: Whether the bytes were written completely.
    @discardableResult
    package func append(_ text: JSONBuffer, records: Int) -> Bool {
        text.withBytes { append($0, records: records) }
    }

    private func append(_ bytes: UnsafeRawBufferPointer, records: Int) -> Bool {
        state.withLock { state in
            let records = UInt64(max(0, records))
            if let failure = write(bytes, records: records, state: &state) {
                state.statistics.lostRecords &+= records
                state.statistics.lostBytes &+= UInt64(bytes.count)
                state.lastFailure = failure.description
                return false
            }
            state.statistics.writtenRecords &+= records
            state.statistics.writtenBytes &+= UInt64(bytes.count)
            return true
        }
    }

    /// Counts `records` that never reached ``append(_:records:)`` (their producer dropped them, for
    /// example because the writer fell behind) as lost, with `reason` as the last failure.
    public func countLost(records: Int, reason: String) {
        guard records > 0 else { return }
        state.withLock { state in
            state.statistics.lostRecords &+= UInt64(records)
            state.lastFailure = reason
        }
    }

    /// Closes the file; the next append opens the path again (a new file if it was moved away).
    /// For logrotate's `postrotate`, or a `SIGHUP` handler that the host program installs.
    public func reopen() {
        state.withLock { state in
            guard let handle = state.handle, case .file(let path) = destination else { return }
            closeFile(&state, moved: AppendedFile.identity(at: path) != handle.identity)
        }
    }

    /// The most recent failure, if any.
    public var lastFailure: String? { state.withLock { $0.lastFailure } }
    /// Records written.
    public var writtenRecords: UInt64 { state.withLock { $0.statistics.writtenRecords } }
    /// Records that could not be written.
    public var failedRecords: UInt64 { state.withLock { $0.statistics.lostRecords } }
    /// Everything written and lost so far.
    public var statistics: OutputStatistics { state.withLock { $0.statistics } }

    // MARK: - Writing

    private func write(_ bytes: UnsafeRawBufferPointer, records: UInt64, state: inout State) -> FileOutputError? {
        guard case .file(let path) = destination else {
            return FileDescriptorWrites.writeAll(STDOUT_FILENO, bytes).map {
                FileOutputError(path: "standard output", step: "append", code: $0.code)
            }
        }
        if let rotation, UInt64(bytes.count) > rotation.maxBytes {
            return FileOutputError(
                path: path, step: "append", code: 0,
                detail: "a batch of \(bytes.count) bytes is larger than the rotation's maximum file size "
                    + "(\(rotation.maxBytes) bytes)")
        }
        if let handle = state.handle, AppendedFile.identity(at: path) != handle.identity {
            // Moved away (logrotate), deleted or replaced: start a file at the path again.
            closeFile(&state, moved: true)
        }
        if state.handle == nil {
            switch AppendedFile.openForAppending(path, permissions: permissions) {
            case .success(let handle): state.handle = handle
            case .failure(let failure): return failure
            }
        }
        guard var handle = state.handle, let info = FileDescriptorWrites.status(of: handle.descriptor) else {
            return FileOutputError(path: path, step: "inspect the file")
        }
        var start = UInt64(max(0, info.st_size))
        if let rotation, start > 0, start + UInt64(bytes.count) > rotation.maxBytes {
            if let failure = rotate(path, rotation, state: &state) { return failure }
            guard let rotated = state.handle else { return FileOutputError(path: path, step: "rotate") }
            handle = rotated
            start = 0
        }
        if let failure = FileDescriptorWrites.writeAll(handle.descriptor, bytes) {
            // Whole batches only: cut away the part that fit, so the next line starts a line.
            if failure.written > 0 { _ = ftruncate(handle.descriptor, off_t(start)) }
            return FileOutputError(path: path, step: "append", code: failure.code)
        }
        state.generationRecords[0] &+= records
        return nil
    }

    /// Moves the full file to backup 1 (and every backup up one) and opens a new file.
    private func rotate(_ path: String, _ rotation: FileRotation, state: inout State) -> FileOutputError? {
        switch rotation.shift(path) {
        case .failure(let failure): return failure
        case .success(let removedBytes):
            state.statistics.rotations &+= 1
            state.statistics.rotatedAwayBytes &+= removedBytes
            state.statistics.rotatedAwayRecords &+= state.generationRecords.removeLast()
            state.generationRecords.insert(0, at: 0)
        }
        if let handle = state.handle { close(handle.descriptor) }
        state.handle = nil
        // Exclusive: a name planted between the rename and this open is refused, not appended to.
        switch AppendedFile.openForAppending(path, permissions: permissions, exclusive: true) {
        case .success(let handle):
            state.handle = handle
            return nil
        case .failure(let failure): return failure
        }
    }

    /// Closes the file so that the next append opens the path again, counting a reopen.
    private func closeFile(_ state: inout State, moved: Bool) {
        guard let handle = state.handle else { return }
        close(handle.descriptor)
        state.handle = nil
        state.statistics.reopens &+= 1
        if moved {
            // Another program moved the files: what this process wrote into each is unknown now.
            for index in state.generationRecords.indices { state.generationRecords[index] = 0 }
        }
    }
}
