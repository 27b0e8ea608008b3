extension LogRecord {
    /// What replaces the value of an attribute marked sensitive.
    public static let sensitiveLabel = "[sensitive]"

    /// The attribute in which a record names what was removed from it: sanitizer rule names, and
    /// `sensitive` for marked attributes, sorted and comma-separated (empty when nothing was removed).
    public static let redactionsKey = "obsbridge.redactions"

    /// Creates a record from a program's own, unsanitized text and attributes.
    ///
    /// The body and every string attribute pass through `sanitizer`; the value of every attribute marked
    /// sensitive is replaced by `sensitiveLabel`, whatever its type; keys are neutralized for terminals.
    /// The record then names everything that was removed in its `redactionsKey` attribute, after the
    /// given attributes.
    ///
    /// - Parameters:
    ///   - body: The message.
    ///   - attributes: The attributes, in order.
    ///   - sanitizer: The rules for the body and string values; the standard rules by default.
    ///   - timeUnixNano: When the event happened, in Unix nanoseconds.
    ///   - observedTimeUnixNano: When it was observed, in Unix nanoseconds.
    ///   - severity: Severity.
    ///   - traceID: The trace, when the record belongs to a span.
    ///   - spanID: The span, when the record belongs to a span.
    ///   - flags: Trace flags of that span.
    public init(
        sanitizing body: String, attributes: [LogAttribute], sanitizer: Sanitizer = .standard,
        timeUnixNano: UInt64, observedTimeUnixNano: UInt64, severity: LogSeverity, traceID: TraceID? = nil,
        spanID: SpanID? = nil, flags: TraceFlags = []
    ) {
        let cleanBody = sanitizer.sanitize(body)
        var removed = Set(cleanBody.firedRules)
        var clean: [(key: String, value: AttributeValue)] = []
        clean.reserveCapacity(attributes.count + 1)
        for attribute in attributes {
            let key = TerminalText.neutralize(attribute.key)
            if attribute.isSensitive {
                clean.append((key, .string(LogRecord.sensitiveLabel)))
                removed.insert("sensitive")
            } else if case .string(let text) = attribute.value {
                let value = sanitizer.sanitize(text)
                removed.formUnion(value.firedRules)
                clean.append((key, .string(value.text)))
            } else {
                clean.append((key, attribute.value))
            }
        }
        clean.append((LogRecord.redactionsKey, .string(removed.sorted().joined(separator: ","))))
        self.init(
            timeUnixNano: timeUnixNano, observedTimeUnixNano: observedTimeUnixNano, severity: severity,
            body: cleanBody.text, attributes: clean, traceID: traceID, spanID: spanID, flags: flags)
    }
}
