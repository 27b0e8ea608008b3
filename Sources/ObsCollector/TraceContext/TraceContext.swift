/// A W3C trace context: the identity of one span and the vendor state that travels with it.
///
/// Parsing follows W3C Trace Context Level 1 (`traceparent` section "Versioning of traceparent"):
///
/// - The value is `version-trace_id-parent_id-flags`, every field lowercase hex (uppercase is invalid).
/// - Version `ff` is invalid. Version `00` must be exactly 55 characters.
/// - A higher version is parsed by its prefix: the first 55 characters must follow the version-`00` layout and,
///   when longer, the 56th must be `-`; what follows is ignored. Only the flags version `00` defines
///   (`sampled`) are kept, since the specification says unknown flags of a future version are not parsed.
/// - An all-zero trace id or parent id is invalid.
/// - Spaces and tabs around the value are removed first: they are HTTP optional whitespace (RFC 7230 §3.2.4
///   excludes them from the field value) and the W3C test suite requires accepting them
///   (`test_traceparent_ows_handling`). Any other whitespace, such as a newline, is an invalid character.
///
/// `tracestate` is parsed only after `traceparent` succeeded, and an invalid `tracestate` never fails the
/// context: it is discarded and the context gets `TraceState.empty`.
///
/// The output form is always version `00` ("downgrade the version"); `version` records what was received.
public struct TraceContext: Hashable, Sendable, CustomStringConvertible {
    /// The trace this span belongs to.
    public var traceID: TraceID
    /// This span's id (the `parent-id` field of an outgoing `traceparent`).
    public var spanID: SpanID
    /// The trace flags.
    public var flags: TraceFlags
    /// The vendor state propagated with the context.
    public var traceState: TraceState
    /// The version of the header this context was parsed from; `0` for a context created in code.
    ///
    /// It takes part in equality, so contexts parsed from `00-…` and `cc-…` with the same fields differ.
    public var version: UInt8
    /// Whether this context was received from another process (parsed from a `traceparent`), as
    /// OpenTelemetry's `SpanContext.isRemote`. Spans started from it record that their parent is
    /// remote; contexts created in code are local.
    public var isRemote: Bool

    /// The length of a version-`00` `traceparent` value.
    public static let version00Length = 55

    /// Creates a context from its parts.
    ///
    /// No validation happens here; check `isValid` before propagating a context built from untrusted parts.
    ///
    /// - Parameters:
    ///   - traceID: The trace id.
    ///   - spanID: The span id.
    ///   - flags: The trace flags.
    ///   - traceState: The vendor state.
    public init(traceID: TraceID, spanID: SpanID, flags: TraceFlags = [], traceState: TraceState = .empty) {
        self.traceID = traceID
        self.spanID = spanID
        self.flags = flags
        self.traceState = traceState
        self.version = 0
        self.isRemote = false
    }

