/// The W3C `tracestate` header: an ordered list of vendor-specific key/value entries.
///
/// This type follows **W3C Trace Context Level 1** (Recommendation, 23 November 2021), the stable standard:
///
/// - A key is a `simple-key` — a lowercase letter then up to 255 of `a-z 0-9 _ - * /` — or a
///   `multi-tenant-key` — `tenant-id@system-id`, where the tenant id is a lowercase letter or digit then up to
///   240 of those characters and the system id is a lowercase letter then up to 13 of them. Level 2 (a draft at
///   the time of writing) relaxes this to one grammar that also admits digits first and any number of `@`; every
///   Level 1 key is also a Level 2 key, so what this type emits is valid under both, but a Level-2-only key
///   (such as `foo@@bar` or `1@`) is rejected on input.
/// - A value is 1 to 256 printable ASCII characters (`0x20`–`0x7E`) other than `,` and `=`, whose last
///   character is not a space. Leading spaces belong to the value; trailing spaces and tabs around a member are
///   optional whitespace and are dropped.
/// - Members are separated by `,` with optional spaces and tabs around each member. Empty and whitespace-only
///   members are allowed and ignored, so an empty header is a valid, empty state.
/// - At most 32 members (`maximumEntries`), and each key at most once.
///
/// A header that breaks any rule is discarded as a whole (`init(header:)` returns `nil`), as the W3C test
/// suite's strict level expects: invalid keys or values, a duplicated key, or more than 32 members. The caller
/// then propagates no `tracestate` at all, which the specification allows; a bad `tracestate` never affects the
/// `traceparent` it came with.
///
/// Entries keep the order received. Mutations follow the specification: an added or updated entry moves to the
/// front (left); when a new entry would exceed 32 members, the right-most entry is dropped.
public struct TraceState: Hashable, Sendable, CustomStringConvertible {
    /// One `key=value` member of the list.
    public struct Entry: Hashable, Sendable {
        /// The vendor key, e.g. `congo` or `tenant@system`.
        public var key: String
        /// The opaque vendor value.
        public var value: String

        /// Creates an entry without validating it; `TraceState` validates when entries are added.
        ///
        /// - Parameters:
        ///   - key: The vendor key.
        ///   - value: The opaque value.
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The most list members a valid header may hold.
    public static let maximumEntries = 32

    /// The state with no entries; its header is the empty string.
    public static let empty = TraceState(validatedEntries: [])

    /// The entries in header order, left-most first.
    public private(set) var entries: [Entry]

    private init(validatedEntries: [Entry]) {
        self.entries = validatedEntries
    }

    /// Parses one `tracestate` header value.
    ///
    /// - Parameter header: The field value, as received.
    /// - Returns: `nil` when the header is invalid and must be discarded as a whole (see the type's rules).
    public init?(header: String) {
        self.init(headers: [header])
    }

    /// Parses several `tracestate` header fields received in one request.
    ///
    /// As RFC 7230 §3.2.2 requires, the fields are combined in order, as if joined with commas; the member
    /// limit and the duplicate-key rule apply to the combination.
    ///
    /// - Parameter headers: The field values in the order received.
    /// - Returns: `nil` when the combined header is invalid and must be discarded as a whole.
    public init?(headers: [String]) {
        var parsed: [Entry] = []
        var seen = Set<String>()
        for header in headers {
            for member in header.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                guard let entry = TraceState.parseMember(member) else { return nil }
                guard let entry else { continue }  // empty or whitespace-only member
                guard parsed.count < TraceState.maximumEntries, seen.insert(entry.key).inserted else { return nil }
                parsed.append(entry)
            }
        }
        self.init(validatedEntries: parsed)
    }

    /// Creates a state from entries, validating each and rejecting duplicates.
    ///
    /// - Parameter entries: The entries, left-most first.
    /// - Returns: `nil` when a key or value is invalid, a key repeats, or there are more than 32 entries.
    public init?(entries: [Entry]) {
        guard entries.count <= TraceState.maximumEntries else { return nil }
        var seen = Set<String>()
        for entry in entries {
            guard TraceState.isValidKey(entry.key), TraceState.isValidValue(entry.value),
                seen.insert(entry.key).inserted
            else { return nil }
        }
        self.init(validatedEntries: entries)
    }

