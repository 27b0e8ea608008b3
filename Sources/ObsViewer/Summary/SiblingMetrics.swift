import Foundation
import ObsCollector

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The span accounting beside an OTLP traces file: `obsbridge demo --otlp PATH` writes metrics to
/// `PATH`'s `.metrics.jsonl` sibling (`x.jsonl` → `x.metrics.jsonl`), and an export directory writes
/// `obsbridge-metrics.jsonl` beside `obsbridge-traces.jsonl` (`x-traces.jsonl` → `x-metrics.jsonl`);
/// the sibling's last line holds the cumulative `obsbridge.spans.*` counters.
enum SiblingMetrics {
    /// How much of the sibling's end is read (the last line is all that counts).
    static let tailBytes = 8 << 20

    /// The sibling's path for a traces file's path: the export directory's naming when the file
    /// follows it and that sibling exists, else the `.metrics.jsonl` one.
    static func path(besideTraces path: String) -> String {
        if path.hasSuffix("-traces.jsonl") {
            let named = String(path.dropLast("-traces.jsonl".count)) + "-metrics.jsonl"
            if access(named, F_OK) == 0 { return named }
        }
        let stem = path.hasSuffix(".jsonl") ? String(path.dropLast(6)) : path
        return "\(stem).metrics.jsonl"
    }

    /// The counters of the last metrics line in the sibling of `path`, if there is a sibling that
    /// holds any. Unreadable siblings and lines are ignored: they only add to the summary.
    static func spanCounters(besideTraces path: String) -> (counters: OTLPSpanCounters, path: String)? {
        guard path != "-", !path.hasSuffix(".metrics.jsonl") else { return nil }
        let sibling = self.path(besideTraces: path)
        let descriptor = open(sibling, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return nil }
        let start = max(0, Int(size) - tailBytes)
        var data = Data(count: Int(size) - start)
        let count = data.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(start)) }
        guard count > 0 else { return nil }
        data.count = count
        if start > 0, let newline = data.firstIndex(of: 0x0A) {
            data = data[(newline + 1)...]  // the first line may be a part
        }
        var latest: OTLPSpanCounters?
        for line in data.split(separator: 0x0A) {
            var contents = OTLPLineContents()
            let read: Bool = line.withUnsafeBytes { raw in
                do {
                    try OTLPStrictLine.read(raw.bindMemory(to: UInt8.self), line: 0, into: &contents)
                    return true
                } catch {
                    return false
                }
            }
            if read, let counters = contents.spanCounters { latest = counters }
        }
        return latest.map { ($0, TerminalText.neutralize(sibling)) }
    }
}
