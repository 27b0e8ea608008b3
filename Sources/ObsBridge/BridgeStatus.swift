import CObsBridge

/// A permanent ObsBridge status code, as returned by every fallible C function.
public struct BridgeStatus: RawRepresentable, Error, Hashable, Sendable, CustomStringConvertible {
    /// The C value.
    public let rawValue: Int32

    /// Wraps a C status value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Success.
    public static let ok = BridgeStatus(rawValue: OBSB_STATUS_OK)
    /// A required pointer was NULL.
    public static let nullArgument = BridgeStatus(rawValue: OBSB_STATUS_NULL_ARGUMENT)
    /// A value was out of range.
    public static let invalidArgument = BridgeStatus(rawValue: OBSB_STATUS_INVALID_ARGUMENT)
    /// The native library was built for another ABI version.
    public static let abiMismatch = BridgeStatus(rawValue: OBSB_STATUS_ABI_MISMATCH)
    /// A handle the library never issued.
    public static let invalidHandle = BridgeStatus(rawValue: OBSB_STATUS_INVALID_HANDLE)
    /// A handle that was closed.
    public static let closedHandle = BridgeStatus(rawValue: OBSB_STATUS_CLOSED_HANDLE)
    /// A bridge is open already in this process.
    public static let alreadyOpen = BridgeStatus(rawValue: OBSB_STATUS_ALREADY_OPEN)
    /// A name was not valid UTF-8.
    public static let invalidUTF8 = BridgeStatus(rawValue: OBSB_STATUS_INVALID_UTF8)
    /// A name was too long.
    public static let tooLong = BridgeStatus(rawValue: OBSB_STATUS_TOO_LONG)
    /// A fixed table is full.
    public static let capacity = BridgeStatus(rawValue: OBSB_STATUS_CAPACITY)
    /// The library reported an error (see ``NativeError/domain`` and ``NativeError/code``).
    public static let libraryError = BridgeStatus(rawValue: OBSB_STATUS_LIBRARY_ERROR)
    /// The library panicked; the panic was caught at the boundary.
    public static let panic = BridgeStatus(rawValue: OBSB_STATUS_PANIC)
    /// A trace context with a zero id.
    public static let invalidContext = BridgeStatus(rawValue: OBSB_STATUS_INVALID_CONTEXT)
    /// No such callsite.
    public static let notFound = BridgeStatus(rawValue: OBSB_STATUS_NOT_FOUND)

    /// The C name, e.g. `OBSB_STATUS_PANIC`.
    public var name: String { Native.statusName(rawValue) }

    /// The status's C name, as ``name``.
    public var description: String { name }
}
