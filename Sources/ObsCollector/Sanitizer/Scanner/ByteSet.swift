/// A set of bytes, as 256 bits: the character classes the scanner's rules are written in.
struct ByteSet: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var upper: (UInt64, UInt64) = (0, 0)

    /// The set of the given ASCII characters and ranges, e.g. `ByteSet("a-z0-9_")`: a `-` between two
    /// characters makes a range; a `-` first or last stands for itself.
    init(_ spec: String) {
        let bytes = Array(spec.utf8)
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                for byte in bytes[index]...bytes[index + 2] { insert(byte) }
                index += 3
            } else {
                insert(bytes[index])
                index += 1
            }
        }
    }

    /// The union of two sets.
    func union(_ other: ByteSet) -> ByteSet {
        var result = self
        result.low |= other.low
        result.high |= other.high
        result.upper = (upper.0 | other.upper.0, upper.1 | other.upper.1)
        return result
    }

    /// Every byte not in `other`.
    func subtracting(_ other: ByteSet) -> ByteSet {
        var result = self
        result.low &= ~other.low
        result.high &= ~other.high
        result.upper = (upper.0 & ~other.upper.0, upper.1 & ~other.upper.1)
        return result
    }

    /// Every byte.
    static var everything: ByteSet {
        var set = ByteSet("")
        set.low = ~0
        set.high = ~0
        set.upper = (~0, ~0)
        return set
    }

    /// The bytes 0x80–0xFF: every byte of a non-ASCII character.
    static var nonASCII: ByteSet {
        var set = ByteSet("")
        set.upper = (~0, ~0)
        return set
    }

    private mutating func insert(_ byte: UInt8) {
        switch byte {
        case 0..<64: low |= 1 << UInt64(byte)
        case 64..<128: high |= 1 << UInt64(byte - 64)
        case 128..<192: upper.0 |= 1 << UInt64(byte - 128)
        default: upper.1 |= 1 << UInt64(byte - 192)
        }
    }

    /// Whether `byte` is in the set.
    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = low
        case 1: word = high
        case 2: word = upper.0
        default: word = upper.1
        }
        return (word >> UInt64(byte & 63)) & 1 != 0
    }

    // MARK: - The classes rules use

    /// `A-Za-z0-9_`: a word character, as `\w` in ASCII.
    static let word = ByteSet("A-Za-z0-9_")
    /// `A-Za-z0-9`.
    static let alphanumeric = ByteSet("A-Za-z0-9")
    /// `A-Za-z`.
    static let letter = ByteSet("A-Za-z")
    /// `0-9`.
    static let digit = ByteSet("0-9")
    /// `0-9A-Fa-f`.
    static let hexDigit = ByteSet("0-9A-Fa-f")
    /// `A-Za-z0-9_-`: base64url and most token alphabets.
    static let wordDash = ByteSet("A-Za-z0-9_-")
    /// `A-Za-z0-9+/=`: standard base64 with padding.
    static let base64 = ByteSet("A-Za-z0-9+/=")
    /// Whitespace: space, tab, newline, vertical tab, form feed, carriage return.
    static let whitespace = ByteSet(" \t\n\u{0B}\u{0C}\r")
}
