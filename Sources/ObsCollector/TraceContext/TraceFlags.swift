/// The 8-bit `trace-flags` field of a W3C `traceparent` header.
///
/// Version `00` of the specification defines one flag, `sampled` (the least significant bit). The other bits are
/// reserved: a context parsed from a version-`00` header keeps them as received (so a tool can show exactly what
/// arrived), while a context parsed from a higher version keeps only the bits version `00` defines, as the
/// specification's processing model requires. Use `definedByVersion00` to clear reserved bits before sending.
public struct TraceFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// The flag bits as they appear on the wire.
    public let rawValue: UInt8

    /// Creates flags from their wire byte.
    ///
    /// - Parameter rawValue: The 8 flag bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The caller may have recorded trace data for this request (bit `00000001`).
    public static let sampled = TraceFlags(rawValue: 0x01)

    /// Every flag that version `00` of the specification defines.
    public static let knownToVersion00: TraceFlags = [.sampled]

    /// These flags with every bit that version `00` does not define cleared.
    public var definedByVersion00: TraceFlags { intersection(.knownToVersion00) }

    /// The two lowercase hex digits of the wire form, e.g. `01`.
    public var description: String { TraceHex.string(UInt64(rawValue), digits: 2) }
}
