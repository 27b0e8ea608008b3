/// JSON text built as UTF-8 bytes, for the outputs written at the pipeline's rate (log lines, OTLP
/// spans and logs): appending to a byte array is a copy, where every `String` append also checks
/// capacity, uniqueness and the string's UTF-8 flags, and integers and ids are written in place
/// instead of through temporary strings.
///
/// String values are escaped as RFC 8259 requires, and more: quotes, backslashes, every control
/// character, DEL and U+2028/U+2029 (line breaks to JavaScript), so a value never breaks a line. The
/// bytes are valid UTF-8 as long as every ``appendRaw(_:)`` was (Swift strings are).
package struct JSONBuffer {
    /// The text so far.
    package private(set) var bytes: [UInt8] = []

    /// An empty buffer with room for `capacity` bytes.
    package init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The text as a string.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends JSON punctuation or a fixed fragment, as written.
    package mutating func append(_ fragment: StaticString) {
        fragment.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` unescaped: for text that is already JSON (a number, a prebuilt object).
    package mutating func appendRaw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends one byte (an ASCII character).
    package mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends a newline.
    package mutating func appendNewline() {
        bytes.append(0x0A)
    }

    /// Removes everything, keeping the capacity.
    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Appends `value` in decimal.
    package mutating func appendDecimal(_ value: UInt64) {
        guard value >= 10 else {
            bytes.append(0x30 &+ UInt8(value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value
            var start = 20
            while remaining > 0 {
                start -= 1
                digits[start] = 0x30 &+ UInt8(remaining % 10)
                remaining /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// Appends `value` in decimal, with a minus sign when negative.
    package mutating func appendDecimal(_ value: Int64) {
        if value < 0 { bytes.append(0x2D) }
        appendDecimal(value.magnitude)
    }

    /// Appends `value` as exactly `digits` lowercase hex digits (at most 16), zero-padded.
    package mutating func appendHex(_ value: UInt64, digits: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
            TraceHex.write(value, digits: digits, into: buffer, at: 0)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<digits]))
        }
    }

    /// Appends a trace id as a quoted 32-digit hex string.
    package mutating func appendQuoted(_ id: TraceID) {
        bytes.append(0x22)
        appendHex(id.high, digits: 16)
        appendHex(id.low, digits: 16)
        bytes.append(0x22)
    }

    /// Appends a span id as a quoted 16-digit hex string.
    package mutating func appendQuoted(_ id: SpanID) {
        bytes.append(0x22)
        appendHex(id.rawValue, digits: 16)
        bytes.append(0x22)
    }

    /// Appends a Unix time as a quoted RFC 3339 UTC time with nanoseconds.
    package mutating func appendQuotedRFC3339(_ unixNanoseconds: UInt64) {
        bytes.append(0x22)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: UnixTime.rfc3339Length) { buffer in
            UnixTime.writeRFC3339(unixNanoseconds, into: buffer)
            bytes.append(contentsOf: buffer)
        }
        bytes.append(0x22)
    }

    /// Appends `value` as a JSON string literal, quoted and escaped. Runs of bytes that need no
    /// escape are copied whole, so ordinary text costs one scan and one copy.
    package mutating func appendString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            bytes.append(0x22)
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                var escaped = 1
                if byte >= 0x20, byte != 0x22, byte != 0x5C, byte != 0x7F {
                    guard byte == 0xE2, index + 2 < utf8.count, utf8[index + 1] == 0x80,
                        utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9
                    else {
                        index += 1
                        continue
                    }
                    escaped = 3  // U+2028 or U+2029
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(escaped == 3 ? (utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029) : UInt32(byte))
                index += escaped
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            bytes.append(0x22)
        }
    }

    /// The escape of one scalar that needs one.
    private mutating func appendEscape(_ scalar: UInt32) {
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
