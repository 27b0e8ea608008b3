// hash-and-checksum: one program, two instrumented Rust libraries (HashKit's and ChecksumKit's),
// each with its own copy of the obsbridge crate, traced into one collector. Prints each
// operation's calls and errors, then the collector's exact counters.
//
// Usage: hash-and-checksum [--rounds N]   (default 100)

import ChecksumKit
import Foundation
import HashKit
import ObsBridge

/// `--rounds N` from the command line.
func parseRounds() -> Int {
    let arguments = CommandLine.arguments
    if arguments.count == 3, arguments[1] == "--rounds", let value = Int(arguments[2]), value > 0 {
        return value
    }
    if arguments.count > 1 {
        FileHandle.standardError.write(Data("usage: hash-and-checksum [--rounds N]\n".utf8))
        exit(2)
    }
    return 100
}

let rounds = parseRounds()
var configuration = Bridge.Configuration()
configuration.startsCollectorThread = false
let bridge = try Bridge.start(configuration)
let checksums = try ChecksumKit(bridge: bridge)
let hashes = try HashKit(bridge: bridge)
let key: [UInt8] = Array(0..<16)
let request = try bridge.operation("app.request")

var malformed = 0
for round in 0..<rounds {
    let data = (0..<(64 + round % 64)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ round) }
    // One traced request that crosses into both libraries: the children share its trace.
    try bridge.span(request) { context in
        let digest = try checksums.digestHex(data, algorithm: "crc32", parent: context)  // ChecksumKit
        let bytes = try hashes.hexDecode(digest, parent: context)  // HashKit
        let crc = try checksums.crc32(data, parent: context)
        guard bytes == withUnsafeBytes(of: crc.bigEndian, Array.init) else {
            fatalError("the two libraries disagree on \(digest)")
        }
        _ = try hashes.siphash24(data, key: key, parent: context)
    }
    if round % 10 == 0 {
        do {
            _ = try hashes.hexDecode("not hex")
        } catch let error as NativeError where error.domain == HashKit.errorDomain {
            malformed += 1
        }
    }
}

bridge.collector.drainNow()
let counters = bridge.collector.counters()
for stats in bridge.collector.operationStats().sorted(by: { $0.name < $1.name }) {
    print(
        "\(stats.name.padding(toLength: 24, withPad: " ", startingAt: 0)) calls \(stats.calls), errors \(stats.errors)")
}
print("matched \(malformed) malformed hex inputs (domain \(HashKit.errorDomain))")
print(
    "spans: emitted \(counters.emitted) = collected \(counters.collected) + dropped \(counters.dropped); "
        + "error records: emitted \(counters.errorsEmitted) = collected \(counters.errorsCollected)")
let names = Set(bridge.collector.operationStats().map(\.name))
let both = names.contains("ck.crc32") && names.contains("hk.siphash24")
print(both ? "one collector, both libraries" : "MISSING a library's spans")
try bridge.shutdown()
exit(both && counters.emitted == counters.collected && counters.dropped == 0 ? 0 : 1)
