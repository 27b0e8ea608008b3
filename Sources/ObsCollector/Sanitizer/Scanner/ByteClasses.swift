/// The scanner's first look at each byte: most bytes need nothing, a word character starts a word, a few
/// punctuation bytes start a rule, and control bytes must be escaped.
enum ByteClass {
    /// Nothing to do: spaces, most punctuation, most non-ASCII bytes.
    static let plain: UInt8 = 0
    /// `A-Za-z0-9_`: the start of a word, where token, number and address rules look.
    static let word: UInt8 = 1
    /// A control character, or the first byte of one in UTF-8 (C1 controls after 0xC2; line separators and
    /// bidirectional controls after 0xE2): the output must escape it.
    static let control: UInt8 = 2
    /// `= : , > | @ / \ - . ~`: punctuation after or around which a rule looks.
    static let trigger: UInt8 = 3

    /// The class of every byte.
    static let table: ByteTable = {
        var table = [UInt8](repeating: plain, count: 256)
        for byte in 0..<256 where ByteSet.word.contains(UInt8(byte)) { table[byte] = word }
        for byte in 0..<0x20 where byte != 0x09 && byte != 0x0A { table[byte] = control }
        for byte: UInt8 in [0x7F, 0xC2, 0xE2] { table[Int(byte)] = control }
        for byte in "=:,>|@/\\-.~".utf8 { table[Int(byte)] = trigger }
        return ByteTable(table)
    }()
}

/// A fixed table of 256 bytes, allocated once and never freed, read without bounds checks or reference
/// counting in the scanner's loop.
struct ByteTable: @unchecked Sendable {
    let base: UnsafePointer<UInt8>

    init(_ values: [UInt8]) {
        precondition(values.count == 256)
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        storage.initialize(from: values, count: 256)
        base = UnsafePointer(storage)
    }

    @inline(__always)
    subscript(_ byte: UInt8) -> UInt8 { base[Int(byte)] }
}

/// A set of pairs of bytes, folded to their low six bits (4,096 bits, 512 bytes, allocated once): which
/// two-byte starts any rule of a family can begin with, so that a word is dismissed with one lookup in a
/// table small enough to stay in the first-level cache. Folding admits some pairs that are not in the set
/// (`p` and `0` share their low bits); the exact comparison after the lookup sorts them out.
struct BigramSet: @unchecked Sendable {
    private let words: UnsafeMutablePointer<UInt64>

    /// The set of the first two bytes of each of `literals`, lowercased.
    init(_ literals: some Sequence<StaticString>) {
        words = .allocate(capacity: 64)
        words.initialize(repeating: 0, count: 64)
        for literal in literals where literal.count >= 2 {
            let index = BigramSet.index(BigramSet.lower(literal[0]), BigramSet.lower(literal[1]))
            words[index >> 6] |= 1 << UInt64(index & 63)
        }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte &- 65 < 26 ? byte | 0x20 : byte }

    @inline(__always)
    private static func index(_ first: UInt8, _ second: UInt8) -> Int {
        Int(first & 63) << 6 | Int(second & 63)
    }

    /// Whether the pair (`first`, `second`), both already lowercased, may be in the set.
    @inline(__always)
    func contains(_ first: UInt8, _ second: UInt8) -> Bool {
        let index = BigramSet.index(first, second)
        return (words[index >> 6] >> UInt64(index & 63)) & 1 != 0
    }
}