    /// The header value: entries joined by commas, no optional whitespace; empty for an empty state.
    public var header: String {
        entries.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// The header value, as `header`.
    public var description: String { header }

    /// Whether the state has no entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value for a key, or `nil` when the key is absent.
    ///
    /// - Parameter key: The vendor key.
    public subscript(key: String) -> String? {
        entries.first { $0.key == key }?.value
    }

    /// Returns a copy with `key` set to `value`, moved to the front of the list as the specification requires.
    ///
    /// When `key` is new and the list is already full, the right-most entry is dropped to make room.
    ///
    /// - Parameters:
    ///   - value: The new opaque value.
    ///   - key: The vendor key.
    /// - Returns: The updated state, or `nil` when the key or value is invalid.
    public func setting(_ value: String, forKey key: String) -> TraceState? {
        guard TraceState.isValidKey(key), TraceState.isValidValue(value) else { return nil }
        var rest = entries.filter { $0.key != key }
        if rest.count >= TraceState.maximumEntries { rest.removeLast(rest.count - TraceState.maximumEntries + 1) }
        return TraceState(validatedEntries: [Entry(key: key, value: value)] + rest)
    }

    /// Returns a copy without the entry for `key`; the others keep their order.
    ///
    /// - Parameter key: The vendor key to remove.
    /// - Returns: The updated state (unchanged when the key is absent).
    public func removing(_ key: String) -> TraceState {
        TraceState(validatedEntries: entries.filter { $0.key != key })
    }

    // MARK: - Grammar

    /// Whether `key` is a valid Level 1 key (`simple-key` or `multi-tenant-key`).
    ///
    /// - Parameter key: The candidate key.
    /// - Returns: `true` when the key matches the grammar.
    public static func isValidKey(_ key: String) -> Bool {
        isValidKey(Array(key.utf8)[...])
    }

    /// Whether `value` is a valid value: 1–256 printable ASCII characters except `,` and `=`, not ending in a
    /// space.
    ///
    /// - Parameter value: The candidate value.
    /// - Returns: `true` when the value matches the grammar.
    public static func isValidValue(_ value: String) -> Bool {
        isValidValue(Array(value.utf8)[...])
    }

    private static func isKeyCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }

    private static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isValidKey(_ key: ArraySlice<UInt8>) -> Bool {
        let parts = key.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            // simple-key = lcalpha 0*255( lcalpha / DIGIT / "_" / "-" / "*" / "/" )
            guard let first = key.first, isLowercaseLetter(first), key.count <= 256 else { return false }
            return key.dropFirst().allSatisfy(isKeyCharacter)
        case 2:
            // tenant-id = ( lcalpha / DIGIT ) 0*240( ... ), system-id = lcalpha 0*13( ... )
            let tenant = parts[0]
            let system = parts[1]
            guard let tenantFirst = tenant.first, isLowercaseLetter(tenantFirst) || isDigit(tenantFirst),
                tenant.count <= 241, tenant.dropFirst().allSatisfy(isKeyCharacter),
                let systemFirst = system.first, isLowercaseLetter(systemFirst),
                system.count <= 14, system.dropFirst().allSatisfy(isKeyCharacter)
            else { return false }
            return true
        default:
            return false
        }
    }

    static func isValidValue(_ value: ArraySlice<UInt8>) -> Bool {
        // value = 0*255(chr) nblk-chr; nblk-chr = %x21-2B / %x2D-3C / %x3E-7E; chr = %x20 / nblk-chr
        guard let last = value.last, last != 0x20, value.count <= 256 else { return false }
        return value.allSatisfy { byte in
            byte >= 0x20 && byte <= 0x7E && byte != UInt8(ascii: ",") && byte != UInt8(ascii: "=")
        }
    }

    /// Parses one comma-separated member.
    ///
    /// - Returns: `.some(nil)` for an empty or whitespace-only member, `.some(entry)` for a valid one, and `nil`
    ///   for an invalid one.
    private static func parseMember(_ member: Substring.UTF8View.SubSequence) -> Entry?? {
        let isOWS: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        var bytes = Array(member)[...]
        while let first = bytes.first, isOWS(first) { bytes.removeFirst() }
        while let last = bytes.last, isOWS(last) { bytes.removeLast() }
        if bytes.isEmpty { return .some(nil) }
        guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        let key = bytes[..<equals]
        let value = bytes[(equals + 1)...]
        guard isValidKey(key), isValidValue(value) else { return nil }
        return .some(Entry(key: String(decoding: key, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
    }
}
