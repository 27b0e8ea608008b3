import ObsCollector

/// `obsbridge timeline`: a recording's spans as a Chrome Trace Event Format file (the JSON object
/// form), which Perfetto UI, `chrome://tracing` and speedscope open.
///
/// - One process per `service.name`, one track per recorded thread, named from what ran on it
///   (`Swift thread 3: caller scopes and calls into Rust`, `native thread 5 (Rust)`) or from
///   OpenTelemetry's `thread.name` when a producer records it.
/// - Each span is a complete (`X`) slice on its thread's track, nested as recorded; a Swift span
///   that cannot nest there (it suspended, ran elsewhere) is a nestable async slice (`b`/`e`) on
///   an async track (see ``TrackLayout``).
/// - A flow arrow (the format's flow events v2: `bind_id` with `flow_out` on the caller's slice and
///   `flow_in` on the callee's) goes from each Swift caller span into each Rust boundary span it
///   called.
/// - Each failure is a thread-scoped instant (`i`) at the span's end, named by its error class,
///   with its message sanitized again (``Sanitizer/standard``) in `args`.
/// - Large recordings: the spans of the first ``Options/maximumTraces`` traces are kept; the rest
///   are counted and the file's `otherData` says so.
public enum Timeline {
    /// What to keep.
    public struct Options: Sendable {
        /// Traces kept at most (the first ones in the recording); default 2,000.
        public var maximumTraces = 2000
        /// The recording's name for `otherData`.
        public var recordingName = ""

        /// The defaults.
        public init() {}
    }

    /// The trace file and what went into it.
    public struct Result: Sendable {
        /// The whole Trace Event Format JSON object.
        public var json: String
        /// Traces kept.
        public var traces: Int
        /// Spans drawn.
        public var spans: Int
        /// Spans of traces past the limit, left out.
        public var spansLeftOut: UInt64
        /// Spans drawn on async tracks.
        public var asyncSpans: Int
        /// Flow arrows from a Swift caller into Rust.
        public var flows: Int
        /// Failure instants.
        public var failures: Int
        /// Thread tracks.
        public var threads: Int
        /// Events written (metadata included).
        public var events: Int
        /// What reading found besides the spans (broken rules, a cut last line).
        public var diagnostics: RecordingDiagnostics
    }

    /// Reads `stream` to its end and lays out the trace file.
    ///
    /// - Throws: ``RecordingError`` from the stream.
    public static func build(from stream: OTLPSpanStream, options: Options = Options()) throws(RecordingError)
        -> Result
    {
        var selection = TraceSelection(maximumTraces: options.maximumTraces)
        while let spans = try stream.next() {
            for span in spans { selection.add(span) }
        }
        return build(
            spans: selection.spans, traces: selection.traces, spansLeftOut: selection.spansLeftOut,
            options: options, diagnostics: stream.diagnostics)
    }

