/// Writes a scanned text out: matches replaced by their labels and, if asked, control characters escaped
/// as `TerminalText` escapes them, newline and tab kept.
enum ScanOutput {
    /// The output for `text` with `matches` (in order, not overlapping), escaping control characters when
    /// `escaping` (pass it only when the text holds one outside the matches: the path without is faster).
    static func build(_ text: ScanText, matches: [ScanMatch], escaping: Bool) -> String {
        if !escaping { return buildWithoutEscapes(text, matches: matches) }
        var output: [UInt8] = []
        output.reserveCapacity(text.count + matches.count * 16 + (escaping ? 32 : 0))
        var cursor = 0
        for match in matches {
            copy(text, cursor..<match.start, into: &output, escaping: escaping)
            output.append(contentsOf: match.rule.labelBytes)
            cursor = match.end
        }
        copy(text, cursor..<text.count, into: &output, escaping: escaping)
        return String(decoding: output, as: UTF8.self)
    }

    /// The output when nothing needs escaping: its exact size is known, so it is written in place into one
    /// new string.
    private static func buildWithoutEscapes(_ text: ScanText, matches: [ScanMatch]) -> String {
        var size = text.count
        for match in matches { size += match.rule.labelBytes.count - (match.end - match.start) }
        return String(unsafeUninitializedCapacity: size) { buffer in
            var written = 0
            var cursor = 0
            func append(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
                UnsafeMutableRawPointer(buffer.baseAddress! + written).copyMemory(from: base, byteCount: bytes.count)
                written += bytes.count
            }
            for match in matches {
                append(UnsafeBufferPointer(rebasing: text.bytes[cursor..<match.start]))
                match.rule.labelBytes.withUnsafeBufferPointer(append)
                cursor = match.end
            }
            append(UnsafeBufferPointer(rebasing: text.bytes[cursor..<text.count]))
            return written
        }
    }

    /// Whether the text outside `matches` holds a byte that may start a character to escape.
    static func hasControl(_ text: ScanText, outside matches: [ScanMatch]) -> Bool {
        var cursor = 0
        for position in 0...matches.count {
            let end = position < matches.count ? matches[position].start : text.count
            for index in cursor..<end {
                let byte = text.bytes[index]
                if (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F || byte == 0xC2 || byte == 0xE2 {
                    return true
                }
            }
            if position < matches.count { cursor = matches[position].end }
        }
        return false
    }

    private static func copy(_ text: ScanText, _ range: Range<Int>, into output: inout [UInt8], escaping: Bool) {
        guard escaping else {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text.bytes[range]))
            return
        }
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = text.bytes[index]
            if byte < 0x20 && byte != 0x0A && byte != 0x09 || byte == 0x7F {
                appendEscape(UInt32(byte), to: &output)
                index += 1
            } else if byte == 0xC2, index + 1 < range.upperBound, (0x80...0x9F).contains(text.bytes[index + 1]) {
                appendEscape(UInt32(text.bytes[index + 1]), to: &output)
                index += 2
            } else if byte == 0xE2, index + 2 < range.upperBound, let scalar = separatorOrBidi(text, at: index) {
                appendEscape(scalar, to: &output)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
    }

    /// The scalar of a line/paragraph separator or bidirectional control encoded at `index`, if one is.
    private static func separatorOrBidi(_ text: ScanText, at index: Int) -> UInt32? {
        let second = text.bytes[index + 1]
        let third = text.bytes[index + 2]
        if second == 0x80, (0xA8...0xAE).contains(third) { return 0x2000 + UInt32(third - 0x80) }
        if second == 0x81, (0xA6...0xA9).contains(third) { return 0x2040 + UInt32(third - 0x80) }
        return nil
    }

    /// Appends `\u{XX}`: uppercase hex, at least two digits, as `TerminalText.escape(_:)` writes it.
    private static func appendEscape(_ scalar: UInt32, to output: inout [UInt8]) {
        output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "{")])
        let hex = String(scalar, radix: 16, uppercase: true)
        if hex.utf8.count < 2 { output.append(UInt8(ascii: "0")) }
        output.append(contentsOf: hex.utf8)
        output.append(UInt8(ascii: "}"))
    }
}
