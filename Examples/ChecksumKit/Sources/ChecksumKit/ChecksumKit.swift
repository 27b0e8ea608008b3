import CChecksumKit
import ObsBridge

/// Checksums (CRC-32, Adler-32, FNV-1a) and PackBits compression, computed by ChecksumKit's Rust
/// library, every call traced through an ObsBridge ``Bridge``.
///
/// Each method crosses the C boundary once, in a span named after its operation, and throws the
/// `NativeError` the library reported; match ChecksumKit's own failures on ``errorDomain`` and
/// ``ErrorCode``:
/// ```swift
/// catch let error as NativeError
///     where error.domain == ChecksumKit.errorDomain && error.code == ChecksumKit.ErrorCode.malformed.rawValue { … }
/// ```
/// Threads: any; the value is `Sendable` and holds no mutable state.
public struct ChecksumKit: Sendable {
    /// The error domain of every failure ChecksumKit itself reports (`CK_ERROR_DOMAIN`).
    public static let errorDomain = "checksumkit"

    /// Codes within ``ChecksumKit/errorDomain`` (`CK_ERROR_*` in `checksumkit.h`). Code 1 was
    /// "buffer too small", retired for ObsBridge's own `BridgeStatus.bufferTooSmall`.
    public enum ErrorCode: Int32, Sendable {
        /// Compressed input is malformed.
        case malformed = 2
        /// The output would exceed the library's limit (1 GiB).
        case tooLarge = 3
        /// An algorithm name the library does not know.
        case unknownAlgorithm = 4
    }

    /// The registered operations, one per native function.
    public struct Operations: Sendable {
        /// `ck_crc32`.
        public let crc32: TracedOperation
        /// `ck_adler32`.
        public let adler32: TracedOperation
        /// `ck_fnv1a64`.
        public let fnv1a64: TracedOperation
        /// `ck_crc32_batch`.
        public let crc32Batch: TracedOperation
        /// `ck_digest_hex`.
        public let digestHex: TracedOperation
        /// `ck_packbits_compress`.
        public let compress: TracedOperation
        /// `ck_packbits_decompress`.
        public let decompress: TracedOperation

        /// Registers every operation (the same names as the Rust callsites).
        public init() throws(BridgeError) {
            crc32 = try Bridge.operation("ck.crc32")
            adler32 = try Bridge.operation("ck.adler32")
            fnv1a64 = try Bridge.operation("ck.fnv1a64")
            crc32Batch = try Bridge.operation("ck.crc32_batch")
            digestHex = try Bridge.operation("ck.digest_hex")
            compress = try Bridge.operation("ck.packbits_compress")
            decompress = try Bridge.operation("ck.packbits_decompress")
        }
    }

    /// The bridge every call is traced through.
    public let bridge: Bridge
    /// The registered operations.
    public let operations: Operations

    /// Wraps `bridge`, registering ChecksumKit's operations.
    ///
    /// - Throws: `BridgeError` if the callsite table is full.
    public init(bridge: Bridge) throws(BridgeError) {
        self.bridge = bridge
        self.operations = try Operations()
    }

    // MARK: - Checksums: caller-allocated input, scalar output

    /// The CRC-32 (IEEE, as zlib and PNG) of `bytes`.
    public func crc32(_ bytes: [UInt8], parent: TraceContext? = nil) throws -> UInt32 {
        var crc: UInt32 = 0
        try bytes.withUnsafeBufferPointer { bytes in
            try bridge.trace(operations.crc32, parent: parent) { call in
                ck_crc32(call.context, bytes.baseAddress, bytes.count, &crc, call.error)
            }
        }
        return crc
    }

    /// The Adler-32 (RFC 1950) of `bytes`.
    public func adler32(_ bytes: [UInt8], parent: TraceContext? = nil) throws -> UInt32 {
        var adler: UInt32 = 0
        try bytes.withUnsafeBufferPointer { bytes in
            try bridge.trace(operations.adler32, parent: parent) { call in
                ck_adler32(call.context, bytes.baseAddress, bytes.count, &adler, call.error)
            }
        }
        return adler
    }

    /// The 64-bit FNV-1a hash of `bytes`.
    public func fnv1a64(_ bytes: [UInt8], parent: TraceContext? = nil) throws -> UInt64 {
        var hash: UInt64 = 0
        try bytes.withUnsafeBufferPointer { bytes in
            try bridge.trace(operations.fnv1a64, parent: parent) { call in
                ck_fnv1a64(call.context, bytes.baseAddress, bytes.count, &hash, call.error)
            }
        }
        return hash
    }

    // MARK: - Batch: one crossing for many buffers

