#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A forward-only reader over the bytes of one JSON text that checks what it passes over.
///
/// It accepts only what RFC 8259 allows, and is stricter where agreeing with Foundation's
/// `JSONSerialization` would take more code than it is worth: it refuses (returns `nil` or
/// `false`) numbers with exponents or more than 19 integer or 30 fraction digits, `\u` escapes of surrogates,
/// keys with escapes, and nesting deeper than ``maximumDepth``. Refusing is never a verdict: the
/// caller then hands the line to the strict parser, which decides.
///
/// Strings are checked to be UTF-8 without decoding them; ``string(_:)`` decodes one on request.
struct JSONByteCursor {
    /// A string's bytes between its quotes.
    struct StringToken {
        /// Offset of the first byte after the opening quote.
        var start: Int
        /// Offset of the closing quote.
        var end: Int
        /// Whether the string holds a backslash escape (its bytes are not its text).
        var escaped: Bool

        var count: Int { end - start }
    }

    /// The deepest nesting skipped (objects and arrays inside the value being skipped).
    static let maximumDepth = 64

    let base: UnsafePointer<UInt8>
    let end: Int
    var offset = 0

    /// A cursor over `bytes`, which must outlive it.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        // An empty buffer may have no address; with `end` 0 the pointer is never read.
        base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = bytes.count
    }

    // MARK: - Bytes

    /// The byte at the cursor, or 0 at the end.
    @inline(__always)
    var current: UInt8 { offset < end ? base[offset] : 0 }

    /// Passes over spaces, tabs, carriage returns and newlines.
    @inline(__always)
    mutating func skipWhitespace() {
        while offset < end {
            let byte = base[offset]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            offset += 1
        }
    }

    /// Skips whitespace, then consumes `byte` if it is next.
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard offset < end, base[offset] == byte else { return false }
        offset += 1
        return true
    }

    /// Whether only whitespace is left.
    mutating func atEnd() -> Bool {
        skipWhitespace()
        return offset == end
    }

    // MARK: - Strings

    /// Reads a string (after whitespace), checking its escapes and its UTF-8.
    @inline(__always)
    mutating func stringToken() -> StringToken? {
        guard consume(0x22) else { return nil }
        let start = offset
        var escaped = false
        // A local index, so that the loop keeps it in a register.
        var index = offset
        defer { offset = index }
        while index < end {
            // Eight bytes at a time while none of them needs a look of its own.
            while index &+ 8 <= end,
                !Self.needsAttention(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            {
                index &+= 8
            }
            guard index < end else { break }
            let byte = base[index]
            // One comparison for the common case: printable ASCII other than `"` and `\`.
            if byte &- 0x20 < 0x60, byte != 0x22, byte != 0x5C {
                index &+= 1
                continue
            }
            if byte == 0x22 {
                index &+= 1
                return StringToken(start: start, end: index &- 1, escaped: escaped)
            }
            offset = index
            if byte == 0x5C {
                escaped = true
                guard skipEscape() else { return nil }
            } else {
                guard byte >= 0x80, skipUTF8Sequence() else { return nil }  // a control character, or bad UTF-8
            }
            index = offset
        }
        return nil
    }

    /// Whether any of the eight bytes in `word` is a quote, a backslash, a control character or
    /// not ASCII (the bytes a string scan must look at one by one). Exact: a word without such a
    /// byte always answers `false`.
    @inline(__always)
    static func needsAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let quote = hasZeroByte(word ^ (ones &* 0x22))
        let backslash = hasZeroByte(word ^ (ones &* 0x5C))
        let control = (word &- ones &* 0x20) & ~word & highs  // some byte below 0x20
        return (quote | backslash | control | (word & highs)) != 0
    }

    /// Whether the token's text is exactly `literal` (an ASCII key).
    @inline(__always)
    func matches(_ token: StringToken, _ literal: StaticString) -> Bool {
        guard !token.escaped, token.count == literal.utf8CodeUnitCount else { return false }
        return memcmp(base + token.start, literal.utf8Start, token.count) == 0
    }

    /// The token's bytes (escapes not decoded).
    func bytes(_ token: StringToken) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + token.start, count: token.count)
    }

    /// The token's text, with escapes decoded.
    func string(_ token: StringToken) -> String {
        guard token.escaped else { return String(decoding: bytes(token), as: UTF8.self) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(token.count)
        var index = token.start
        while index < token.end {
            let byte = base[index]
            guard byte == 0x5C else {
                decoded.append(byte)
                index += 1
                continue
            }
            let kind = base[index + 1]
            index += 2
            switch kind {
            case 0x62: decoded.append(0x08)
            case 0x66: decoded.append(0x0C)
            case 0x6E: decoded.append(0x0A)
            case 0x72: decoded.append(0x0D)
            case 0x74: decoded.append(0x09)
            case 0x75:
                // `stringToken` let no surrogate through, so every value here is a scalar.
                let scalar = Unicode.Scalar(UInt32(HexText.value(base + index, count: 4)!))!
                UTF8.encode(scalar) { decoded.append($0) }
                index += 4
            default: decoded.append(kind)  // `"`, `\` and `/`
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// Passes over one escape at the cursor (a backslash).
    private mutating func skipEscape() -> Bool {
        guard offset + 1 < end else { return false }
        switch base[offset + 1] {
        case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
            offset += 2
            return true
        case 0x75:
            guard offset + 6 <= end, let value = HexText.value(base + offset + 2, count: 4),
                !(0xD800...0xDFFF).contains(value)
            else { return false }
            offset += 6
            return true
        default:
            return false
        }
    }

    /// Passes over one well-formed UTF-8 sequence of two to four bytes at the cursor.
    private mutating func skipUTF8Sequence() -> Bool {
        let lead = base[offset]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return false
        }
        guard offset + length <= end else { return false }
        let second = base[offset + 1]
        guard second >= low, second <= high else { return false }
        for index in 2..<length where base[offset + index] & 0xC0 != 0x80 { return false }
        offset += length
        return true
    }

    // MARK: - Numbers and other values

    /// Reads a JSON integer of digits only (no sign, fraction or exponent) that fits in 64 bits.
    mutating func unsignedInteger() -> UInt64? {
        skipWhitespace()
        let start = offset
        var value: UInt64 = 0
        while offset < end, base[offset] &- 0x30 < 10 {
            let (product, overflowedProduct) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowedSum) = product.addingReportingOverflow(UInt64(base[offset] &- 0x30))
            guard !overflowedProduct, !overflowedSum else { return nil }
            value = sum
            offset += 1
        }
        let digits = offset - start
        guard digits > 0, digits == 1 || base[start] != 0x30 else { return nil }
        // A fraction or exponent follows: not a plain integer.
        guard offset == end || (base[offset] != 0x2E && base[offset] | 0x20 != 0x65) else { return nil }
        return value
    }

    /// Skips one value of any kind, checking it.
    mutating func skipValue(depth: Int = 0) -> Bool {
        skipWhitespace()
        guard offset < end else { return false }
        switch base[offset] {
        case 0x22: return stringToken() != nil
        case 0x7B:
            guard depth < Self.maximumDepth else { return false }
            offset += 1
            if consume(0x7D) { return true }
            repeat {
                guard stringToken() != nil, consume(0x3A), skipValue(depth: depth + 1) else { return false }
            } while consume(0x2C)
            return consume(0x7D)
        case 0x5B:
            guard depth < Self.maximumDepth else { return false }
            offset += 1
            if consume(0x5D) { return true }
            repeat {
                guard skipValue(depth: depth + 1) else { return false }
            } while consume(0x2C)
            return consume(0x5D)
        case 0x74: return literal("true")
        case 0x66: return literal("false")
        case 0x6E: return literal("null")
        default: return skipNumber()
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard offset + count <= end, memcmp(base + offset, word.utf8Start, count) == 0 else { return false }
        offset += count
        return true
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with at most 19 integer and 30 fraction digits; exponents are
    /// refused.
    private mutating func skipNumber() -> Bool {
        if base[offset] == 0x2D { offset += 1 }
        let start = offset
        while offset < end, base[offset] &- 0x30 < 10 { offset += 1 }
        let digits = offset - start
        guard digits > 0, digits <= 19, digits == 1 || base[start] != 0x30 else { return false }
        if offset < end, base[offset] == 0x2E {
            offset += 1
            let fraction = offset
            while offset < end, base[offset] &- 0x30 < 10 { offset += 1 }
            guard offset > fraction, offset - fraction <= 30 else { return false }
        }
        return offset == end || base[offset] | 0x20 != 0x65
    }
}
