/// Numbers that identify a person or a device: payment cards, IMEIs, US social security numbers.
///
/// - Card: 13–19 digits, whole or in groups of 3–6 separated by single spaces or dashes, first digit 2–6,
///   passing the Luhn check; digits glued to letters are some other word.
/// - IMEI: 15 digits passing the Luhn check.
/// - SSN: `ddd-dd-dddd` with a valid area (not 000, 666 or 900–999), group (not 00) and serial (not 0000).
extension RuleScan {
    /// The number rules at a word that starts with a digit (`start..<wordEnd`).
    mutating func numberMatch(start: Int, wordEnd: Int) -> ScanMatch? {
        let digitsEnd = text.runEnd(from: start, in: .digit)
        let next = text[digitsEnd]
        if next == UInt8(ascii: "-"),
            let end = TextShapes.timestampEnd(text, from: start) ?? TextShapes.uuidEnd(text, from: start)
        {
            skipUntil = end
            return nil
        }
        if digitsEnd < wordEnd {
            // Digits then letters: a hex group of a MAC or IPv6 address, or some other word.
            guard text.runEnd(from: start, in: .hexDigit) == wordEnd else { return nil }
            if next != UInt8(ascii: ":"), next != UInt8(ascii: "-"), text[wordEnd] != UInt8(ascii: ":"),
                text[wordEnd] != UInt8(ascii: "-")
            {
                return nil
            }
            return macMatch(start: start) ?? (text[wordEnd] == UInt8(ascii: ":") ? ipv6Match(start: start) : nil)
        }
        switch next {
        case UInt8(ascii: "."):
            if let match = ipv4Match(start: start) { return match }
        case UInt8(ascii: ":"):
            if let match = macMatch(start: start) ?? ipv6Match(start: start) { return match }
        case UInt8(ascii: "-"):
            if let match = ssnMatch(start: start) ?? macMatch(start: start) { return match }
        case UInt8(ascii: "|"), UInt8(ascii: "%"):
            if let match = facebookTokenMatch(start: start, digitsEnd: digitsEnd) { return match }
        default:
            break
        }
        return cardMatch(start: start) ?? imeiMatch(start: start, end: digitsEnd)
    }

    // MARK: - Cards

