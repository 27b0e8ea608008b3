/// Why a `traceparent` header value was rejected.
///
/// Positions are 0-based offsets, counted in Unicode scalars, into the value after optional whitespace (spaces
/// and tabs) at both ends was removed — the same counting the W3C specification uses ("the second dash at the
/// 35th position"). Found characters are shown quoted when printable ASCII and as `U+XXXX` otherwise, so a
/// description is always safe to print on a terminal.
public enum TraceParentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A field of the version-`00` layout.
    public enum Field: String, Sendable, Equatable {
        /// The 2-digit `version`.
        case version
        /// The 32-digit `trace-id`.
        case traceID = "trace-id"
        /// The 16-digit `parent-id` (the caller's span id).
        case parentID = "parent-id"
        /// The 2-digit `trace-flags`.
        case traceFlags = "trace-flags"

        /// How many hex digits the field holds.
        public var digitCount: Int {
            switch self {
            case .version, .traceFlags: return 2
            case .traceID: return 32
            case .parentID: return 16
            }
        }
    }

    /// The value is empty (or only whitespace).
    case empty
    /// A field holds a character that is not a hex digit.
    case invalidCharacter(field: Field, found: Unicode.Scalar, position: Int)
    /// A field holds an uppercase hex digit; the specification allows lowercase only.
    case uppercaseHexDigit(field: Field, found: Unicode.Scalar, position: Int)
    /// The value ends before the field and its separator are complete (the value is shorter than 55).
    case truncated(field: Field, length: Int)
    /// The character after a field is not the `-` delimiter.
    case missingDelimiter(after: Field, found: Unicode.Scalar, position: Int)
    /// Version `ff`, which the specification forbids.
    case forbiddenVersion
    /// A version-`00` value that is not exactly 55 characters long (it continues past the flags).
    case wrongLength(length: Int)
    /// The trace id is all zeros.
    case zeroTraceID
    /// The parent id is all zeros.
    case zeroParentID

    /// A one-line explanation for a person, e.g.
    /// "trace-id must be 32 lowercase hex digits, found 'X' at position 12".
    public var description: String {
        switch self {
        case .empty:
            return "traceparent is empty"
        case .invalidCharacter(let field, let found, let position):
            return "\(field.rawValue) must be \(field.digitCount) lowercase hex digits, "
                + "found \(Self.show(found)) at position \(position)"
        case .uppercaseHexDigit(let field, let found, let position):
            return "\(field.rawValue) must be \(field.digitCount) lowercase hex digits, "
                + "found uppercase \(Self.show(found)) at position \(position)"
        case .truncated(let field, let length):
            return "traceparent ends inside \(field.rawValue) after \(length) characters; "
                + "a traceparent has at least 55 (version-trace_id-parent_id-flags)"
        case .missingDelimiter(let field, let found, let position):
            return "expected '-' after \(field.rawValue) at position \(position), found \(Self.show(found))"
        case .forbiddenVersion:
            return "version ff is forbidden by the W3C Trace Context specification"
        case .wrongLength(let length):
            return "a version 00 traceparent must be exactly 55 characters, found \(length)"
        case .zeroTraceID:
            return "trace-id must not be all zeros"
        case .zeroParentID:
            return "parent-id must not be all zeros"
        }
    }

    private static func show(_ scalar: Unicode.Scalar) -> String {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return "'\(Character(scalar))'" }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
