import Foundation
import ObsCollector

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads a recording line by line from a file, standard input or memory, holding one buffer.
///
/// Memory: the buffer starts at ``initialCapacity`` and grows only to hold the longest line (at
/// most ``maximumLineBytes``), so reading a file of any size costs the same. A line's bytes exclude
/// its newline; they are valid until the next call to ``next()`` or ``unread()``.
///
/// Threads: one reader belongs to one thread at a time.
final class LineReader {
    /// One line of input.
    struct Line {
        /// The 1-based line number.
        var number: Int
        /// The bytes, without the newline; valid until the reader is next used.
        var bytes: UnsafeBufferPointer<UInt8>
        /// Whether a newline ended the line; only the input's last line can lack one (a writer
        /// that stopped mid-append leaves such a line).
        var endsWithNewline: Bool
    }

    /// The buffer's first size: 4 MiB, a few OTLP lines of 1,024 spans.
    static let initialCapacity = 4 << 20
    /// The longest line read (256 MiB); a longer one is an error rather than unbounded memory.
    static let maximumLineBytes = 256 << 20

    /// The input's name for messages.
    let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes of the buffer holding input.
    private var filled = 0
    /// Where the next line starts.
    private var position = 0
    /// Where the line last returned started (for ``unread()``).
    private var lastLineStart = 0
    private var atEndOfInput = false
    private(set) var lineNumber = 0
    /// Input bytes consumed so far (lines and their newlines).
    private(set) var bytesRead: UInt64 = 0

    /// Opens `path` for reading, or standard input for `-`.
    ///
    /// - Throws: ``RecordingError`` naming the path and the system's reason.
    init(path: String) throws(RecordingError) {
        name = TerminalText.neutralizeForReading(path)
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
        } else {
            let opened = open(path, O_RDONLY | O_CLOEXEC)
            guard opened >= 0 else {
                throw RecordingError(input: name, reason: "cannot open it: \(String(cString: strerror(errno)))")
            }
            descriptor = opened
            ownsDescriptor = true
        }
        capacity = Self.initialCapacity
        buffer = .allocate(capacity: capacity)
    }

    /// A reader over bytes in memory (tests, fuzzing, and the library's `Data` entry points).
    init(data: Data, name: String) {
        self.name = TerminalText.neutralizeForReading(name)
        descriptor = -1
        ownsDescriptor = false
        capacity = Swift.max(1, data.count)
        buffer = .allocate(capacity: capacity)
        data.copyBytes(to: buffer, count: data.count)
        filled = data.count
        atEndOfInput = true
    }

    deinit {
        buffer.deallocate()
        if ownsDescriptor { close(descriptor) }
    }

    /// The next line, or `nil` at the end of the input.
    ///
    /// - Throws: ``RecordingError`` when reading fails or a line passes ``maximumLineBytes``.
    func next() throws(RecordingError) -> Line? {
        var searched = 0  // bytes after `position` already searched for a newline
        while true {
            let from = position + searched
            if from < filled, let newline = memchr(buffer + from, 0x0A, filled - from) {
                let end = buffer.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                return take(upTo: end, newline: true)
            }
            if atEndOfInput {
                guard position < filled else { return nil }
                return take(upTo: filled, newline: false)
            }
            searched = filled - position
            try fill(maximum: Self.maximumLineBytes + 1)
        }
    }

    /// Gives back the line last returned, so that the next ``next()`` returns it again. Call it
    /// only right after ``next()`` returned a line.
    func unread() {
        guard lineNumber > 0 else { return }
        bytesRead -= UInt64(position - lastLineStart)
        position = lastLineStart
        lineNumber -= 1
    }

    /// Everything from the current position to the end of the input, for one-document formats.
    ///
    /// - Parameter limit: The most bytes to hold.
    /// - Throws: ``RecordingError`` when the rest is longer than `limit` or reading fails.
    func readRest(limit: Int) throws(RecordingError) -> Data {
        while !atEndOfInput, filled - position <= limit {
            try fill(maximum: limit + 1)
        }
        guard filled - position <= limit else {
            throw RecordingError(input: name, reason: "the document is larger than \(limit >> 20) MiB")
        }
        let data = Data(bytes: buffer + position, count: filled - position)
        bytesRead += UInt64(filled - position)
        position = filled
        return data
    }

    private func take(upTo end: Int, newline: Bool) -> Line {
        lineNumber += 1
        lastLineStart = position
        let line = Line(
            number: lineNumber, bytes: UnsafeBufferPointer(start: buffer + position, count: end - position),
            endsWithNewline: newline)
        position = newline ? end + 1 : end
        bytesRead += UInt64(position - lastLineStart)
        return line
    }

    /// Reads more input after the unread bytes, first moving them to the buffer's start and
    /// growing the buffer (up to `maximum` bytes) when they fill it.
    private func fill(maximum: Int) throws(RecordingError) {
        if position > 0 {
            let unread = filled - position
            if unread > 0 { memmove(buffer, buffer + position, unread) }
            filled = unread
            position = 0
            lastLineStart = 0
        }
        if filled == capacity {
            guard capacity < maximum else {
                throw RecordingError(
                    input: name, line: lineNumber + 1,
                    reason: "longer than \(Self.maximumLineBytes >> 20) MiB without a newline")
            }
            let grown = Swift.min(capacity * 2, maximum)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            larger.update(from: buffer, count: filled)
            buffer.deallocate()
            buffer = larger
            capacity = grown
        }
        while true {
            let count = read(descriptor, buffer + filled, capacity - filled)
            if count > 0 {
                filled += count
                return
            }
            if count == 0 {
                atEndOfInput = true
                return
            }
            if errno == EINTR { continue }
            throw RecordingError(input: name, reason: "cannot read it: \(String(cString: strerror(errno)))")
        }
    }
}

extension TerminalText {
    /// An input's name as messages show it: neutralized, and cut to 200 characters.
    static func neutralizeForReading(_ name: String) -> String {
        let clean = neutralize(name)
        return clean.count > 200 ? String(clean.prefix(199)) + "…" : clean
    }
}
