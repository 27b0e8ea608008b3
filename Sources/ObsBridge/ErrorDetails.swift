import CObsBridge

/// The text fields of a native `obsb_error`, decoded (invalid UTF-8 replaced) and bounded.
struct ErrorDetails {
    var domain: String
    var message: String
    var truncated: Bool

    /// Reads an error the native side wrote. Lengths are clamped to the buffers' capacities, so a
    /// corrupt length can never read past the struct.
    init(_ error: UnsafePointer<obsb_error>) {
        let domainLength = min(Int(error.pointee.domain_len), Int(OBSB_ERROR_DOMAIN_CAPACITY))
        let messageLength = min(Int(error.pointee.message_len), Int(OBSB_ERROR_MESSAGE_CAPACITY))
        domain = UnsafeRawPointer(error.pointer(to: \.domain)!).withMemoryRebound(
            to: UInt8.self, capacity: domainLength
        ) { String(decoding: UnsafeBufferPointer(start: $0, count: domainLength), as: UTF8.self) }
        message = UnsafeRawPointer(error.pointer(to: \.message)!).withMemoryRebound(
            to: UInt8.self, capacity: messageLength
        ) { String(decoding: UnsafeBufferPointer(start: $0, count: messageLength), as: UTF8.self) }
        truncated = error.pointee.truncated != 0
    }
}
