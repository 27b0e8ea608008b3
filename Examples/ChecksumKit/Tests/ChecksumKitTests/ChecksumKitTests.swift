import ChecksumKit
import ObsBridge
import Testing

/// One bridge may be open per process, so every test that opens one lives in this serialized suite.
@Suite("ChecksumKit over ObsBridge", .serialized)
struct ChecksumKitTests {
    /// Runs `body` with a fresh bridge whose collector is drained by hand, then shuts it down.
    func withKit(_ body: (Bridge, ChecksumKit) throws -> Void) throws {
        var configuration = Bridge.Configuration()
        configuration.startsCollectorThread = false
        let bridge = try Bridge.start(configuration)
        defer { try? bridge.shutdown() }
        try body(bridge, try ChecksumKit(bridge: bridge))
    }

    @Test("checksums match the published check values")
    func checkValues() throws {
        try withKit { _, kit throws in
            #expect(try kit.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
            #expect(try kit.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
            #expect(try kit.fnv1a64(Array("foobar".utf8)) == 0x8594_4171_F739_67E8)
            #expect(try kit.crc32([]) == 0)
            #expect(try kit.digestHex(Array("123456789".utf8), algorithm: "crc32") == "cbf43926")
            #expect(try kit.digestHex(Array("foobar".utf8), algorithm: "fnv1a64") == "85944171f73967e8")
        }
    }

    @Test("a batch computes what single calls do, in one span")
    func batchMatchesSingles() throws {
        try withKit { bridge, kit throws in
            let items: [[UInt8]] = (0..<100).map { index in (0..<index).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) } }
            let singles = try items.map { try kit.crc32($0) }
            #expect(try kit.crc32(batch: items) == singles)
            #expect(try kit.crc32(batch: []) == [])
            bridge.collector.drainNow()
            let stats = bridge.collector.operationStats()
            #expect(stats.first { $0.name == "ck.crc32" }?.calls == 100)
            #expect(stats.first { $0.name == "ck.crc32_batch" }?.calls == 2)
        }
    }

    @Test("lengths that do not add up are refused with INVALID_ARGUMENT")
    func batchLengthsChecked() throws {
        try withKit { _, kit throws in
            let error = #expect(throws: NativeError.self) {
                try kit.crc32(packed: [1, 2, 3], lengths: [1, 1])
            }
            #expect(error?.status == .invalidArgument)
        }
    }

    @Test("compression round trips through a caller buffer and a library-allocated buffer")
    func roundTrip() throws {
        try withKit { _, kit throws in
            let inputs: [[UInt8]] = [
                [], [42], Array(repeating: 7, count: 1000), Array("abcabcabc".utf8),
                (0..<5000).map { UInt8(truncatingIfNeeded: $0 / 13) },
            ]
            for input in inputs {
                let compressed = try kit.compress(input)
                #expect(compressed.count <= ChecksumKit.compressionBound(input.count))
                #expect(try kit.decompress(compressed) == input)
            }
            #expect(try kit.compress(Array(repeating: 7, count: 1000)).count == 16, "runs shrink")
        }
    }

    @Test("a short output buffer is answered with BUFFER_TOO_SMALL, and the retry succeeds")
    func bufferTooSmall() throws {
        try withKit { bridge, kit throws in
            let input = Array(String(repeating: "abcd", count: 16).utf8)
            let compressed = try kit.compress(input, capacity: 4)
            #expect(try kit.decompress(compressed) == input)
            bridge.collector.drainNow()
            let stats = try #require(bridge.collector.operationStats().first { $0.name == "ck.packbits_compress" })
            #expect(stats.calls == 2 && stats.errors == 1, "the short attempt is a recorded failure")
        }
    }

    @Test("malformed input and unknown algorithms are matched by domain and code")
    func errorsMatched() throws {
        try withKit { _, kit throws in
            do {
                _ = try kit.decompress([5, 0x61, 0x62])
                Issue.record("a truncated packet must fail")
            } catch let error as NativeError
                where error.domain == ChecksumKit.errorDomain
                && error.code == ChecksumKit.ErrorCode.malformed.rawValue
            {
                #expect(error.status == .libraryError)
                #expect(error.message.contains("byte 0"))
                #expect(error.operation == "ck.packbits_decompress")
                #expect(error.traceID.hex != String(repeating: "0", count: 32))
            }
            let error = #expect(throws: NativeError.self) {
                try kit.digestHex([1], algorithm: "sha1")
            }
            #expect(error?.code == ChecksumKit.ErrorCode.unknownAlgorithm.rawValue)
            #expect(error?.message.contains("\"sha1\"") == true)
        }
    }

    @Test("decompression records its child spans under the call's span")
    func childSpans() throws {
        try withKit { bridge, kit throws in
            _ = try kit.decompress(try kit.compress(Array(repeating: 1, count: 300)))
            bridge.collector.drainNow()
            let names = Set(bridge.collector.operationStats().map(\.name))
            #expect(names.isSuperset(of: [
                "ck.packbits_decompress", "ck.packbits_decompress.measure",
                "ck.packbits_decompress.decode",
            ]))
        }
    }
}
