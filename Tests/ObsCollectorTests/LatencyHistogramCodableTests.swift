import Foundation
import ObsCollector
import ObsTestSupport
import Testing

@Suite("LatencyHistogram Codable")
struct LatencyHistogramCodableTests {
    private func decode(_ json: String) throws -> LatencyHistogram {
        try JSONDecoder().decode(LatencyHistogram.self, from: Data(json.utf8))
    }

    @Test func encodesTheDocumentedSparseForm() throws {
        var histogram = LatencyHistogram()
        for value in [200, 500, 1_000] as [UInt64] { histogram.record(value) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(histogram), as: UTF8.self)
        #expect(
            json == #"{"buckets":[[200,1],[378,1],[506,1]],"count":3,"max":1000,"min":200,"overflow":0,"sum":1700}"#)
        #expect(
            try decode(#"{"count":3,"sum":1700,"min":200,"max":1000,"overflow":0,"buckets":[[200,1],[378,1],[506,1]]}"#)
                == histogram)
    }

    @Test func roundTripsRandomHistograms() throws {
        for seed in SplitMix64.seeds([41, 42, 43]) {
            var random = SplitMix64(seed: seed)
            var histogram = LatencyHistogram()
            for _ in 0..<Int(random.next() % 5_000) {
                let value = random.next() % 64 == 0 ? random.next() : random.next() >> (random.next() % 64)
                histogram.record(value)
            }
            let data = try JSONEncoder().encode(histogram)
            #expect(try JSONDecoder().decode(LatencyHistogram.self, from: data) == histogram, "seed \(seed)")
        }
        let empty = try JSONEncoder().encode(LatencyHistogram())
        #expect(try JSONDecoder().decode(LatencyHistogram.self, from: empty) == LatencyHistogram())
    }

    @Test(arguments: [
        // index out of range
        #"{"count":1,"sum":1,"min":1,"max":1,"overflow":0,"buckets":[[4608,1]]}"#,
        #"{"count":1,"sum":1,"min":1,"max":1,"overflow":0,"buckets":[[-1,1]]}"#,
        // indexes not strictly ascending
        #"{"count":2,"sum":2,"min":1,"max":1,"overflow":0,"buckets":[[1,1],[1,1]]}"#,
        #"{"count":2,"sum":3,"min":1,"max":2,"overflow":0,"buckets":[[2,1],[1,1]]}"#,
        // zero bucket count
        #"{"count":0,"sum":0,"min":0,"max":0,"overflow":0,"buckets":[[1,0]]}"#,
        // counts do not add up
        #"{"count":3,"sum":2,"min":1,"max":1,"overflow":0,"buckets":[[1,2]]}"#,
        #"{"count":1,"sum":2,"min":1,"max":1,"overflow":0,"buckets":[[1,2]]}"#,
        #"{"count":18446744073709551615,"sum":0,"min":1,"max":1,"overflow":18446744073709551615,"buckets":[[1,1]]}"#,
        // min and max outside the occupied buckets
        #"{"count":1,"sum":1,"min":2,"max":2,"overflow":0,"buckets":[[1,1]]}"#,
        #"{"count":2,"sum":6,"min":1,"max":9,"overflow":0,"buckets":[[1,1],[5,1]]}"#,
        #"{"count":1,"sum":5,"min":5,"max":1,"overflow":0,"buckets":[[5,1]]}"#,
        // overflow without a max beyond the trackable range
        #"{"count":2,"sum":10,"min":5,"max":5,"overflow":1,"buckets":[[5,1]]}"#,
        // an empty histogram with values
        #"{"count":0,"sum":7,"min":0,"max":0,"overflow":0,"buckets":[]}"#,
        // malformed pairs, types and fields
        #"{"count":1,"sum":1,"min":1,"max":1,"overflow":0,"buckets":[[1,1,1]]}"#,
        #"{"count":1,"sum":1,"min":1,"max":1,"overflow":0,"buckets":[[1]]}"#,
        #"{"count":1,"sum":1,"min":1,"max":1,"overflow":0,"buckets":[["1",1]]}"#,
        #"{"count":-1,"sum":1,"min":1,"max":1,"overflow":0,"buckets":[]}"#,
        #"{"count":1,"sum":1,"min":1,"max":1,"buckets":[[1,1]]}"#,
        #"{"count":1,"sum":1,"min":1,"max":1,"overflow":0}"#,
        #"[]"#,
    ])
    func rejectsMalformedInput(_ json: String) {
        #expect(throws: DecodingError.self) { try decode(json) }
    }

    @Test func acceptsOverflowOnlyHistograms() throws {
        let huge = LatencyHistogram.highestTrackableValue + 10
        var histogram = LatencyHistogram()
        histogram.record(huge)
        let decoded = try decode(#"{"count":1,"sum":\#(huge),"min":\#(huge),"max":\#(huge),"overflow":1,"buckets":[]}"#)
        #expect(decoded == histogram)
    }
}
