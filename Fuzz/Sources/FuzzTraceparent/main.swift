import CLibFuzzer
import ObsCollector

#if canImport(Glibc)
import Glibc
#endif

/// Input: a traceparent value, optionally followed by a newline and a tracestate value.
/// Checks: parsing never crashes; what parses re-serialises (version 00) and parses back to the same
/// context; a parsed tracestate re-serialises to a header that parses to the same state.
func fuzzTraceparent(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    let newline = bytes.firstIndex(of: 0x0A)
    let parent = String(decoding: bytes[..<(newline ?? bytes.endIndex)], as: UTF8.self)
    let state = newline.map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) }
    if let state, let parsed = TraceState(header: state) {
        guard parsed.entries.count <= TraceState.maximumEntries else {
            fatalError("tracestate kept \(parsed.entries.count) entries")
        }
        guard TraceState(header: parsed.header) == parsed else {
            fatalError("tracestate does not round-trip: \(parsed.header.debugDescription)")
        }
    }
    guard let context = try? TraceContext(traceparent: parent, tracestate: state) else { return 0 }
    guard context.isValid else { fatalError("an invalid context parsed") }
    let header = context.traceparent
    guard header.utf8.count == TraceContext.version00Length,
        let again = try? TraceContext(traceparent: header, tracestate: context.tracestate),
        again.traceID == context.traceID, again.spanID == context.spanID,
        again.flags == context.flags, again.traceState == context.traceState
    else { fatalError("traceparent does not round-trip: \(header.debugDescription)") }
    return 0
}

// libFuzzer's driver: runs the inputs or corpus directories given on the command line, or fuzzes.
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&arguments, &argv) { data, size in
        fuzzTraceparent(UnsafeBufferPointer(start: size == 0 ? nil : data, count: size))
    })
