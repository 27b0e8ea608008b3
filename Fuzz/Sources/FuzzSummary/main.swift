import CLibFuzzer
import Foundation
import ObsCollector
import ObsViewer

/// Input: a file that `obsbridge summary` might be given (snapshot JSON or OTLP JSON Lines).
/// Checks: loading never crashes, only throws; loaded rows render as a table and as JSON with no
/// character a terminal could interpret, and the JSON form parses back.
func fuzzSummary(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    let input = Data(buffer: bytes)
    _ = try? CollectorSnapshot(jsonData: input)
    _ = try? OTLPTraceReader.rows(from: input)
    guard let rows = try? SummaryLoader.rows(from: input, name: "fuzz-input") else { return 0 }
    let table = LatencyTable.render(rows, width: 80)
    for line in table.split(separator: "\n") {
        if let bad = line.unicodeScalars.first(where: TerminalText.needsEscape) {
            fatalError("control character U+\(String(bad.value, radix: 16)) in the summary table")
        }
    }
    let json = LatencyTable.json(rows)
    guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil else {
        fatalError("summary --json output is not JSON")
    }
    return 0
}

// libFuzzer's driver: runs the inputs or corpus directories given on the command line, or fuzzes.
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&arguments, &argv) { data, size in
        fuzzSummary(UnsafeBufferPointer(start: size == 0 ? nil : data, count: size))
    })
