import ObsCollector

/// Where each span of a timeline is drawn: on the track of the thread it was recorded on, or on
/// an async track when it cannot nest there.
///
/// Slices on one thread track must nest perfectly (the Trace Event Format's rule for `X` events;
/// Perfetto moves any that do not to an "overflow" track). The recording names only the thread a
/// span *ended* on, so:
/// - Rust spans (boundary and child) run on one thread from start to end and go on their thread's
///   track.
/// - A Swift caller span goes on its thread's track only when every span that starts inside it
///   on that thread is one of its descendants: a synchronous scope. A scope that suspended and
///   resumed (so other work ran on its thread meanwhile, and it may have started on another
///   thread) goes on an async track.
/// - Any span that would still overlap another partly on its thread track goes on an async track.
/// - Spans without a recorded thread go on async tracks.
///
/// Async tracks are lanes per process, filled greedily; the slices of one lane nest perfectly too.
struct TrackLayout {
    /// A process: one per `service.name`.
    struct Process {
        var pid: Int
        var name: String
    }

    /// A thread track.
    struct Thread {
        var pid: Int
        var tid: Int
        var ring: Int64
        var label: String
    }

    /// Where one span is drawn.
    enum Placement: Equatable {
        /// On the thread track `tid` of the span's process.
        case thread(tid: Int)
        /// On async lane `lane` of the span's process.
        case async(lane: Int)
    }

    /// The processes, in order of first appearance.
    private(set) var processes: [Process] = []
    /// The thread tracks, in order of first appearance.
    private(set) var threads: [Thread] = []
    /// For each span (same order as the input), its process id.
    private(set) var pids: [Int] = []
    /// For each span, its thread track id when it has a thread (async spans keep it, for their instants).
    private(set) var tids: [Int?] = []
    /// For each span, where it is drawn.
    private(set) var placements: [Placement] = []

    /// Lays out `spans`.
    init(_ spans: [RecordedSpan]) {
        var pidOfService: [String: Int] = [:]
        var tidOfThread: [ThreadKey: Int] = [:]
        var kinds: [Int: Set<SpanKind>] = [:]
        var namedThreads: [Int: String] = [:]
        for span in spans {
            let pid: Int
            if let known = pidOfService[span.service] {
                pid = known
            } else {
                pid = processes.count + 1
                pidOfService[span.service] = pid
                processes.append(Process(pid: pid, name: span.service.isEmpty ? "unknown service" : span.service))
            }
            pids.append(pid)
            guard let ring = span.thread else {
                tids.append(nil)
                continue
            }
            let key = ThreadKey(pid: pid, ring: ring)
            let tid: Int
            if let known = tidOfThread[key] {
                tid = known
            } else {
                // Thread ids of their own (the ring number could be anything in a foreign file, and
                // a tid equal to the pid reads as the process's main thread in Perfetto).
                tid = 1000 + threads.count
                tidOfThread[key] = tid
                threads.append(Thread(pid: pid, tid: tid, ring: ring, label: ""))
            }
            tids.append(tid)
            kinds[tid, default: []].insert(span.kind)
            if let name = span.threadName, !name.isEmpty { namedThreads[tid] = name }
        }
        for index in threads.indices {
            let tid = threads[index].tid
            threads[index].label = Self.label(
                ring: threads[index].ring, kinds: kinds[tid] ?? [], recordedName: namedThreads[tid])
        }
        placements = Self.place(spans, tids: tids, pids: pids)
    }

    /// A thread's label: its recorded name when there is one, else what ran on it.
    static func label(ring: Int64, kinds: Set<SpanKind>, recordedName: String?) -> String {
        if let recordedName { return "\(recordedName) (thread \(ring))" }
        if kinds.contains(.caller) { return "Swift thread \(ring): caller scopes and calls into Rust" }
        if kinds.contains(.boundary) { return "thread \(ring): calls into Rust" }
        if kinds.contains(.child) { return "native thread \(ring) (Rust)" }
        return "thread \(ring)"
    }

    private struct ThreadKey: Hashable {
        var pid: Int
        var ring: Int64
    }

    private struct SpanKey: Hashable {
        var trace: TraceID
        var span: SpanID
    }

    // MARK: - Placement

    private static func place(_ spans: [RecordedSpan], tids: [Int?], pids: [Int]) -> [Placement] {
        var index: [SpanKey: Int] = [:]
        for (position, span) in spans.enumerated() {
            index[SpanKey(trace: span.traceID, span: span.spanID)] = position
        }
        /// Whether `candidate` descends from `ancestor` (parents followed at most 64 steps).
        func descends(_ candidate: Int, from ancestor: Int) -> Bool {
            var current = candidate
            for _ in 0..<64 {
                let span = spans[current]
                guard span.parentSpanID.isValid,
                    let parent = index[SpanKey(trace: span.traceID, span: span.parentSpanID)]
                else { return false }
                if parent == ancestor { return true }
                current = parent
            }
            return false
        }
        func before(_ a: Int, _ b: Int) -> Bool {
            let x = spans[a]
            let y = spans[b]
            if x.startUnixNano != y.startUnixNano { return x.startUnixNano < y.startUnixNano }
            if x.endUnixNano != y.endUnixNano { return x.endUnixNano > y.endUnixNano }
            return a < b
        }

        var placements = [Placement](repeating: .async(lane: 0), count: spans.count)
        var isAsync = [Bool](repeating: false, count: spans.count)
        var byThread: [Int: [Int]] = [:]
        for position in spans.indices {
            if let tid = tids[position] {
                byThread[tid, default: []].append(position)
            } else {
                isAsync[position] = true
            }
        }
        for (tid, members) in byThread {
            let sorted = members.sorted(by: before)
            // Swift scopes with foreign work inside them on this thread are async.
            for (rank, position) in sorted.enumerated() where spans[position].kind == .caller {
                let end = spans[position].endUnixNano
                var next = rank + 1
                while next < sorted.count, spans[sorted[next]].startUnixNano < end {
                    if !descends(sorted[next], from: position) {
                        isAsync[position] = true
                        break
                    }
                    next += 1
                }
            }
            // The rest nest, or go async.
            var open: [UInt64] = []  // ends of the slices enclosing the current time
            for position in sorted where !isAsync[position] {
                let span = spans[position]
                while let last = open.last, last <= span.startUnixNano { open.removeLast() }
                if let last = open.last, span.endUnixNano > last {
                    isAsync[position] = true
                    continue
                }
                open.append(span.endUnixNano)
                placements[position] = .thread(tid: tid)
            }
        }
        // Async lanes, per process.
        var lanes: [Int: [[UInt64]]] = [:]  // pid → each lane's open slice ends
        for position in spans.indices.filter({ isAsync[$0] }).sorted(by: before) {
            let span = spans[position]
            var processLanes = lanes[pids[position], default: []]
            var chosen: Int?
            for lane in processLanes.indices {
                while let last = processLanes[lane].last, last <= span.startUnixNano { processLanes[lane].removeLast() }
                if processLanes[lane].last.map({ span.endUnixNano <= $0 }) ?? true {
                    chosen = lane
                    break
                }
            }
            let lane = chosen ?? processLanes.count
            if chosen == nil { processLanes.append([]) }
            processLanes[lane].append(span.endUnixNano)
            lanes[pids[position]] = processLanes
            placements[position] = .async(lane: lane)
        }
        return placements
    }
}
