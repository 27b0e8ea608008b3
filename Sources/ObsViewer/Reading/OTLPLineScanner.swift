/// The fast path for one OTLP JSON Lines traces line: walks the bytes once, picks out the span
/// fields the readers use, and skips (while checking) everything else, with no `JSONSerialization`
/// and no dictionary per span.
///
/// Contract: when ``scan(_:line:into:)`` returns `true`, `contents` is exactly what
/// ``OTLPStrictLine`` makes of the same line (the property tests and the fuzz target check this);
/// when it returns `false`, `contents` is unspecified and the caller hands the line to
/// ``OTLPStrictLine``, which decides. It returns `false` for anything it does not handle cheaply:
/// lines that are not `TracesData`, escaped keys or ids, duplicate keys it reads, numbers where it
/// expects strings and the other way round, exponents, and JSON that is not well formed.
struct OTLPLineScanner {
    private var cursor: JSONByteCursor
    private let line: Int

    private init(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
        cursor = JSONByteCursor(bytes)
        self.line = line
    }

    /// Reads a `TracesData` line into `contents` (spans appended), or returns `false`.
    ///
    /// - Parameters:
    ///   - bytes: The line, without its newline.
    ///   - line: The 1-based line number, for the spans.
    ///   - contents: Where the spans and violations go.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, into contents: inout OTLPLineContents) -> Bool {
        var scanner = OTLPLineScanner(bytes, line: line)
        return scanner.tracesData(&contents)
    }

    // MARK: - Structure

    private mutating func tracesData(_ contents: inout OTLPLineContents) -> Bool {
        guard cursor.consume(0x7B), !cursor.consume(0x7D) else { return false }
        var sawResourceSpans = false
        repeat {
            guard let key = cursor.stringToken(), !key.escaped, cursor.consume(0x3A) else { return false }
            if cursor.matches(key, "resourceSpans") {
                guard !sawResourceSpans else { return false }
                sawResourceSpans = true
                guard array({ $0.resourceSpans(&contents) }) else { return false }
            } else if cursor.matches(key, "resourceMetrics") || cursor.matches(key, "resourceLogs") {
                return false
            } else {
                guard cursor.skipValue() else { return false }
            }
        } while cursor.consume(0x2C)
        return cursor.consume(0x7D) && cursor.atEnd() && sawResourceSpans
    }

    /// An array whose every element `element` reads.
    @inline(__always)
    private mutating func array(_ element: (inout OTLPLineScanner) -> Bool) -> Bool {
        guard cursor.consume(0x5B) else { return false }
        if cursor.consume(0x5D) { return true }
        repeat {
            guard element(&self) else { return false }
        } while cursor.consume(0x2C)
        return cursor.consume(0x5D)
    }

    private mutating func resourceSpans(_ contents: inout OTLPLineContents) -> Bool {
        guard cursor.consume(0x7B) else { return false }
        let first = contents.spans.count
        var service: String?
        var seen = (resource: false, scopeSpans: false)
        if !cursor.consume(0x7D) {
            repeat {
                guard let key = cursor.stringToken(), !key.escaped, cursor.consume(0x3A) else { return false }
                if cursor.matches(key, "resource") {
                    guard !seen.resource, resource(&service) else { return false }
                    seen.resource = true
                } else if cursor.matches(key, "scopeSpans") {
                    guard !seen.scopeSpans, array({ $0.scopeSpans(&contents) }) else { return false }
                    seen.scopeSpans = true
                } else {
                    guard cursor.skipValue() else { return false }
                }
            } while cursor.consume(0x2C)
            guard cursor.consume(0x7D) else { return false }
        }
        if let service, first < contents.spans.count {
            for index in first..<contents.spans.count { contents.spans[index].service = service }
        }
        return true
    }

    private mutating func resource(_ service: inout String?) -> Bool {
        guard cursor.consume(0x7B) else { return false }
        if cursor.consume(0x7D) { return true }
        var sawAttributes = false
        repeat {
            guard let key = cursor.stringToken(), !key.escaped, cursor.consume(0x3A) else { return false }
            if cursor.matches(key, "attributes") {
                guard !sawAttributes else { return false }
                sawAttributes = true
                var fields = SpanFields()
                guard array({ $0.attribute(into: &fields, service: &service) }) else { return false }
            } else {
                guard cursor.skipValue() else { return false }
            }
        } while cursor.consume(0x2C)
        return cursor.consume(0x7D)
    }

    private mutating func scopeSpans(_ contents: inout OTLPLineContents) -> Bool {
        guard cursor.consume(0x7B) else { return false }
        if cursor.consume(0x7D) { return true }
        var sawSpans = false
        repeat {
            guard let key = cursor.stringToken(), !key.escaped, cursor.consume(0x3A) else { return false }
            if cursor.matches(key, "spans") {
                guard !sawSpans else { return false }
                sawSpans = true
                guard array({ $0.span(&contents) }) else { return false }
            } else {
                guard cursor.skipValue() else { return false }
            }
        } while cursor.consume(0x2C)
        return cursor.consume(0x7D)
    }

    // MARK: - A span

    /// Bits of the span keys already read, so that a duplicate sends the line to the strict parser.
    private enum SpanKey: UInt16 {
        case traceId = 1, spanId = 2, parentSpanId = 4, name = 8, start = 16, end = 32, flags = 64
        case attributes = 128, status = 256
    }

    private mutating func span(_ contents: inout OTLPLineContents) -> Bool {
        guard cursor.consume(0x7B) else { return false }
        var fields = SpanFields()
        var seen: UInt16 = 0
        var ignored: String?
        if !cursor.consume(0x7D) {
            repeat {
                guard let key = cursor.stringToken(), !key.escaped, cursor.consume(0x3A) else { return false }
                let field: SpanKey?
                switch key.count {
                case 4: field = cursor.matches(key, "name") ? .name : nil
                case 5: field = cursor.matches(key, "flags") ? .flags : nil
                case 6:
                    field = cursor.matches(key, "spanId") ? .spanId : cursor.matches(key, "status") ? .status : nil
                case 7: field = cursor.matches(key, "traceId") ? .traceId : nil
                case 10: field = cursor.matches(key, "attributes") ? .attributes : nil
                case 12: field = cursor.matches(key, "parentSpanId") ? .parentSpanId : nil
                case 15: field = cursor.matches(key, "endTimeUnixNano") ? .end : nil
                case 17: field = cursor.matches(key, "startTimeUnixNano") ? .start : nil
                default: field = nil
                }
                guard let field else {
                    guard cursor.skipValue() else { return false }
                    continue
                }
                guard seen & field.rawValue == 0 else { return false }
                seen |= field.rawValue
                switch field {
                case .traceId, .spanId, .parentSpanId:
                    guard let text = cursor.stringToken(), !text.escaped else { return false }
                    let id = HexText.idField(cursor.bytes(text), digits: field == .traceId ? 32 : 16)
                    if field == .traceId {
                        fields.traceID = id
                    } else if field == .spanId {
                        fields.spanID = id
                    } else {
                        fields.parentSpanID = id
                    }
                case .name:
                    guard let text = cursor.stringToken() else { return false }
                    fields.name = cursor.string(text)
                case .start, .end:
                    guard let time = timestamp() else { return false }
                    if field == .start { fields.start = time } else { fields.end = time }
                case .flags:
                    guard let flags = cursor.unsignedInteger() else { return false }
                    fields.flags = flags
                case .attributes:
                    guard array({ $0.attribute(into: &fields, service: &ignored) }) else { return false }
                case .status:
                    guard status(&fields) else { return false }
                }
            } while cursor.consume(0x2C)
            guard cursor.consume(0x7D) else { return false }
        }
        switch fields.span(service: "", line: line) {
        case .success(let span): contents.spans.append(span)
        case .failure(let violation): contents.violations.append(violation)
        }
        return true
    }

    /// A time: a string of digits or a plain integer, fitting in 64 bits.
    private mutating func timestamp() -> UInt64? {
        cursor.skipWhitespace()
        guard cursor.current == 0x22 else { return cursor.unsignedInteger() }
        guard let text = cursor.stringToken(), !text.escaped, text.count > 0 else { return nil }
        var value: UInt64 = 0
        for byte in cursor.bytes(text) {
            guard byte &- 0x30 < 10 else { return nil }
            let (product, overflowedProduct) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowedSum) = product.addingReportingOverflow(UInt64(byte &- 0x30))
            guard !overflowedProduct, !overflowedSum else { return nil }
            value = sum
        }
        return value
    }

    private mutating func status(_ fields: inout SpanFields) -> Bool {
        guard cursor.consume(0x7B) else { return false }
        if cursor.consume(0x7D) { return true }
        var seen = (code: false, message: false)
        repeat {
            guard let key = cursor.stringToken(), !key.escaped, cursor.consume(0x3A) else { return false }
            if cursor.matches(key, "code") {
                guard !seen.code else { return false }
                seen.code = true
                cursor.skipWhitespace()
                if cursor.current == 0x22 {
                    guard let text = cursor.stringToken() else { return false }
                    fields.failed = cursor.matches(text, "STATUS_CODE_ERROR")
                } else {
                    guard let code = cursor.unsignedInteger() else { return false }
                    fields.failed = code == 2
                }
            } else if cursor.matches(key, "message") {
                guard !seen.message, let text = cursor.stringToken() else { return false }
                seen.message = true
                fields.statusMessage = cursor.string(text)
            } else {
                guard cursor.skipValue() else { return false }
            }
        } while cursor.consume(0x2C)
        return cursor.consume(0x7D)
    }

    // MARK: - Attributes

    /// One `KeyValue`; sets the field it names (`service` for `service.name`).
    private mutating func attribute(into fields: inout SpanFields, service: inout String?) -> Bool {
        guard cursor.consume(0x7B) else { return false }
        var key: SpanFields.AttributeKey?
        var sawKey = false
        var stringValue: JSONByteCursor.StringToken?
        var intText: JSONByteCursor.StringToken?
        var intNumber: UInt64?
        var sawValue = false
        if !cursor.consume(0x7D) {
            repeat {
                guard let name = cursor.stringToken(), !name.escaped, cursor.consume(0x3A) else { return false }
                if cursor.matches(name, "key") {
                    guard !sawKey, let text = cursor.stringToken(), !text.escaped else { return false }
                    sawKey = true
                    key = Self.attributeKey(cursor, text)
                } else if cursor.matches(name, "value") {
                    guard !sawValue else { return false }
                    sawValue = true
                    guard anyValue(&stringValue, &intText, &intNumber) else { return false }
                } else {
                    guard cursor.skipValue() else { return false }
                }
            } while cursor.consume(0x2C)
            guard cursor.consume(0x7D) else { return false }
        }
        guard let key else { return true }
        if key.isInteger {
            let integer: Int64?
            if let intText {
                integer = Self.integer(cursor.bytes(intText))
            } else {
                integer = intNumber.flatMap { Int64(exactly: $0) }
            }
            fields.setAttribute(key, string: nil, integer: integer)
        } else {
            let string = stringValue.map { cursor.string($0) }
            if key == .serviceName {
                service = string
            } else {
                fields.setAttribute(key, string: string, integer: nil)
            }
        }
        return true
    }

    /// An `AnyValue` object: notes its `stringValue` and `intValue`, checks and skips the rest.
    private mutating func anyValue(
        _ stringValue: inout JSONByteCursor.StringToken?, _ intText: inout JSONByteCursor.StringToken?,
        _ intNumber: inout UInt64?
    ) -> Bool {
        guard cursor.consume(0x7B) else { return false }
        if cursor.consume(0x7D) { return true }
        var seen = (string: false, int: false)
        repeat {
            guard let name = cursor.stringToken(), !name.escaped, cursor.consume(0x3A) else { return false }
            if cursor.matches(name, "stringValue") {
                guard !seen.string, let text = cursor.stringToken() else { return false }
                seen.string = true
                stringValue = text
            } else if cursor.matches(name, "intValue") {
                guard !seen.int else { return false }
                seen.int = true
                cursor.skipWhitespace()
                if cursor.current == 0x22 {
                    guard let text = cursor.stringToken(), !text.escaped else { return false }
                    intText = text
                } else {
                    guard let number = cursor.unsignedInteger() else { return false }
                    intNumber = number
                }
            } else {
                guard cursor.skipValue() else { return false }
            }
        } while cursor.consume(0x2C)
        return cursor.consume(0x7D)
    }

    private static func attributeKey(_ cursor: JSONByteCursor, _ text: JSONByteCursor.StringToken)
        -> SpanFields.AttributeKey?
    {
        switch text.count {
        case 10: return cursor.matches(text, "error.type") ? .errorType : nil
        case 11: return cursor.matches(text, "thread.name") ? .threadName : nil
        case 12: return cursor.matches(text, "service.name") ? .serviceName : nil
        case 16:
            return cursor.matches(text, "obsbridge.thread")
                ? .thread : cursor.matches(text, "obsbridge.status") ? .status : nil
        case 19: return cursor.matches(text, "obsbridge.span.kind") ? .spanKind : nil
        case 20: return cursor.matches(text, "obsbridge.error.code") ? .errorCode : nil
        case 22: return cursor.matches(text, "obsbridge.error.domain") ? .errorDomain : nil
        default: return nil
        }
    }

    /// `Int64(text)`, as the strict parser reads an `intValue` string: an optional sign, then
    /// decimal digits only; `nil` for anything else or a value outside 64 bits.
    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == 0x2D || bytes[index] == 0x2B {
            negative = bytes[index] == 0x2D
            index += 1
        }
        guard index < bytes.count else { return nil }
        var magnitude: UInt64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (product, overflowedProduct) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflowedSum) = product.addingReportingOverflow(UInt64(digit))
            guard !overflowedProduct, !overflowedSum else { return nil }
            magnitude = sum
            index += 1
        }
        guard negative else { return Int64(exactly: magnitude) }
        return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
    }
}