    /// The CRC-32 of each buffer, computed in one native call (one span for the whole batch).
    ///
    /// Cheaper per item than ``crc32(_:parent:)`` for small buffers: the boundary and the span are
    /// paid once. The buffers are packed into one contiguous input first.
    public func crc32(batch items: [[UInt8]], parent: TraceContext? = nil) throws -> [UInt32] {
        var data: [UInt8] = []
        data.reserveCapacity(items.reduce(0) { $0 + $1.count })
        for item in items { data.append(contentsOf: item) }
        return try crc32(packed: data, lengths: items.map(\.count), parent: parent)
    }

    /// The CRC-32 of each of `lengths.count` buffers stored back to back in `data`.
    ///
    /// - Throws: `NativeError` with status `.invalidArgument` when `lengths` do not add up to
    ///   `data.count`.
    public func crc32(packed data: [UInt8], lengths: [Int], parent: TraceContext? = nil) throws
        -> [UInt32]
    {
        try [UInt32](unsafeUninitializedCapacity: lengths.count) { out, initialized in
            try data.withUnsafeBufferPointer { data in
                try lengths.withUnsafeBufferPointer { lengths in
                    try bridge.trace(operations.crc32Batch, parent: parent) { call in
                        ck_crc32_batch(
                            call.context, data.baseAddress, data.count, lengths.baseAddress,
                            lengths.count, out.baseAddress, out.count, call.error)
                    }
                }
            }
            initialized = lengths.count
        }
    }

    // MARK: - Strings in both directions, into a caller-provided buffer

    /// The lowercase hexadecimal digest of `bytes` under `algorithm` (`"crc32"`, `"adler32"` or
    /// `"fnv1a64"`): the name goes in as a UTF-8 string, the digest comes back as one, written
    /// into a buffer this method provides.
    ///
    /// - Throws: `NativeError` ``ErrorCode/unknownAlgorithm`` (the message quotes the name).
    public func digestHex(_ bytes: [UInt8], algorithm: String, parent: TraceContext? = nil) throws
        -> String
    {
        var name = algorithm
        return try String(unsafeUninitializedCapacity: 16) { text in
            var length = 0
            try name.withUTF8 { name in
                try bytes.withUnsafeBufferPointer { bytes in
                    try bridge.trace(operations.digestHex, parent: parent) { call in
                        ck_digest_hex(
                            call.context, name.baseAddress, name.count, bytes.baseAddress,
                            bytes.count, text.baseAddress, text.count, &length, call.error)
                    }
                }
            }
            return length
        }
    }

    // MARK: - Compression: caller-provided output buffer, library-allocated output

    /// Compresses `bytes` with PackBits into an output buffer of `capacity` bytes (default: the
    /// worst case, which never fails). When a given `capacity` is too small, the library answers
    /// `BridgeStatus.bufferTooSmall` with the exact size needed, and this method calls once more
    /// with that size.
    ///
    /// - Returns: The compressed bytes.
    public func compress(_ bytes: [UInt8], capacity: Int? = nil, parent: TraceContext? = nil)
        throws -> [UInt8]
    {
        var capacity = capacity ?? ck_packbits_bound(bytes.count)
        var attempts = 0
        while true {
            var written = 0
            do {
                return try [UInt8](unsafeUninitializedCapacity: capacity) { out, initialized in
                    try bytes.withUnsafeBufferPointer { bytes in
                        try bridge.trace(operations.compress, parent: parent) { call in
                            ck_packbits_compress(
                                call.context, bytes.baseAddress, bytes.count, out.baseAddress,
                                out.count, &written, call.error)
                        }
                    }
                    initialized = written
                }
            } catch let error as NativeError where error.status == .bufferTooSmall && attempts == 0 {
                // The library wrote the size it needs to `written`; grow once and call again.
                attempts += 1
                capacity = written
            }
        }
    }

    /// Decompresses PackBits data. The library allocates the output; this method copies it into
    /// an array and releases the native buffer with `ck_bytes_free` in a `defer`.
    ///
    /// - Throws: `NativeError` ``ErrorCode/malformed`` for a stream cut short,
    ///   ``ErrorCode/tooLarge`` above 1 GiB.
    public func decompress(_ bytes: [UInt8], parent: TraceContext? = nil) throws -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>? = nil
        var count = 0
        try bytes.withUnsafeBufferPointer { bytes in
            try bridge.trace(operations.decompress, parent: parent) { call in
                ck_packbits_decompress(
                    call.context, bytes.baseAddress, bytes.count, &output, &count, call.error)
            }
        }
        // Success: the buffer is ours until ck_bytes_free; (nil, 0) for an empty result.
        defer { ck_bytes_free(output, count) }
        return Array(UnsafeBufferPointer(start: output, count: count))
    }

    /// The largest compressed size of `count` input bytes (`ck_packbits_bound`; not traced).
    public static func compressionBound(_ count: Int) -> Int {
        ck_packbits_bound(count)
    }

    /// The digest of the linked Rust archive: changes whenever the Rust code does.
    public static var archiveDigest: UInt32 { RustArchive.digest }
}
