import ChecksumKit
import HashKit
import ObsBridge
import Testing

/// One bridge may be open per process, so every test that opens one lives in this serialized suite.
@Suite("HashKit and ChecksumKit over one ObsBridge", .serialized)
struct HashKitTests {
    /// Runs `body` with a fresh bridge whose collector is drained by hand, then shuts it down.
    func withBridge(_ body: (Bridge) throws -> Void) throws {
        var configuration = Bridge.Configuration()
        configuration.startsCollectorThread = false
        let bridge = try Bridge.start(configuration)
        defer { try? bridge.shutdown() }
        try body(bridge)
    }

    @Test("SipHash-2-4 matches the reference vectors; hex decodes in either case")
    func values() throws {
        try withBridge { bridge throws in
            let kit = try HashKit(bridge: bridge)
            let key: [UInt8] = Array(0..<16)
            #expect(try kit.siphash24([], key: key) == 0x726F_DB47_DD0E_0E31)
            #expect(try kit.siphash24(Array(0..<15), key: key) == 0xA129_CA61_49BE_45E5)
            #expect(try kit.hexDecode("CAfe01") == [0xCA, 0xFE, 0x01])
            #expect(try kit.hexDecode("") == [])
        }
    }

    @Test("bad input is a NativeError in HashKit's domain, or NULL_ARGUMENT for a short key")
    func errors() throws {
        try withBridge { bridge throws in
            let kit = try HashKit(bridge: bridge)
            let malformed = #expect(throws: NativeError.self) { try kit.hexDecode("abz9") }
            #expect(malformed?.domain == HashKit.errorDomain)
            #expect(malformed?.code == HashKit.ErrorCode.malformed.rawValue)
            #expect(malformed?.message.contains("byte 2") == true)
            let shortKey = #expect(throws: NativeError.self) { try kit.siphash24([1], key: [1, 2, 3]) }
            #expect(shortKey?.status == .nullArgument)
        }
    }

    @Test("both libraries' calls reach one collector, with exact counters")
    func oneCollector() throws {
        try withBridge { bridge throws in
            let hashes = try HashKit(bridge: bridge)
            let checksums = try ChecksumKit(bridge: bridge)
            // Counters are cumulative over the process (earlier tests recorded too): compare deltas.
            bridge.collector.drainNow()
            let before = bridge.collector.counters()
            for index in 0..<50 {
                let data = [UInt8](repeating: UInt8(index), count: index)
                _ = try hashes.siphash24(data, key: Array(0..<16))
                _ = try checksums.crc32(data)
            }
            _ = try? hashes.hexDecode("x")
            bridge.collector.drainNow()
            let stats = bridge.collector.operationStats()
            #expect(stats.first { $0.name == "hk.siphash24" }?.calls == 50)
            #expect(stats.first { $0.name == "ck.crc32" }?.calls == 50)
            #expect(stats.first { $0.name == "hk.hex_decode" }?.errors == 1)
            let counters = bridge.collector.counters()
            #expect(counters.emitted - before.emitted == 102)  // 100 calls, one failed decode and its child
            #expect(counters.emitted == counters.collected)
            #expect(counters.dropped == 0)
            #expect(counters.errorsEmitted - before.errorsEmitted == 1)
            #expect(counters.errorsEmitted == counters.errorsCollected)
            #expect(bridge.collector.incompatibleLibrary == nil)
        }
    }
}
