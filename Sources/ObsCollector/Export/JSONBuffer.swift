/// JSON text built as UTF-8 bytes, for the outputs written at the pipeline's rate (log lines, OTLP
/// spans and logs). It owns one growing byte buffer and appends with a capacity check and a
/// `memcpy`: a `String` append also checks uniqueness and the string's UTF-8 flags, and an `Array`
/// append its uniqueness, which cost more than the copy for the short fragments JSON is made of.
/// Integers, hex ids and times are written in place, never through temporary strings.
///
/// String values are escaped as RFC 8259 requires, and more: quotes, backslashes, every control
/// character, DEL and U+2028/U+2029 (line breaks to JavaScript), so a value never breaks a line. The
/// bytes are valid UTF-8 as long as every ``appendRaw(_:)`` was (Swift strings are).
///
/// Ownership: one owner at a time (a reference type for cheap `inout` passing; not thread-safe).
package final class JSONBuffer {
    // Unchecked: one owner at a time (see above), and the dynamic exclusivity checks of class
    // properties cost more than the appends themselves.
    @exclusivity(unchecked) private var start: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    /// Bytes written so far.
    @exclusivity(unchecked) package private(set) var count = 0

    /// An empty buffer with room for `capacity` bytes.
    package init(capacity: Int = 0) {
        self.capacity = max(256, capacity)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// The text as a string.
    package var text: String {
        String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    /// Calls `body` with the bytes written so far (valid during the call only).
    package func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// Removes everything, keeping the capacity.
    package func removeAll() {
        count = 0
    }

    // MARK: - Raw appends

    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = larger
    }

    @inline(__always)
    private func put(_ bytes: UnsafePointer<UInt8>, _ length: Int) {
        guard length > 0 else { return }
        reserve(length)
        (start + count).update(from: bytes, count: length)
        count += length
    }

    /// Appends one byte (an ASCII character).
    @inline(__always)
    package func append(byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    /// Appends JSON punctuation or a fixed fragment, as written.
    package func append(_ fragment: StaticString) {
        put(fragment.utf8Start, fragment.utf8CodeUnitCount)
    }

    /// Appends `text` unescaped: for text that is already JSON (a number, a prebuilt object).
    package func appendRaw(_ text: String) {
        var text = text
        text.withUTF8 { if let base = $0.baseAddress { put(base, $0.count) } }
    }

    /// Appends a newline.
    package func appendNewline() {
        append(byte: 0x0A)
    }

    // MARK: - Numbers, ids, times

    /// Appends `value` in decimal.
    package func appendDecimal(_ value: UInt64) {
        reserve(20)
        guard value >= 10 else {
            start[count] = 0x30 &+ UInt8(value)
            count += 1
            return
        }
        var digits = 0
        var remaining = value
        while remaining > 0 {
            digits += 1
            remaining /= 10
        }
        remaining = value
        var at = count + digits
        while remaining > 0 {
            at -= 1
            start[at] = 0x30 &+ UInt8(remaining % 10)
            remaining /= 10
        }
        count += digits
    }

    /// Appends `value` in decimal, with a minus sign when negative.
    package func appendDecimal(_ value: Int64) {
        if value < 0 { append(byte: 0x2D) }
        appendDecimal(value.magnitude)
    }

    /// Appends `value` as exactly `digits` lowercase hex digits (at most 16), zero-padded.
    package func appendHex(_ value: UInt64, digits: Int) {
        reserve(digits)
        TraceHex.write(
            value, digits: digits, into: UnsafeMutableBufferPointer(start: start + count, count: digits), at: 0)
        count += digits
    }

    /// Appends a trace id as a quoted 32-digit hex string.
    package func appendQuoted(_ id: TraceID) {
        append(byte: 0x22)
        appendHex(id.high, digits: 16)
        appendHex(id.low, digits: 16)
        append(byte: 0x22)
    }

    /// Appends a span id as a quoted 16-digit hex string.
    package func appendQuoted(_ id: SpanID) {
        append(byte: 0x22)
        appendHex(id.rawValue, digits: 16)
        append(byte: 0x22)
    }

    /// Appends a Unix time as a quoted RFC 3339 UTC time with nanoseconds.
    package func appendQuotedRFC3339(_ unixNanoseconds: UInt64) {
        append(byte: 0x22)
        reserve(UnixTime.rfc3339Length)
        UnixTime.writeRFC3339(
            unixNanoseconds, into: UnsafeMutableBufferPointer(start: start + count, count: UnixTime.rfc3339Length))
        count += UnixTime.rfc3339Length
        append(byte: 0x22)
    }

    // MARK: - Strings

    /// Appends `value` as a JSON string literal, quoted and escaped. Runs of bytes that need no
    /// escape are copied whole, so ordinary text costs one scan and one copy.
    package func appendString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            append(byte: 0x22)
            guard let base = utf8.baseAddress else {
                append(byte: 0x22)
                return
            }
            let length = utf8.count
            var runStart = 0
            var index = 0
            while index < length {
                // Eight bytes at a time while none of them needs a look (the common case).
                while index + 8 <= length,
                    !Self.mayNeedEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                {
                    index += 8
                }
                guard index < length else { break }
                let byte = base[index]
                if byte >= 0x20, byte != 0x22, byte != 0x5C, byte != 0x7F, byte != 0xE2 {
                    index += 1
                    continue
                }
                var escaped = 1
                var scalar = UInt32(byte)
                if byte == 0xE2 {
                    guard index + 2 < length, base[index + 1] == 0x80,
                        base[index + 2] == 0xA8 || base[index + 2] == 0xA9
                    else {
                        index += 1
                        continue
                    }
                    escaped = 3  // U+2028 or U+2029
                    scalar = base[index + 2] == 0xA8 ? 0x2028 : 0x2029
                }
                put(base + runStart, index - runStart)
                appendEscape(scalar)
                index += escaped
                runStart = index
            }
            put(base + runStart, length - runStart)
            append(byte: 0x22)
        }
    }

    /// Whether any of the eight bytes in `word` is a control character, `"`, `\\`, DEL or 0xE2 (the
    /// lead byte of U+2028/U+2029): the classic has-zero-byte and has-less-than tests on the word.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below0x20 || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
            || hasZeroByte(word ^ (ones &* 0x7F)) || hasZeroByte(word ^ (ones &* 0xE2))
    }

    /// The escape of one scalar that needs one.
    private func appendEscape(_ scalar: UInt32) {
        switch scalar {
        case 0x22: append("\\\"")
        case 0x5C: append("\\\\")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        default:
            append("\\u")
            appendHex(UInt64(scalar), digits: 4)
        }
    }
}