    /// The payment card number whose first group starts at `start`, if any: the longest run of groups that
    /// passes the check.
    private func cardMatch(start: Int) -> ScanMatch? {
        guard enabled.contains(.card) else { return nil }
        // Cheap refusals first: a card is one run of 13–19 digits, or starts with a group of 3–6 and a separator.
        let firstEnd = text.runEnd(from: start, in: .digit, limit: 20)
        let firstLength = firstEnd - start
        let separator = text[firstEnd]
        guard
            (13...19).contains(firstLength)
                || ((3...6).contains(firstLength) && (separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-"))
                    && ByteSet.digit.contains(text[firstEnd + 1]))
        else { return nil }
        // A group glued to letters or `_` is part of a word: it cannot end a card.
        if (13...19).contains(firstLength) {
            return !ByteSet.word.contains(separator) && Self.isPaymentCard(text, start..<firstEnd)
                ? ScanMatch(start: start, end: firstEnd, rule: .card) : nil
        }
        // Groups of 3–6 digits joined by single separators, up to 19 digits: the longest run that passes.
        var ends: (Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0)
        var candidates = 0
        var digits = firstLength
        var groupEnd = firstEnd
        while candidates < 6 {
            let separator = text[groupEnd]
            guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-"),
                ByteSet.digit.contains(text[groupEnd + 1])
            else { break }
            let nextEnd = text.runEnd(from: groupEnd + 1, in: .digit, limit: 7)
            let length = nextEnd - (groupEnd + 1)
            guard (3...6).contains(length), digits + length <= 19 else { break }
            digits += length
            groupEnd = nextEnd
            if digits >= 13, !ByteSet.word.contains(text[groupEnd]) {
                withUnsafeMutableBytes(of: &ends) {
                    $0.storeBytes(of: groupEnd, toByteOffset: candidates * 8, as: Int.self)
                }
                candidates += 1
            }
        }
        var candidate = candidates - 1
        while candidate >= 0 {
            let end = withUnsafeBytes(of: ends) { $0.load(fromByteOffset: candidate * 8, as: Int.self) }
            if Self.isPaymentCard(text, start..<end) { return ScanMatch(start: start, end: end, rule: .card) }
            candidate -= 1
        }
        return nil
    }

    /// Whether the digits in `range` (separators skipped) are 13–19 long, start with 2–6 and pass the Luhn check.
    static func isPaymentCard(_ text: ScanText, _ range: Range<Int>) -> Bool {
        guard let first = range.first(where: { ByteSet.digit.contains(text[$0]) }),
            (UInt8(ascii: "2")...UInt8(ascii: "6")).contains(text[first])
        else { return false }
        let count = range.reduce(0) { $0 + (ByteSet.digit.contains(text[$1]) ? 1 : 0) }
        return (13...19).contains(count) && passesLuhn(text, range)
    }

    /// Whether the digits in `range` (other bytes skipped) pass the Luhn check.
    static func passesLuhn(_ text: ScanText, _ range: Range<Int>) -> Bool {
        var sum = 0
        var doubled = false
        for index in range.reversed() {
            let byte = text[index]
            guard ByteSet.digit.contains(byte) else { continue }
            var digit = Int(byte) - 48
            if doubled {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
            doubled.toggle()
        }
        return sum % 10 == 0
    }

    // MARK: - IMEI

    private func imeiMatch(start: Int, end: Int) -> ScanMatch? {
        guard enabled.contains(.imei), end - start == 15, !ByteSet.word.contains(text[end]),
            Self.passesLuhn(text, start..<end)
        else { return nil }
        return ScanMatch(start: start, end: end, rule: .imei)
    }

    // MARK: - SSN

    private func ssnMatch(start: Int) -> ScanMatch? {
        guard enabled.contains(.ssn) else { return nil }
        let previous = text[start - 1]
        if (previous == UInt8(ascii: "-") || previous == UInt8(ascii: ".")) && ByteSet.digit.contains(text[start - 2]) {
            return nil
        }
        let shape: [Int] = [3, 2, 4]
        var index = start
        var parts: [Int] = []
        for (offset, length) in shape.enumerated() {
            let end = text.runEnd(from: index, in: .digit, limit: 5)
            guard end - index == length, let value = Int(decimal: text, index..<end) else { return nil }
            parts.append(value)
            index = end
            if offset < 2 {
                guard text[index] == UInt8(ascii: "-") else { return nil }
                index += 1
            }
        }
        if ByteSet.word.contains(text[index])
            || (text[index] == UInt8(ascii: "-") && ByteSet.digit.contains(text[index + 1]))
        {
            return nil
        }
        guard parts[0] != 0, parts[0] != 666, parts[0] < 900, parts[1] != 0, parts[2] != 0 else { return nil }
        return ScanMatch(start: start, end: index, rule: .ssn)
    }

    // MARK: - Facebook access tokens

    /// `<15 or 16 digits>|<27–40 letters, digits, _ or ->` (or `%7C` for the bar, URL-encoded).
    private func facebookTokenMatch(start: Int, digitsEnd: Int) -> ScanMatch? {
        guard enabled.contains(.vendorToken), (15...16).contains(digitsEnd - start) else { return nil }
        let bodyStart = digitsEnd + 1
        let end = text.runEnd(from: bodyStart, in: .wordDash, limit: 41)
        guard (27...40).contains(end - bodyStart), !ByteSet.alphanumeric.contains(text[end]) else { return nil }
        return ScanMatch(start: start, end: end, rule: .vendorToken)
    }
}
