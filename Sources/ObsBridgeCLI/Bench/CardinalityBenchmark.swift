import Foundation
import ObsCollector
import ObsTestKit

/// The bench figure `memory_at_cardinality_limit_bytes`: the resident memory the process gains
/// while a collector with the default configuration records one call each of 100,000 distinct
/// operation names (as `bridge.operation("GET /users/\(id)")` would make them), against its limit
/// of 2,000 operations.
///
/// Uses ObsTestKit's in-memory source, so it needs no native names (the native callsite table has
/// its own limit). The names are registered, and the source's buffer grown, before the first
/// reading, so the figure is the collector's. Run it before anything else in the process: memory
/// that earlier work freed would be reused and hide part of the growth.
enum CardinalityBenchmark {
    /// Distinct names fed.
    static let names = 100_000

    /// Resident bytes gained while a collector records `names` distinct operations.
    static func residentGrowthBytes(names: Int = names) -> Int {
        let source = InMemorySpanSource(capacity: 1 << 14)
        let operations = (0..<names).map { source.register("GET /users/\($0)") }
        var factory = SpanFactory()
        // The source's buffer at its largest, before the first reading.
        for operation in operations.prefix(8192) { source.emit(factory.span(operation: operation, nanoseconds: 1_000)) }
        var discard: [SpanRecord] = []
        _ = try? source.drainSpans(into: &discard, limit: 8192)
        discard = []
        let before = residentBytes()
        let collector = Collector(source: source)
        for start in stride(from: 0, to: names, by: 8192) {
            for (offset, operation) in operations[start..<min(names, start + 8192)].enumerated() {
                source.emit(factory.span(operation: operation, nanoseconds: 1_000 + UInt64(offset % 997) * 100))
            }
            collector.drainNow()
        }
        let after = residentBytes()
        return withExtendedLifetime(collector) { max(0, after - before) }
    }

    /// The process's resident memory (`/proc/self/smaps_rollup`, else `statm`), or 0 where there is none.
    static func residentBytes() -> Int {
        // smaps_rollup walks the page tables, so it is exact; statm may lag by the page faults
        // each thread has not yet folded into the process's counter.
        if let rollup = try? String(contentsOfFile: "/proc/self/smaps_rollup", encoding: .utf8),
            let line = rollup.split(separator: "\n").first(where: { $0.hasPrefix("Rss:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        {
            return kilobytes * 1024
        }
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

}
