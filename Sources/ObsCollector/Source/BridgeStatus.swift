/// A permanent ObsBridge status code, as every fallible C function returns it and as span and error
/// records carry it.
///
/// This is the one Swift table of the codes and names in `obsbridge.h` (`OBSB_STATUS_*`); a test
/// compares it with the header and with the native `obsb_status_name`. Values are permanent: a
/// retired one stays here as a comment.
public struct BridgeStatus: RawRepresentable, Error, Hashable, Sendable, CustomStringConvertible {
    /// The C value.
    public let rawValue: Int32

    /// Wraps a C status value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Success.
    public static let ok = BridgeStatus(rawValue: 0)
    /// A required pointer was NULL.
    public static let nullArgument = BridgeStatus(rawValue: 1)
    /// A value was out of range.
    public static let invalidArgument = BridgeStatus(rawValue: 2)
    /// The native library was built for another ABI version.
    public static let abiMismatch = BridgeStatus(rawValue: 3)
    /// A handle the library never issued.
    public static let invalidHandle = BridgeStatus(rawValue: 4)
    /// A handle that was closed.
    public static let closedHandle = BridgeStatus(rawValue: 5)
    /// A bridge is open already in this process.
    public static let alreadyOpen = BridgeStatus(rawValue: 6)
    /// A name was not valid UTF-8.
    public static let invalidUTF8 = BridgeStatus(rawValue: 7)
    /// A name was too long.
    public static let tooLong = BridgeStatus(rawValue: 8)
    /// A fixed table is full.
    public static let capacity = BridgeStatus(rawValue: 9)
    /// The library reported an error (see `NativeError.domain` and `NativeError.code`).
    public static let libraryError = BridgeStatus(rawValue: 10)
    /// The library panicked; the panic was caught at the boundary.
    public static let panic = BridgeStatus(rawValue: 11)
    /// A trace context with a zero id.
    public static let invalidContext = BridgeStatus(rawValue: 12)
    /// No such callsite.
    public static let notFound = BridgeStatus(rawValue: 13)
    /// A caller-provided output buffer was too small; the function wrote the length it needs.
    public static let bufferTooSmall = BridgeStatus(rawValue: 14)

    /// Every status the header defines, with its C name, in code order.
    public static let known: [(status: BridgeStatus, name: String)] = [
        (.ok, "OBSB_STATUS_OK"),
        (.nullArgument, "OBSB_STATUS_NULL_ARGUMENT"),
        (.invalidArgument, "OBSB_STATUS_INVALID_ARGUMENT"),
        (.abiMismatch, "OBSB_STATUS_ABI_MISMATCH"),
        (.invalidHandle, "OBSB_STATUS_INVALID_HANDLE"),
        (.closedHandle, "OBSB_STATUS_CLOSED_HANDLE"),
        (.alreadyOpen, "OBSB_STATUS_ALREADY_OPEN"),
        (.invalidUTF8, "OBSB_STATUS_INVALID_UTF8"),
        (.tooLong, "OBSB_STATUS_TOO_LONG"),
        (.capacity, "OBSB_STATUS_CAPACITY"),
        (.libraryError, "OBSB_STATUS_LIBRARY_ERROR"),
        (.panic, "OBSB_STATUS_PANIC"),
        (.invalidContext, "OBSB_STATUS_INVALID_CONTEXT"),
        (.notFound, "OBSB_STATUS_NOT_FOUND"),
        (.bufferTooSmall, "OBSB_STATUS_BUFFER_TOO_SMALL"),
    ]

    /// The C name, e.g. `OBSB_STATUS_PANIC`; `OBSB_STATUS_UNKNOWN` for a code the header does not
    /// define (as `obsb_status_name` says).
    public var name: String {
        let index = Int(rawValue)
        guard Self.known.indices.contains(index) else { return "OBSB_STATUS_UNKNOWN" }
        return Self.known[index].name
    }

    /// The C name; an unknown code also shows its number, e.g. `OBSB_STATUS_UNKNOWN(42)`.
    public var description: String {
        Self.known.indices.contains(Int(rawValue)) ? name : "\(name)(\(rawValue))"
    }
}
