import CLibFuzzer
import Foundation
import ObsCollector
import ObsViewer

/// Input: a file that `obsbridge summary`, `timeline`, `report` or `top --replay` might be given
/// (snapshot JSON, or OTLP JSON Lines, messy or hostile).
/// Checks: reading never crashes, only throws; the fast scanner reads exactly what the strict
/// parser reads (same spans, same broken rules, same error); the summary renders as a table with
/// no character a terminal could interpret and as JSON that parses back; the timeline is JSON;
/// the report carries no markup from the input; a replay runs to the end.
func fuzzSummary(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    let input = Data(buffer: bytes)
    _ = try? CollectorSnapshot(jsonData: input)
    _ = try? OTLPTraceReader.rows(from: input)
    checkScannerAgreesWithStrictParser(input)
    if let summary = try? SummaryLoader.summary(from: input, name: "fuzz-input") {
        let table = SummaryText.render(summary, width: 80)
        for line in table.split(separator: "\n") {
            if let bad = line.unicodeScalars.first(where: TerminalText.needsEscape) {
                fatalError("control character U+\(String(bad.value, radix: 16)) in the summary table")
            }
        }
        for json in [LatencyTable.json(summary.rows), SummaryJSON.render(summary)] {
            guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil else {
                fatalError("summary --json output is not JSON")
            }
        }
    }
    if case .otlp(let stream)? = try? Recording.open(data: input, name: "fuzz-input"),
        let timeline = try? Timeline.build(from: stream)
    {
        guard (try? JSONSerialization.jsonObject(with: Data(timeline.json.utf8))) != nil else {
            fatalError("the timeline is not JSON")
        }
    }
    if let recording = try? Recording.open(data: input, name: "fuzz-input"),
        let report = try? Report.build(from: recording)
    {
        if report.html.contains("<script") || report.html.contains("<img") {
            fatalError("markup from the input reached the report")
        }
    }
    if case .otlp(let stream)? = try? Recording.open(data: input, name: "fuzz-input") {
        let replay = RecordingReplay(stream, speed: 1)
        _ = try? replay.snapshot(atRealElapsed: 0)
        _ = try? replay.snapshot(atRealElapsed: UInt64.max)
    }
    return 0
}

/// The spans, broken rules and error of reading `input` with each parser agree.
func checkScannerAgreesWithStrictParser(_ input: Data) {
    func read(_ parsing: Recording.Parsing) -> Result<([RecordedSpan], SpanRuleTally), RecordingError> {
        do {
            guard case .otlp(let stream) = try Recording.open(data: input, name: "fuzz-input", parsing: parsing) else {
                return .success(([], SpanRuleTally()))
            }
            var spans: [RecordedSpan] = []
            while let batch = try stream.next() { spans += batch }
            return .success((spans, stream.diagnostics.violations))
        } catch {
            return .failure(error)
        }
    }
    switch (read(.fast), read(.strict)) {
    case (.success(let fast), .success(let strict)):
        if fast.0 != strict.0 { fatalError("the fast scanner read other spans than the strict parser") }
        if fast.1 != strict.1 { fatalError("the fast scanner found other broken rules than the strict parser") }
    case (.failure(let fast), .failure(let strict)):
        if fast != strict { fatalError("the readers failed differently: \(fast) / \(strict)") }
    default:
        fatalError("one reader failed and the other did not")
    }
}

// libFuzzer's driver: runs the inputs or corpus directories given on the command line, or fuzzes.
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&arguments, &argv) { data, size in
        fuzzSummary(UnsafeBufferPointer(start: size == 0 ? nil : data, count: size))
    })