    static func build(
        spans: [RecordedSpan], traces: Int, spansLeftOut: UInt64, options: Options,
        diagnostics: RecordingDiagnostics
    ) -> Result {
        let layout = TrackLayout(spans)
        let origin = spans.map(\.startUnixNano).min() ?? 0
        func time(_ unixNano: UInt64) -> String { TraceEventJSON.microseconds(unixNano - origin) }
        var events = TraceEventJSON()
        var metadata: [[String]] = []
        for process in layout.processes {
            metadata.append(meta("process_name", pid: process.pid, tid: 0, TraceEventJSON.member("name", process.name)))
            metadata.append(meta("process_sort_index", pid: process.pid, tid: 0, "\"sort_index\":\(process.pid)"))
        }
        for (rank, thread) in layout.threads.enumerated() {
            metadata.append(
                meta("thread_name", pid: thread.pid, tid: thread.tid, TraceEventJSON.member("name", thread.label)))
            metadata.append(meta("thread_sort_index", pid: thread.pid, tid: thread.tid, "\"sort_index\":\(rank)"))
        }
        for members in metadata { events.append(members) }

        // Which spans start a flow: callers with a boundary child among the spans drawn.
        var position: [TraceSpan: Int] = [:]
        for (index, span) in spans.enumerated() { position[TraceSpan(span.traceID, span.spanID)] = index }
        var flowSource = [Bool](repeating: false, count: spans.count)
        var flowTarget = [Int?](repeating: nil, count: spans.count)  // the caller it comes from
        for (index, span) in spans.enumerated() where span.kind == .boundary && span.parentSpanID.isValid {
            guard let parent = position[TraceSpan(span.traceID, span.parentSpanID)], spans[parent].kind == .caller
            else { continue }
            flowSource[parent] = true
            flowTarget[index] = parent
        }

        // Timed events, sorted by time; at one time, async ends first (the last opened first),
        // then slices (longer first, so that parents open before their children), then instants.
        struct Timed {
            var time: UInt64
            var order: Int  // 0 end, 1 begin/complete, 2 instant
            var length: UInt64
            var index: Int
            var members: [String]
        }
        // The order async slices open in, so that ends at one time close the last opened first.
        var openingRank = [Int](repeating: 0, count: spans.count)
        let opening = spans.indices.sorted { a, b in
            let x = spans[a]
            let y = spans[b]
            if x.startUnixNano != y.startUnixNano { return x.startUnixNano < y.startUnixNano }
            if x.durationNanoseconds != y.durationNanoseconds { return x.durationNanoseconds > y.durationNanoseconds }
            return a < b
        }
        for (rank, index) in opening.enumerated() { openingRank[index] = rank }
        var timed: [Timed] = []
        timed.reserveCapacity(spans.count * 2)
        var asyncSpans = 0
        var flows = 0
        var failures = 0
        for (index, span) in spans.enumerated() {
            let pid = layout.pids[index]
            var common = [
                TraceEventJSON.member("name", Self.shortName(span.name)),
                TraceEventJSON.member("cat", Self.category(span.kind)),
            ]
            var args = [
                TraceEventJSON.member("trace_id", span.traceID.hex), TraceEventJSON.member("span_id", span.spanID.hex),
            ]
            if span.parentSpanID.isValid {
                args.append(TraceEventJSON.member("parent_span_id", span.parentSpanID.hex))
            }
            args.append("\"duration_ns\":\(span.durationNanoseconds)")
            if let thread = span.thread { args.append("\"thread\":\(thread)") }
            if let error = span.error { args.append(TraceEventJSON.member("error", error.errorClass.text)) }
            var flow: [String] = []
            if flowSource[index] {
                flow = [TraceEventJSON.member("bind_id", Self.bindID(span.spanID)), "\"flow_out\":true"]
            } else if let caller = flowTarget[index] {
                flow = [TraceEventJSON.member("bind_id", Self.bindID(spans[caller].spanID)), "\"flow_in\":true"]
                flows += 1
            }
            let tid = layout.tids[index] ?? 0
            switch layout.placements[index] {
            case .thread(let tid):
                common += [
                    "\"ph\":\"X\"", "\"ts\":\(time(span.startUnixNano))",
                    "\"dur\":\(TraceEventJSON.microseconds(span.durationNanoseconds))",
                    "\"pid\":\(pid)", "\"tid\":\(tid)",
                ]
                timed.append(
                    Timed(
                        time: span.startUnixNano, order: 1, length: span.durationNanoseconds, index: index,
                        members: common + ["\"args\":{" + args.joined(separator: ",") + "}"] + flow))
            case .async(let lane):
                asyncSpans += 1
                let id = TraceEventJSON.member("id", "lane-\(pid)-\(lane)")
                timed.append(
                    Timed(
                        time: span.startUnixNano, order: 1, length: span.durationNanoseconds, index: index,
                        members: common + [
                            "\"ph\":\"b\"", id, "\"ts\":\(time(span.startUnixNano))", "\"pid\":\(pid)",
                            "\"tid\":\(tid)",
                            "\"args\":{" + args.joined(separator: ",") + "}",
                        ] + flow))
                timed.append(
                    Timed(
                        time: span.endUnixNano, order: 0, length: 0, index: -openingRank[index],
                        members: common + [
                            "\"ph\":\"e\"", id, "\"ts\":\(time(span.endUnixNano))", "\"pid\":\(pid)", "\"tid\":\(tid)",
                        ]))
            }
            if let error = span.error {
                failures += 1
                var details = [
                    TraceEventJSON.member("operation", span.name),
                    TraceEventJSON.member("message", Sanitizer.standard.sanitize(error.message ?? "").text),
                ]
                if let domain = error.domain { details.append(TraceEventJSON.member("domain", domain)) }
                if let code = error.code { details.append("\"code\":\(code)") }
                if let status = error.status { details.append(TraceEventJSON.member("status", status)) }
                details += [
                    TraceEventJSON.member("trace_id", span.traceID.hex),
                    TraceEventJSON.member("span_id", span.spanID.hex),
                ]
                let scope = layout.tids[index] == nil ? "p" : "t"
                timed.append(
                    Timed(
                        time: span.endUnixNano, order: 2, length: 0, index: index,
                        members: [
                            TraceEventJSON.member("name", "✗ " + Self.shortName(error.errorClass.text)),
                            TraceEventJSON.member("cat", "error"), "\"ph\":\"i\"", "\"s\":\"\(scope)\"",
                            "\"ts\":\(time(span.endUnixNano))", "\"pid\":\(pid)", "\"tid\":\(tid)",
                            "\"args\":{" + details.joined(separator: ",") + "}",
                        ]))
            }
        }
        timed.sort { a, b in
            if a.time != b.time { return a.time < b.time }
            if a.order != b.order { return a.order < b.order }
            if a.length != b.length { return a.length > b.length }
            return a.index < b.index
        }
        for event in timed { events.append(event.members) }

        var other = [
            TraceEventJSON.member("generator", "obsbridge timeline \(ObsBridgeVersion.current)"),
            TraceEventJSON.member("recording", options.recordingName),
            TraceEventJSON.member("time_origin_unix_nano", String(origin)),
            "\"traces\":\(traces)", "\"spans\":\(spans.count)", "\"max_traces\":\(options.maximumTraces)",
            "\"spans_left_out\":\(spansLeftOut)",
        ]
        if spansLeftOut > 0 {
            other.append(
                TraceEventJSON.member(
                    "limit",
                    "kept the first \(traces) traces; \(spansLeftOut) spans of later traces are left out "
                        + "(obsbridge timeline --max-traces N keeps more)"))
        }
        if !diagnostics.warnings.isEmpty {
            other.append("\"warnings\":[" + diagnostics.warnings.map(JSONText.string).joined(separator: ",") + "]")
        }
        let json =
            "{\"traceEvents\":[\n" + events.text + "\n],\n\"otherData\":{" + other.joined(separator: ",") + "}}\n"
        return Result(
            json: json, traces: traces, spans: spans.count, spansLeftOut: spansLeftOut, asyncSpans: asyncSpans,
            flows: flows, failures: failures, threads: layout.threads.count, events: events.count,
            diagnostics: diagnostics)
    }

    private struct TraceSpan: Hashable {
        var trace: TraceID
        var span: SpanID

        init(_ trace: TraceID, _ span: SpanID) {
            self.trace = trace
            self.span = span
        }
    }

    private static func meta(_ name: String, pid: Int, tid: Int, _ argument: String) -> [String] {
        [
            TraceEventJSON.member("name", name), "\"ph\":\"M\"", "\"pid\":\(pid)", "\"tid\":\(tid)",
            "\"args\":{\(argument)}",
        ]
    }

    /// The flow id of a caller span: its span id as the `0x…` hex string Chrome writes.
    static func bindID(_ span: SpanID) -> String { "0x" + span.hex }

    /// A span kind as the event category.
    static func category(_ kind: SpanKind) -> String {
        switch kind {
        case .boundary: "rust.boundary"
        case .child: "rust.child"
        case .caller: "swift.caller"
        case .unknown: "span"
        }
    }

    /// A name cut to 200 characters (a recording may hold a megabyte name).
    static func shortName(_ name: String) -> String {
        name.count > 200 ? String(name.prefix(199)) + "…" : name
    }
}
