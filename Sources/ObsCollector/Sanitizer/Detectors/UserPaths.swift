/// The user name in home-directory paths: `/home/<name>`, `/Users/<name>` (not `/Users/Shared`),
/// `C:\Users\<name>` (drive optional, backslashes doubled as in JSON too) and
/// `C:\Documents and Settings\<name>`. Only the name is removed; the rest of the path stays.
extension RuleScan {
    /// The user name after the `/` at `slash`, if it starts `/home/` or `/Users/`.
    mutating func unixUserMatch(at slash: Int) -> ScanMatch? {
        guard enabled.contains(.user), !Self.pathGlue.contains(text[slash - 1]) else { return nil }
        let nameStart: Int
        if text.hasPrefix("/home/", at: slash) {
            nameStart = slash + 6
        } else if text.hasPrefix("/Users/", at: slash) {
            nameStart = slash + 7
        } else {
            return nil
        }
        let end = text.runEnd(from: nameStart, in: Self.nameBytes, limit: 255)
        guard end > nameStart, !(end - nameStart == 6 && text.hasPrefix("Shared", at: nameStart)) else { return nil }
        return ScanMatch(start: nameStart, end: end, rule: .user)
    }

    /// The user name after the `\` at `backslash`, if it starts `\Users\` or `\Documents and Settings\`.
    mutating func windowsUserMatch(at backslash: Int) -> ScanMatch? {
        guard enabled.contains(.user), text[backslash - 1] != UInt8(ascii: "\\") else { return nil }
        var before = backslash
        if text[before - 1] == UInt8(ascii: ":"), ByteSet.letter.contains(text[before - 2]) { before -= 2 }
        guard !ByteSet.alphanumeric.contains(text[before - 1]) else { return nil }
        var index = backslash + 1
        if text[index] == UInt8(ascii: "\\") { index += 1 }
        if text.hasPrefixIgnoringCase("users", at: index) {
            index += 5
        } else if text.hasPrefixIgnoringCase("documents and settings", at: index) {
            index += 22
        } else {
            return nil
        }
        guard text[index] == UInt8(ascii: "\\") else { return nil }
        index += text[index + 1] == UInt8(ascii: "\\") ? 2 : 1
        let end = text.runEnd(from: index, in: Self.nameBytes, limit: 255)
        return end > index ? ScanMatch(start: index, end: end, rule: .user) : nil
    }

    /// Bytes that, right before `/home/`, make it part of a word or URL path rather than a path's start. (`A-Za-z0-9_.~%-`)
    private static var pathGlue: ByteSet { ByteSet(bits: 0x03FF_6020_0000_0000, 0x47FF_FFFE_87FF_FFFE) }
    /// Bytes of a user name: anything but separators, whitespace, quotes and shell or glob punctuation. (every byte but / \ " ' < > : ; , | * ? [ ] and whitespace)
    private static var nameBytes: ByteSet {
        ByteSet(bits: 0x23FF_6B7A_FFFF_C1FF, 0xEFFF_FFFF_C7FF_FFFF, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF)
    }
}
