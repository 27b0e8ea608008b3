/// A set of bytes, as 256 bits: the character classes the scanner's rules are written in.
///
/// The classes rules use are computed properties built from constant bits, so that reading one in a loop
/// costs nothing (a stored static would be initialized lazily and checked on every read); the bits were
/// computed from the character list in each one's comment.
struct ByteSet: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var upper: (UInt64, UInt64) = (0, 0)

    /// The set whose members are the 1 bits of four words: bytes 0–63, 64–127, 128–191, 192–255.
    @inline(__always)
    init(bits low: UInt64, _ high: UInt64, _ upper0: UInt64 = 0, _ upper1: UInt64 = 0) {
        self.low = low
        self.high = high
        self.upper = (upper0, upper1)
    }

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
    static var word: ByteSet { ByteSet(bits: 0x03FF_0000_0000_0000, 0x07FF_FFFE_87FF_FFFE) }
    /// `A-Za-z0-9`.
    static var alphanumeric: ByteSet { ByteSet(bits: 0x03FF_0000_0000_0000, 0x07FF_FFFE_07FF_FFFE) }
    /// `A-Za-z`.
    static var letter: ByteSet { ByteSet(bits: 0x0000_0000_0000_0000, 0x07FF_FFFE_07FF_FFFE) }
    /// `0-9`.
    static var digit: ByteSet { ByteSet(bits: 0x03FF_0000_0000_0000, 0x0000_0000_0000_0000) }
    /// `0-9A-Fa-f`.
    static var hexDigit: ByteSet { ByteSet(bits: 0x03FF_0000_0000_0000, 0x0000_007E_0000_007E) }
    /// `A-Za-z0-9_-`: base64url and most token alphabets.
    static var wordDash: ByteSet { ByteSet(bits: 0x03FF_2000_0000_0000, 0x07FF_FFFE_87FF_FFFE) }
    /// `A-Za-z0-9+/=`: standard base64 with padding.
    static var base64: ByteSet { ByteSet(bits: 0x23FF_8800_0000_0000, 0x07FF_FFFE_07FF_FFFE) }
    /// Whitespace: space, tab, newline, vertical tab, form feed, carriage return.
    static var whitespace: ByteSet { ByteSet(bits: 0x0000_0001_0000_3E00, 0x0000_0000_0000_0000) }
}