    /// Parses `traceparent` (and `tracestate`, when given) header values.
    ///
    /// - Parameters:
    ///   - traceparent: The `traceparent` field value.
    ///   - tracestate: The `tracestate` field value, if one was received. When invalid it is discarded and the
    ///     context gets an empty state; it never makes parsing fail.
    /// - Throws: `TraceParentError` naming the first problem found: fields and delimiters are checked left to
    ///   right, then the length (exactly 55 for version `00`; a `-` after the flags for a longer future version),
    ///   then the all-zero trace id and parent id.
    public init(traceparent: String, tracestate: String? = nil) throws(TraceParentError) {
        let scalars = TraceContext.trimmingOptionalWhitespace(traceparent)
        guard !scalars.isEmpty else { throw .empty }

        /// Checks that `field` holds lowercase hex digits starting at `start`.
        func check(_ field: TraceParentError.Field, at start: Int) throws(TraceParentError) {
            for position in start..<(start + field.digitCount) {
                guard position < scalars.count else { throw .truncated(field: field, length: scalars.count) }
                let scalar = scalars[position]
                guard scalar.isASCII, TraceHex.value(ofLowercase: UInt8(scalar.value)) != nil else {
                    if TraceHex.isUppercaseHexLetter(scalar) {
                        throw .uppercaseHexDigit(field: field, found: scalar, position: position)
                    }
                    throw .invalidCharacter(field: field, found: scalar, position: position)
                }
            }
        }
        func delimiter(after field: TraceParentError.Field, at position: Int) throws(TraceParentError) {
            guard position < scalars.count else { throw .truncated(field: field, length: scalars.count) }
            guard scalars[position] == "-" else {
                throw .missingDelimiter(after: field, found: scalars[position], position: position)
            }
        }

        try check(.version, at: 0)
        try delimiter(after: .version, at: 2)
        let version = UInt8(TraceContext.decode(scalars, at: 0, digits: 2))
        guard version != 0xFF else { throw .forbiddenVersion }
        try check(.traceID, at: 3)
        try delimiter(after: .traceID, at: 35)
        try check(.parentID, at: 36)
        try delimiter(after: .parentID, at: 52)
        try check(.traceFlags, at: 53)
        let high = TraceContext.decode(scalars, at: 3, digits: 16)
        let low = TraceContext.decode(scalars, at: 19, digits: 16)
        let parent = TraceContext.decode(scalars, at: 36, digits: 16)
        let flagsByte = UInt8(TraceContext.decode(scalars, at: 53, digits: 2))

        if version == 0 {
            guard scalars.count == TraceContext.version00Length else { throw .wrongLength(length: scalars.count) }
        } else if scalars.count > TraceContext.version00Length {
            try delimiter(after: .traceFlags, at: TraceContext.version00Length)
        }
        let traceID = TraceID(high: high, low: low)
        guard traceID.isValid else { throw .zeroTraceID }
        guard parent != 0 else { throw .zeroParentID }

        var flags = TraceFlags(rawValue: flagsByte)
        if version != 0 { flags = flags.definedByVersion00 }
        let state = tracestate.flatMap { TraceState(header: $0) } ?? .empty
        self.init(traceID: traceID, spanID: SpanID(parent), flags: flags, traceState: state)
        self.version = version
        self.isRemote = true
    }

    /// The `traceparent` value, always in version-`00` form: `00-<trace-id>-<parent-id>-<flags>`.
    public var traceparent: String {
        String(unsafeUninitializedCapacity: TraceContext.version00Length) { buffer in
            let dash = UInt8(ascii: "-")
            TraceHex.write(0, digits: 2, into: buffer, at: 0)
            buffer[2] = dash
            TraceHex.write(traceID.high, digits: 16, into: buffer, at: 3)
            TraceHex.write(traceID.low, digits: 16, into: buffer, at: 19)
            buffer[35] = dash
            TraceHex.write(spanID.rawValue, digits: 16, into: buffer, at: 36)
            buffer[52] = dash
            TraceHex.write(UInt64(flags.rawValue), digits: 2, into: buffer, at: 53)
            return TraceContext.version00Length
        }
    }

    /// The `tracestate` value to send, or `nil` when the state is empty (the specification discourages sending
    /// an empty header).
    public var tracestate: String? { traceState.isEmpty ? nil : traceState.header }

    /// Whether both ids are non-zero, so the context may be propagated.
    public var isValid: Bool { traceID.isValid && spanID.isValid }

    /// The `traceparent` value, as `traceparent`.
    public var description: String { traceparent }

    // MARK: - Parsing helpers

    /// The value's Unicode scalars without leading and trailing spaces and tabs.
    private static func trimmingOptionalWhitespace(_ value: String) -> [Unicode.Scalar] {
        let scalars = value.unicodeScalars
        let isOWS: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = scalars.firstIndex(where: { !isOWS($0) }),
            let last = scalars.lastIndex(where: { !isOWS($0) })
        else { return [] }
        return Array(scalars[first...last])
    }

    /// Decodes lowercase hex digits that `check` has already validated.
    private static func decode(_ scalars: [Unicode.Scalar], at start: Int, digits: Int) -> UInt64 {
        var value: UInt64 = 0
        for position in start..<(start + digits) {
            let byte = UInt8(truncatingIfNeeded: scalars[position].value)
            value = value << 4 | UInt64(TraceHex.value(ofLowercase: byte) ?? 0)
        }
        return value
    }
}
