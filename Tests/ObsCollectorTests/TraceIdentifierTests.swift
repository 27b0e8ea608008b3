import Foundation
import ObsCollector
import ObsTestSupport
import Testing

@Suite("TraceID, SpanID and TraceFlags")
struct TraceIdentifierTests {
    @Test func traceIDHexIsHighThenLowLowercaseAndZeroPadded() {
        let id = TraceID(high: 0x4BF9_2F35_77B3_4DA6, low: 0x0000_0000_0000_00AB)
        #expect(id.hex == "4bf92f3577b34da600000000000000ab")
        #expect(id.description == id.hex)
        #expect(TraceID(hex: id.hex) == id)
    }

    @Test(arguments: [
        "4BF92F3577B34DA6A3CE929D0E0E4736",  // uppercase
        "4bf92f3577b34da6a3ce929d0e0e473",  // 31 digits
        "4bf92f3577b34da6a3ce929d0e0e47366",  // 33 digits
        " 4bf92f3577b34da6a3ce929d0e0e4736",  // whitespace
        "4bf92f3577b34da6a3ce929d0e0e473g",  // not hex
        "",
    ])
    func traceIDRejectsMalformedHex(_ text: String) {
        #expect(TraceID(hex: text) == nil)
    }

    @Test func zeroIdentifiersParseButAreInvalid() throws {
        let trace = try #require(TraceID(hex: String(repeating: "0", count: 32)))
        #expect(!trace.isValid)
        #expect(trace == .zero)
        #expect(TraceID(high: 0, low: 1).isValid)
        #expect(TraceID(high: 1, low: 0).isValid)
        let span = try #require(SpanID(hex: "0000000000000000"))
        #expect(!span.isValid)
        #expect(SpanID(1).isValid)
    }

    @Test func spanIDHexRoundTripsAndRejectsUppercase() {
        let span = SpanID(0x00F0_67AA_0BA9_02B7)
        #expect(span.hex == "00f067aa0ba902b7")
        #expect(SpanID(hex: "00f067aa0ba902b7") == span)
        #expect(SpanID(hex: "00F067AA0BA902B7") == nil)
        #expect(SpanID(hex: "00f067aa0ba902b") == nil)
    }

    @Test func identifiersEncodeAsHexStrings() throws {
        struct Pair: Codable, Equatable {
            var trace: TraceID
            var span: SpanID
        }
        let pair = Pair(trace: TraceID(high: 1, low: 2), span: SpanID(3))
        let json = String(decoding: try JSONEncoder().encode(pair), as: UTF8.self)
        #expect(json.contains(#""00000000000000010000000000000002""#))
        #expect(json.contains(#""0000000000000003""#))
        #expect(try JSONDecoder().decode(Pair.self, from: Data(json.utf8)) == pair)
        let bad = #"{"trace":"ABC","span":"0000000000000003"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Pair.self, from: Data(bad.utf8)) }
    }

    @Test func identifierHexRoundTripsForRandomValues() {
        for seed in SplitMix64.seeds([1, 2, 3]) {
            var random = SplitMix64(seed: seed)
            for _ in 0..<1_000 {
                let trace = TraceID(high: random.next(), low: random.next())
                let span = SpanID(random.next())
                #expect(TraceID(hex: trace.hex) == trace, "seed \(seed): \(trace.hex)")
                #expect(SpanID(hex: span.hex) == span, "seed \(seed): \(span.hex)")
                #expect(trace.hex.count == 32 && span.hex.count == 16, "seed \(seed)")
            }
        }
    }

    @Test func flagsKeepReservedBitsUntilAskedToClearThem() {
        let flags = TraceFlags(rawValue: 0x0B)
        #expect(flags.contains(.sampled))
        #expect(flags.definedByVersion00 == .sampled)
        #expect(TraceFlags(rawValue: 0x02).definedByVersion00.isEmpty)
        #expect(flags.description == "0b")
    }
}
