package import Foundation

/// Checks a Chrome Trace Event Format file against the format's rules, as the viewers apply them,
/// and returns what it found so that tests can assert on the contents.
///
/// Rules checked (each broken one is a problem in ``Report/problems``):
/// - the file is a JSON object with a `traceEvents` array of objects; each event has a known `ph`,
///   integer `pid` and `tid`, a non-empty `name`, and (all but metadata) a number `ts` ≥ 0;
/// - `X` events have `dur` ≥ 0, and on each thread track (`pid`, `tid`) they nest perfectly, with
///   times turned into nanoseconds as Perfetto does (`Int64(µs × 1000)`, truncated);
/// - nestable async events: every `b` is closed by an `e` with the same `cat`, `id` and `name`,
///   last opened first closed, not before it began (so each async track nests perfectly too);
/// - instants (`i`) have a scope `s` of `t`, `p` or `g`;
/// - flows (v2): each `bind_id` with `flow_in` has exactly one event with the same `bind_id` and
///   `flow_out`, which does not begin after it;
/// - every process has a `process_name` and every thread track with slices a `thread_name`.
package struct TraceEventRules {
    package struct Slice {
        package var name: String
        package var category: String
        package var pid: Int
        package var tid: Int
        package var start: Int64
        package var end: Int64
        package var isAsync: Bool
        package var args: [String: Any]
    }

    package struct Report {
        package var problems: [String] = []
        package var slices: [Slice] = []
        package var instants: [[String: Any]] = []
        /// Flow arrows: the caller's span id to the callee's, from `args.span_id`.
        package var flows: [(from: String, to: String)] = []
        package var threadNames: [Int: String] = [:]
        package var processNames: [Int: String] = [:]
        package var otherData: [String: Any] = [:]
    }

    /// Perfetto's reading of a time in microseconds: whole nanoseconds, truncated.
    package static func nanoseconds(_ value: Any?) -> Int64? {
        guard let number = value as? NSNumber else { return nil }
        return Int64(exactly: (number.doubleValue * 1000).rounded(.towardZero))
    }

    /// Checks `data`.
    package static func check(_ data: Data) -> Report {
        var report = Report()
        func problem(_ text: String) { if report.problems.count < 50 { report.problems.append(text) } }
        guard let top = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let events = top["traceEvents"] as? [Any]
        else {
            report.problems.append("not a JSON object with a traceEvents array")
            return report
        }
        report.otherData = top["otherData"] as? [String: Any] ?? [:]
        var open: [String: [(name: String, start: Int64, index: Int)]] = [:]
        var flowOut: [String: [Int]] = [:]
        var flowIn: [String: [Int]] = [:]
        var pids: Set<Int> = []
        for (index, element) in events.enumerated() {
            guard let event = element as? [String: Any], let phase = event["ph"] as? String,
                let pid = event["pid"] as? Int, let tid = event["tid"] as? Int,
                let name = event["name"] as? String, !name.isEmpty
            else {
                problem("event \(index): missing ph, pid, tid or name")
                continue
            }
            pids.insert(pid)
            let args = event["args"] as? [String: Any] ?? [:]
            if phase == "M" {
                if name == "thread_name" { report.threadNames[tid] = args["name"] as? String }
                if name == "process_name" { report.processNames[pid] = args["name"] as? String }
                continue
            }
            guard let start = nanoseconds(event["ts"]), start >= 0 else {
                problem("event \(index) (\(name)): no ts")
                continue
            }
            let category = event["cat"] as? String ?? ""
            switch phase {
            case "X":
                guard let length = nanoseconds(event["dur"]), length >= 0 else {
                    problem("event \(index) (\(name)): X without dur")
                    continue
                }
                report.slices.append(
                    Slice(
                        name: name, category: category, pid: pid, tid: tid, start: start, end: start + length,
                        isAsync: false, args: args))
            case "b":
                let key = "\(pid)/\(category)/\(event["id"] ?? "")"
                open[key, default: []].append((name, start, report.slices.count))
                report.slices.append(
                    Slice(
                        name: name, category: category, pid: pid, tid: tid, start: start, end: -1, isAsync: true,
                        args: args))
            case "e":
                let key = "\(pid)/\(category)/\(event["id"] ?? "")"
                guard let last = open[key]?.popLast() else {
                    problem("event \(index): e without an open b on \(key)")
                    continue
                }
                if last.name != name { problem("event \(index): e \(name) closes b \(last.name) on \(key)") }
                if start < last.start { problem("event \(index): e before its b on \(key)") }
                report.slices[last.index].end = start
            case "i":
                guard let scope = event["s"] as? String, ["t", "p", "g"].contains(scope) else {
                    problem("event \(index): instant without scope t, p or g")
                    continue
                }
                report.instants.append(event)
            default:
                problem("event \(index): unexpected phase \(phase)")
            }
            if let bind = event["bind_id"] as? String {
                let position = report.slices.count - 1
                if event["flow_out"] as? Bool == true { flowOut[bind, default: []].append(position) }
                if event["flow_in"] as? Bool == true { flowIn[bind, default: []].append(position) }
            }
        }
        for (key, still) in open where !still.isEmpty { problem("\(still.count) async slices never closed on \(key)") }
        // Thread tracks nest perfectly.
        let tracks = Dictionary(grouping: report.slices.filter { !$0.isAsync }) { [$0.pid, $0.tid] }
        for (track, slices) in tracks {
            let sorted = slices.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
            var stack: [Slice] = []
            for slice in sorted {
                while let last = stack.last, last.end <= slice.start { stack.removeLast() }
                if let last = stack.last, slice.end > last.end {
                    problem(
                        "track \(track): \(slice.name) [\(slice.start), \(slice.end)] overlaps \(last.name) [\(last.start), \(last.end)] partly"
                    )
                }
                stack.append(slice)
            }
            if report.threadNames[track[1]] == nil { problem("track \(track) has no thread_name") }
        }
        for pid in pids where report.processNames[pid] == nil { problem("process \(pid) has no process_name") }
        for (bind, targets) in flowIn {
            guard let sources = flowOut[bind], sources.count == 1, let source = sources.first else {
                problem("flow \(bind): \(flowOut[bind]?.count ?? 0) flow_out events for its flow_in")
                continue
            }
            for target in targets {
                if report.slices[source].start > report.slices[target].start {
                    problem("flow \(bind) goes back in time")
                }
                report.flows.append(
                    (
                        report.slices[source].args["span_id"] as? String ?? "",
                        report.slices[target].args["span_id"] as? String ?? ""
                    ))
            }
        }
        return report
    }
}
