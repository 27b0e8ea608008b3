import ObsCollector

/// A span's fields as found on an OTLP line, before the rules are checked: what both the fast
/// scanner and the strict parser produce, so that they judge spans by one set of rules.
struct SpanFields {
    /// The value of an id field.
    enum IDField: Equatable {
        /// Not present (or the empty string, which OTLP's JSON encoding writes for an unset id).
        case absent
        /// Present; `nil` when it is not hex of the right length.
        case parsed(UInt64?, UInt64?)
    }

    var name: String?
    var traceID = IDField.absent
    var spanID = IDField.absent
    var parentSpanID = IDField.absent
    /// `nil` when missing or not a whole number of nanoseconds.
    var start: UInt64?
    var end: UInt64?
    var flags: UInt64 = 0
    var failed = false
    var statusMessage: String?
    var kind: String?
    var thread: Int64?
    var threadName: String?
    var errorType: String?
    var errorDomain: String?
    var errorCode: Int64?
    var statusName: String?

    /// The span, or the first rule it breaks.
    ///
    /// - Parameters:
    ///   - service: The resource's `service.name`.
    ///   - line: The 1-based line.
    func span(service: String, line: Int) -> Result<RecordedSpan, SpanRuleViolation> {
        guard let name, !name.isEmpty else { return .failure(.noName) }
        guard case .parsed(let high?, let low?) = traceID, high != 0 || low != 0 else {
            return .failure(.badTraceID)
        }
        guard case .parsed(_, let span?) = spanID, span != 0 else { return .failure(.badSpanID) }
        var parent: UInt64 = 0
        switch parentSpanID {
        case .absent: break
        case .parsed(_, let value?): parent = value
        case .parsed(_, nil): return .failure(.badParentSpanID)
        }
        guard let start, let end, start > 0, end > 0 else { return .failure(.badTime) }
        guard end >= start else { return .failure(.endBeforeStart) }
        let error =
            failed
            ? RecordedError(
                type: errorType, domain: errorDomain, code: errorCode, status: statusName, message: statusMessage)
            : nil
        return .success(
            RecordedSpan(
                name: name, service: service, traceID: TraceID(high: high, low: low), spanID: SpanID(span),
                parentSpanID: SpanID(parent), parentIsRemote: flags & 0x300 == 0x300, startUnixNano: start,
                endUnixNano: end, kind: Self.spanKind(kind), thread: thread, threadName: threadName, error: error,
                line: line))
    }

    /// Sets the field an attribute names, if it is one the readers use.
    ///
    /// - Parameters:
    ///   - key: The attribute's key.
    ///   - string: Its `stringValue`, if it has one.
    ///   - integer: Its `intValue`, if it has one that is a whole number.
    mutating func setAttribute(_ key: AttributeKey, string: String?, integer: Int64?) {
        switch key {
        case .spanKind: kind = string
        case .thread: thread = integer
        case .threadName: threadName = string
        case .errorType: errorType = string
        case .errorDomain: errorDomain = string
        case .errorCode: errorCode = integer
        case .status: statusName = string
        case .serviceName: break
        }
    }

    static func spanKind(_ text: String?) -> SpanKind {
        switch text {
        case "boundary": .boundary
        case "child": .child
        case "caller": .caller
        default: .unknown
        }
    }

    /// The attributes the readers use, by their OTLP keys.
    enum AttributeKey: String, CaseIterable {
        case spanKind = "obsbridge.span.kind"
        case thread = "obsbridge.thread"
        case errorType = "error.type"
        case errorDomain = "obsbridge.error.domain"
        case errorCode = "obsbridge.error.code"
        case status = "obsbridge.status"
        /// OpenTelemetry's semantic convention for the thread's name (ObsBridge does not write it yet).
        case threadName = "thread.name"
        case serviceName = "service.name"

        /// Whether the attribute's value is read from `intValue` (else from `stringValue`).
        var isInteger: Bool { self == .thread || self == .errorCode }
    }
}

/// Hex digits as OTLP's JSON encoding writes ids: either case.
enum HexText {
    /// The value of `count` (at most 16) hex digits, or `nil` when any byte is not one.
    ///
    /// Branch-free per digit (ids are random, so a branch per digit would mispredict half the time).
    @inline(__always)
    static func value(_ digits: UnsafePointer<UInt8>, count: Int) -> UInt64? {
        var result: UInt64 = 0
        var invalid = false
        for index in 0..<count {
            let byte = digits[index]
            let digit = byte &- 0x30
            let letter = (byte | 0x20) &- 0x61
            let isDigit = digit < 10
            invalid = invalid || !(isDigit || letter < 6)
            result = result << 4 | UInt64(isDigit ? digit : letter &+ 10)
        }
        return invalid ? nil : result
    }

    /// The value of exactly eight hex digits, eight bytes at a time (ids are most of an OTLP
    /// line's digits), or `nil` when any byte is not one. Agrees with ``value(_:count:)``.
    @inline(__always)
    static func value8(_ digits: UnsafePointer<UInt8>) -> UInt64? {
        // Little-endian: the first digit is the lowest byte.
        let word = UnsafeRawPointer(digits).loadUnaligned(as: UInt64.self)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs = ones &* 0x80
        let sevenBits = ones &* 0x7F
        // Per byte, the high bit set when m < byte < n (bytes below 0x80; no carry crosses a byte).
        @inline(__always) func between(_ x: UInt64, _ m: UInt64, _ n: UInt64) -> UInt64 {
            let low = x & sevenBits
            return ((ones &* (127 + n)) &- low) & ~x & (low &+ ones &* (127 - m)) & highs
        }
        let digitBytes = between(word, 0x2F, 0x3A)
        let letterBytes = between(word | (ones &* 0x20), 0x60, 0x67)
        guard digitBytes | letterBytes == highs else { return nil }
        // '0'-'9' → 0-9; 'a'-'f' and 'A'-'F' (bit 6 set) → 1-6 plus 9.
        let nibbles = (word & (ones &* 0x0F)) &+ ((word >> 6) & ones) &* 9
        let pairs = (nibbles & 0x0F00_0F00_0F00_0F00) >> 8 | (nibbles & 0x000F_000F_000F_000F) << 4
        return (pairs & 0xFF) << 24 | (pairs >> 16 & 0xFF) << 16 | (pairs >> 32 & 0xFF) << 8 | (pairs >> 48 & 0xFF)
    }

    /// Sixteen hex digits.
    @inline(__always)
    static func value16(_ digits: UnsafePointer<UInt8>) -> UInt64? {
        guard let high = value8(digits), let low = value8(digits + 8) else { return nil }
        return high << 32 | low
    }

    /// An id field from its text: 32 digits for a trace id, 16 for a span id; `absent` for none.
    static func idField(_ bytes: UnsafeBufferPointer<UInt8>, digits: Int) -> SpanFields.IDField {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return .absent }
        guard bytes.count == digits else { return .parsed(nil, nil) }
        if digits == 32 {
            guard let high = value16(base), let low = value16(base + 16) else { return .parsed(nil, nil) }
            return .parsed(high, low)
        }
        guard let value = value16(base) else { return .parsed(nil, nil) }
        return .parsed(0, value)
    }

    /// An id field from a string (the strict parser's form).
    static func idField(_ text: String, digits: Int) -> SpanFields.IDField {
        var text = text
        return text.withUTF8 { idField($0, digits: digits) }
    }
}
