// checksumkit-demo: runs ChecksumKit's native calls through ObsBridge, then prints what the
// collector saw (a latency table per operation), the cost per item of single calls against one
// batch call, and how ChecksumKit's errors are matched in Swift.
//
// Usage: checksumkit-demo [--rounds N]   (default 100; each round makes 512 single CRC calls)

import ChecksumKit
import Foundation
import ObsBridge
import ObsViewer

/// `--rounds N` from the command line.
func rounds() -> Int {
    let arguments = CommandLine.arguments
    if let flag = arguments.firstIndex(of: "--rounds"), flag + 1 < arguments.count,
        let value = Int(arguments[flag + 1]), value > 0
    {
        return value
    }
    if arguments.count > 1 {
        FileHandle.standardError.write(Data("usage: checksumkit-demo [--rounds N]\n".utf8))
        exit(2)
    }
    return 100
}

/// Deterministic sample data: `count` buffers of `size` bytes with runs (so they compress).
func samples(count: Int, size: Int, seed: UInt64) -> [[UInt8]] {
    var state = seed | 1
    func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
    return (0..<count).map { _ in
        var buffer: [UInt8] = []
        buffer.reserveCapacity(size)
        while buffer.count < size {
            let value = next()
            let run = value % 4 == 0 ? Int(value >> 8) % 40 + 1 : 1
            buffer.append(contentsOf: repeatElement(UInt8(truncatingIfNeeded: value >> 32), count: min(run, size - buffer.count)))
        }
        return buffer
    }
}

/// Nanoseconds `body` takes.
func measure(_ body: () throws -> Void) rethrows -> UInt64 {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return UInt64(elapsed.components.seconds) * 1_000_000_000
        + UInt64(elapsed.components.attoseconds / 1_000_000_000)
}

let roundCount = rounds()
var configuration = Bridge.Configuration()
configuration.ringCapacity = 65_536
let bridge = try Bridge.start(configuration)
let kit = try ChecksumKit(bridge: bridge)

// 1. Small buffers: one traced call each, then the same buffers in one batch call per round.
let small = samples(count: 512, size: 32, seed: 7)
let packed = small.flatMap { $0 }
let lengths = small.map(\.count)
// One untimed round of each first, so neither timing pays for first-touch costs.
var singles = try small.map { try kit.crc32($0) }
var batched = try kit.crc32(packed: packed, lengths: lengths)
let singleNs = try measure {
    for _ in 0..<roundCount {
        singles = try small.map { try kit.crc32($0) }
    }
}
let batchNs = try measure {
    for _ in 0..<roundCount {
        batched = try kit.crc32(packed: packed, lengths: lengths)
    }
}
precondition(batched == singles, "a batch computes what single calls do")

// 2. Larger buffers: checksums, a compression round trip with a caller-provided output buffer,
//    and a decompression into a buffer the library allocates (freed in a defer).
let large = samples(count: 64, size: 4096, seed: 11)
var compressedBytes = 0
for buffer in large {
    _ = try kit.adler32(buffer)
    _ = try kit.fnv1a64(buffer)
    let compressed = try kit.compress(buffer)
    compressedBytes += compressed.count
    let restored = try kit.decompress(compressed)
    precondition(restored == buffer, "PackBits round trip")
}
let digests = try ["crc32", "adler32", "fnv1a64"].map {
    "\($0)=\(try kit.digestHex(Array("The quick brown fox jumps over the lazy dog".utf8), algorithm: $0))"
}

// 3. Errors, matched by domain and code.
var notes: [String] = []
do {
    _ = try kit.decompress([5, 0x61, 0x62])  // a literal packet of 6 bytes with only 2 present
} catch let error as NativeError
    where error.domain == ChecksumKit.errorDomain
    && error.code == ChecksumKit.ErrorCode.malformed.rawValue
{
    notes.append("matched malformed input: \(error.message) (trace \(error.traceID.hex))")
}
do {
    _ = try kit.digestHex([1, 2, 3], algorithm: "sha1")
} catch let error as NativeError
    where error.domain == ChecksumKit.errorDomain
    && error.code == ChecksumKit.ErrorCode.unknownAlgorithm.rawValue
{
    notes.append("matched unknown algorithm: \(error.message)")
}
let text = Array(String(repeating: "abcd", count: 16).utf8)
let grown = try kit.compress(text, capacity: 8)  // too small: BUFFER_TOO_SMALL, then one retry
notes.append("compress into 8 bytes: BUFFER_TOO_SMALL matched, retried with the size the library asked for (\(grown.count) bytes)")

try bridge.shutdown()
let snapshot = bridge.collector.snapshot()

print("checksumkit-demo: \(roundCount) rounds; clock \(snapshot.clockSource); Rust archive digest \(ChecksumKit.archiveDigest)")
print(LatencyTable.render(snapshot.operations.map {
    LatencyRow(name: $0.name, errors: $0.errors, histogram: $0.histogram, kind: $0.kind ?? .boundary)
}), terminator: "")
print(SpanTotals(snapshot.operations).line)
let counters = snapshot.counters
print("spans: emitted \(counters.emitted) = collected \(counters.collected) + dropped \(counters.dropped); errors collected \(counters.errorsCollected)")
let items = UInt64(roundCount * small.count)
let singleEach = Double(singleNs) / Double(items)
let batchEach = Double(batchNs) / Double(items)
print(String(
    format: "crc32 of %d-byte buffers, per item: single calls %.0f ns, batch of %d %.1f ns (%.1fx less)",
    small[0].count, singleEach, small.count, batchEach, singleEach / max(batchEach, 0.001)))
print("packbits: \(large.count * 4096) bytes -> \(compressedBytes) bytes, round trip verified")
print("digests of \"The quick brown fox…\": \(digests.joined(separator: " "))")
for note in notes { print(note) }
