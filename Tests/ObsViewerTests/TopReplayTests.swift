import Foundation
import ObsCollector
import ObsTestSupport
import ObsViewer
import Testing

@Suite("top: replay and staleness")
struct TopReplayTests {
    /// 100 calls of `op`, one every 100 ms of recording time, in lines of ten.
    static func recording() throws -> OTLPSpanStream {
        let base: UInt64 = 1_796_035_704_000_000_000
        let lines = (0..<10).map { line in
            OTLPSpanSpec.line(
                (0..<10).map { index in
                    let call = UInt64(line * 10 + index)
                    return OTLPSpanSpec(
                        trace: call + 1, id: call + 1, name: "op", kind: "boundary", thread: 1,
                        start: base + call * 100_000_000, end: base + call * 100_000_000 + 1_000,
                        failure: call % 10 == 0 ? ("kv", 404, "not found") : nil)
                })
        }
        guard case .otlp(let stream) = try Recording.open(data: Data(lines.joined(separator: "\n").utf8), name: "rec")
        else { throw RecordingError(input: "rec", reason: "not OTLP") }
        return stream
    }

    @Test("a replay counts spans as the recording's clock passes them, at the speed asked")
    func replayFollowsTheRecordingClock() throws {
        let replay = RecordingReplay(try Self.recording(), speed: 10)
        let first = try replay.snapshot(atRealElapsed: 0)
        #expect(first.operations.first?.calls == 1)
        // Half a second of real time at ×10 is five seconds of recording: 51 calls have ended.
        let middle = try replay.snapshot(atRealElapsed: 500_000_000)
        #expect(middle.operations.first?.calls == 51 && !replay.finished)
        #expect(middle.generatedAtUnixNano - first.generatedAtUnixNano == 5_000_000_000)
        // The screen's rate is the recording's: ten calls a second.
        let lines = TopScreen(title: "t").lines(current: middle, previous: first, width: 100, height: 20)
        let row = try #require(lines.first { $0.hasPrefix("op ") })
        #expect(row.split(separator: " ").dropFirst().first == "10")
        let end = try replay.snapshot(atRealElapsed: 60_000_000_000)
        #expect(end.operations.first?.calls == 100 && end.operations.first?.errors == 10 && replay.finished)
        #expect(end.operations.first?.errorCounts == [ErrorCount(domain: "kv", code: 404, count: 10)])
    }

    @Test("a snapshot that stops changing turns stale, and the screen shows no rate instead of 0")
    func staleness() throws {
        var (snapshot, _, _) = sampleSnapshot()
        let wall: UInt64 = 1_796_035_704_000_000_000
        snapshot.generatedAtUnixNano = wall
        var freshness = SnapshotFreshness(staleAfterSeconds: 5)
        #expect(freshness.observe(snapshot, monotonicNow: 1_000, wallNow: wall) == nil)
        #expect(freshness.observe(snapshot, monotonicNow: 4_000_000_000, wallNow: wall + 4_000_000_000) == nil)
        let observed = freshness.observe(snapshot, monotonicNow: 6_000_001_000, wallNow: wall + 6_000_000_000)
        let stale = try #require(observed)
        #expect(stale >= 5 && stale < 6.1)
        // A new snapshot is fresh again.
        snapshot.generatedAtUnixNano += 1_000_000_000
        #expect(freshness.observe(snapshot, monotonicNow: 7_000_000_000, wallNow: wall + 7_000_000_000) == nil)
        // A file left from an hour ago is stale at once.
        var late = SnapshotFreshness(staleAfterSeconds: 5)
        #expect(late.observe(snapshot, monotonicNow: 10, wallNow: wall + 3_600_000_000_000) != nil)

        let lines = TopScreen(title: "t").lines(
            current: snapshot, previous: nil, width: 120, height: 30, staleSeconds: stale)
        #expect(lines.contains { $0.hasPrefix("STALE: unchanged for 6 s") })
        let rows = lines.filter { $0.hasPrefix("kv.get") }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.split(separator: " ").dropFirst().first == "stale" })
    }
}
