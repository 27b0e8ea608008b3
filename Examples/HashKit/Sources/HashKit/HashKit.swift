import CHashKit
import ObsBridge

/// SipHash-2-4 and hexadecimal decoding, computed by HashKit's Rust library, every call traced
/// through an ObsBridge ``Bridge``.
///
/// A program may use it together with other instrumented libraries (ChecksumKit, for one): each
/// Rust library carries its own copy of the `obsbridge` crate, and all of them record into the
/// one bridge the program starts. Failures are `NativeError`s in ``errorDomain`` with an
/// ``ErrorCode``. Threads: any; the value is `Sendable` and holds no mutable state.
public struct HashKit: Sendable {
    /// The error domain of every failure HashKit itself reports (`HK_ERROR_DOMAIN`).
    public static let errorDomain = "hashkit"

    /// Codes within ``HashKit/errorDomain`` (`HK_ERROR_*` in `hashkit.h`).
    public enum ErrorCode: Int32, Sendable {
        /// Text that is not hexadecimal (the message says where).
        case malformed = 1
        /// The output buffer was too small.
        case bufferTooSmall = 2
    }

    /// The bridge every call is traced through.
    public let bridge: Bridge
    /// `hk_siphash24`.
    let siphash: TracedOperation
    /// `hk_hex_decode`.
    let hexDecode: TracedOperation

    /// Wraps `bridge`, registering HashKit's operations (the same names as the Rust callsites).
    ///
    /// - Throws: `BridgeError` if the callsite table is full.
    public init(bridge: Bridge) throws(BridgeError) {
        self.bridge = bridge
        siphash = try Bridge.operation("hk.siphash24")
        hexDecode = try Bridge.operation("hk.hex_decode")
    }

    /// SipHash-2-4 of `bytes` under a 16-byte `key`.
    ///
    /// - Throws: `NativeError` with status `.nullArgument` when `key` is not 16 bytes long (the
    ///   library reads exactly 16).
    public func siphash24(_ bytes: [UInt8], key: [UInt8], parent: TraceContext? = nil) throws -> UInt64 {
        var hash: UInt64 = 0
        let keyIsValid = key.count == Int(HK_SIPHASH_KEY_LEN)
        try key.withUnsafeBufferPointer { key in
            try bytes.withUnsafeBufferPointer { bytes in
                try bridge.trace(siphash, parent: parent) { call in
                    // A key of another length is passed as NULL, which the library refuses.
                    hk_siphash24(
                        call.context, keyIsValid ? key.baseAddress : nil, bytes.baseAddress, bytes.count, &hash,
                        call.error)
                }
            }
        }
        return hash
    }

    /// The bytes that hexadecimal `text` spells (two digits per byte, either case).
    ///
    /// - Throws: `NativeError` ``ErrorCode/malformed`` for an odd number of digits or a non-digit.
    public func hexDecode(_ text: String, parent: TraceContext? = nil) throws -> [UInt8] {
        var text = text
        return try text.withUTF8 { text in
            try [UInt8](unsafeUninitializedCapacity: text.count / 2) { out, initialized in
                var written = 0
                try bridge.trace(hexDecode, parent: parent) { call in
                    hk_hex_decode(
                        call.context, text.baseAddress, text.count, out.baseAddress, out.count, &written,
                        call.error)
                }
                initialized = written
            }
        }
    }
}
