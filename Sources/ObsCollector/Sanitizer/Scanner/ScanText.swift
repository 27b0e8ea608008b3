import Foundation

/// The UTF-8 bytes one scan reads, with the small helpers every rule uses.
///
/// Reading past either end yields 0, a byte no rule accepts, so a rule may look one byte beyond a run
/// without checking bounds first.
struct ScanText {
    let bytes: UnsafeBufferPointer<UInt8>

    /// The number of bytes.
    var count: Int { bytes.count }

    /// The byte at `index`, or 0 outside the text.
    @inline(__always)
    subscript(_ index: Int) -> UInt8 {
        index >= 0 && index < bytes.count ? bytes[index] : 0
    }

    /// The byte at `index` with ASCII letters lowercased, or 0 outside the text.
    @inline(__always)
    func lower(_ index: Int) -> UInt8 {
        let byte = self[index]
        return byte &- 65 < 26 ? byte | 0x20 : byte
    }

    /// Where the run of bytes in `set` that starts at `start` ends, looking at most `limit` bytes.
    @inline(__always)
    func runEnd(from start: Int, in set: ByteSet, limit: Int = .max) -> Int {
        let stop = limit >= bytes.count - start ? bytes.count : start + limit
        var index = start
        while index < stop, set.contains(bytes[index]) { index += 1 }
        return index
    }

    /// Where the run of bytes in `set` that ends just before `end` starts, looking back at most `limit`
    /// bytes and never before `floor`.
    @inline(__always)
    func runStart(before end: Int, in set: ByteSet, floor: Int, limit: Int = .max) -> Int {
        let stop = Swift.max(floor, limit >= end ? 0 : end - limit)
        var index = end
        while index > stop, set.contains(bytes[index - 1]) { index -= 1 }
        return index
    }

    /// Whether the bytes at `index` are `literal`, exactly.
    @inline(__always)
    func hasPrefix(_ literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index >= 0, index + count <= bytes.count else { return false }
        let characters = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != characters[offset] { return false }
        return true
    }

    /// Whether the bytes at `index` are `literal` with ASCII case ignored on both sides.
    @inline(__always)
    func hasPrefixIgnoringCase(_ literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index >= 0, index + count <= bytes.count else { return false }
        let characters = literal.utf8Start
        for offset in 0..<count where lower(index + offset) != BigramSet.lower(characters[offset]) { return false }
        return true
    }

    /// Whether any byte in `start..<end` is in `set`.
    func contains(_ set: ByteSet, in range: Range<Int>) -> Bool {
        for index in range where set.contains(self[index]) { return true }
        return false
    }

    /// The Shannon entropy of the bytes in `range`, in bits per byte.
    func entropy(of range: Range<Int>) -> Double {
        guard !range.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 128)
        var other = 0
        for index in range {
            let byte = bytes[index]
            if byte < 128 { counts[Int(byte)] += 1 } else { other += 1 }
        }
        let total = Double(range.count)
        var sum = 0.0
        for count in counts where count > 0 {
            let share = Double(count) / total
            sum -= share * log2(share)
        }
        if other > 0 {
            let share = Double(other) / total
            sum -= share * log2(share)
        }
        return sum
    }
}

extension StaticString {
    /// The literal's length in UTF-8 bytes.
    var count: Int { utf8CodeUnitCount }

    /// The literal's byte at `index`.
    @inline(__always)
    subscript(_ index: Int) -> UInt8 { utf8Start[index] }
}
