import CObsBridge
import ObsCollector

/// The one decoder of a native `obsb_error`, shared by the two places an error arrives: the error
/// slot of a failed traced call (which becomes the thrown ``NativeError``) and the records drained
/// from the native error queue (which become the collector's ``ErrorRecord``s). Both then go through
/// ``ErrorRecord/init(sanitizing:operation:unixOffset:sanitizer:)``, the one place a message is
/// sanitized, so the thrown error and the exported record agree (see Docs/ARCHITECTURE.md).
extension NativeErrorReport {
    /// Decodes an error the native side wrote. Lengths are clamped to the buffers' capacities, so a
    /// corrupt length can never read past the struct; invalid UTF-8 becomes U+FFFD.
    ///
    /// - Parameters:
    ///   - error: The native error; read during the call only.
    ///   - traceID: The failing span's trace.
    ///   - spanID: The failing span.
    ///   - operation: The failing span's callsite id.
    ///   - endNanoseconds: When the call ended, in `CLOCK_MONOTONIC` nanoseconds.
    init(
        decoding error: UnsafePointer<obsb_error>, traceID: TraceID, spanID: SpanID,
        operation: UInt32, endNanoseconds: UInt64
    ) {
        let domainLength = min(Int(error.pointee.domain_len), Int(OBSB_ERROR_DOMAIN_CAPACITY))
        let messageLength = min(Int(error.pointee.message_len), Int(OBSB_ERROR_MESSAGE_CAPACITY))
        let domain = UnsafeRawPointer(error.pointer(to: \.domain)!).withMemoryRebound(
            to: UInt8.self, capacity: domainLength
        ) { String(decoding: UnsafeBufferPointer(start: $0, count: domainLength), as: UTF8.self) }
        let message = UnsafeRawPointer(error.pointer(to: \.message)!).withMemoryRebound(
            to: UInt8.self, capacity: messageLength
        ) { String(decoding: UnsafeBufferPointer(start: $0, count: messageLength), as: UTF8.self) }
        self.init(
            traceID: traceID, spanID: spanID, operation: operation, status: error.pointee.status,
            domain: domain, code: error.pointee.code, message: message,
            truncated: error.pointee.truncated != 0, sensitive: error.pointee.sensitive != 0,
            endNanoseconds: endNanoseconds)
    }
}
