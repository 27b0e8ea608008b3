import CObsDemo
public import ObsBridge
public import ObsCollector

/// Swift calls into the demo native library, each traced through a ``Bridge``.
///
/// Every method throws the ``NativeError`` the native side reported. Threads: any.
public struct DemoNative: Sendable {
    /// The bridge the calls are traced through.
    public let bridge: Bridge
    /// The registered operations.
    public let operations: DemoOperations

    /// Wraps `bridge` with the demo's operations.
    public init(bridge: Bridge) throws(BridgeError) {
        self.bridge = bridge
        self.operations = try DemoOperations()
    }

    /// Resizes a synthetic image; returns the output size in bytes.
    public func resize(width: UInt32, height: UInt32, parent: TraceContext? = nil) throws -> UInt64 {
        var bytes: UInt64 = 0
        try bridge.trace(operations.resize, parent: parent) { call in
            demo_image_resize(call.context, width, height, &bytes, call.error)
        }
        return bytes
    }

    /// Parses a JSON document; returns how many values it holds.
    public func parse(_ json: [UInt8], parent: TraceContext? = nil) throws -> UInt64 {
        var values: UInt64 = 0
        try json.withUnsafeBufferPointer { bytes in
            try bridge.trace(operations.parse, parent: parent) { call in
                demo_json_parse(call.context, bytes.baseAddress, bytes.count, &values, call.error)
            }
        }
        return values
    }

    /// Looks a key up in the demo store.
    public func get(key: UInt64, parent: TraceContext? = nil) throws -> UInt64 {
        var value: UInt64 = 0
        try bridge.trace(operations.kvGet, parent: parent) { call in
            demo_kv_get(call.context, key, &value, call.error)
        }
        return value
    }

    /// Checksums bytes (a first byte of 0xFF makes the native side panic).
    public func checksum(_ data: [UInt8], parent: TraceContext? = nil) throws -> UInt64 {
        var sum: UInt64 = 0
        try data.withUnsafeBufferPointer { bytes in
            try bridge.trace(operations.checksum, parent: parent) { call in
                demo_checksum(call.context, bytes.baseAddress, bytes.count, &sum, call.error)
            }
        }
        return sum
    }

    /// A traced call, named `operation`, that always fails with exactly `message` as its native error
    /// message (invalid UTF-8 arrives as U+FFFD): for tests that send hostile text through the error
    /// channel and hostile operation names through the exports.
    public func fail(with message: [UInt8], as operation: TracedOperation, parent: TraceContext? = nil) throws {
        try message.withUnsafeBufferPointer { bytes in
            try bridge.trace(operation, parent: parent) { call in
                demo_fail_with(call.context, bytes.baseAddress, bytes.count, call.error)
            }
        }
    }

    /// Like ``fail(with:as:parent:)``, but the native side marks the message sensitive: the thrown
    /// error and the error record keep domain `demo` and code 8 and say `[sensitive]`.
    public func failSensitive(with message: [UInt8], as operation: TracedOperation) throws {
        try message.withUnsafeBufferPointer { bytes in
            try bridge.trace(operation) { call in
                demo_fail_sensitive(call.context, bytes.baseAddress, bytes.count, call.error)
            }
        }
    }

    /// A traced call that does nothing natively.
    @inline(__always)
    public func noop(parent: TraceContext? = nil) throws {
        try bridge.trace(operations.noop, parent: parent) { call in
            demo_noop_traced(call.context, call.error)
        }
    }

    /// ``noop(parent:)`` through the `async` form of `trace`, as an async Swift server calls.
    public func noopAsync(parent: TraceContext? = nil) async throws {
        try await bridge.trace(operations.noop, parent: parent) { call in
            demo_noop_traced(call.context, call.error)
        }
    }

    /// The same native call without tracing: the bare cost of crossing into Rust.
    @inline(__always)
    public static func bareCall() -> Int32 {
        demo_noop_bare(nil)
    }

    /// The benchmark floor, run natively: `iterations` × (two clock reads + a 64-byte store).
    public static func floorNanoseconds(iterations: UInt64) -> UInt64 {
        demo_bench_floor_ns(iterations)
    }

    /// `iterations` Rust-native child spans inside one boundary, in nanoseconds.
    public static func nativeSpansNanoseconds(iterations: UInt64) -> UInt64 {
        demo_bench_native_spans_ns(iterations)
    }

    /// The digest of the linked Rust archive (changes whenever the Rust code does).
    public static var archiveDigest: UInt32 { RustArchive.digest }
}

/// The native clock, for the benchmark's clock-read figure.
public enum DemoClock {
    /// One read of the clock ObsBridge uses (TSC or CLOCK_MONOTONIC).
    @inline(__always)
    public static func now() -> UInt64 { obsb_clock_now() }
}
