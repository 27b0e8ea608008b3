import ObsCollector

/// One trace as a waterfall, in HTML (so that its labels stay readable on a phone): a row per
/// span in call order (each span under its parent), a bar placed on the trace's time, coloured by
/// where it ran: Swift caller scopes, Rust boundary calls, Rust child spans. Failures are marked
/// with their error class and sanitized message.
enum WaterfallView {
    static func html(_ trace: SlowTraces.Trace) -> String {
        let spans = ordered(trace)
        let start = spans.map(\.span.startUnixNano).min() ?? trace.root.startUnixNano
        let end = max(spans.map(\.span.endUnixNano).max() ?? trace.root.endUnixNano, start + 1)
        let total = Double(end - start)
        let kinds = Set(spans.map(\.span.kind)).map(Self.kindClass).sorted().joined(separator: " ")
        var out =
            "<div class=\"wf\" data-trace-id=\"\(trace.root.traceID.hex)\" "
            + "data-duration-ns=\"\(trace.root.durationNanoseconds)\" data-kinds=\"\(kinds)\">"
            + "<p class=\"wf-title\"><b>\(HTMLText.name(trace.root.name))</b> "
            + "\(DurationText.format(trace.root.durationNanoseconds)) · \(spans.count) spans · trace "
            + "<code>\(trace.root.traceID.hex)</code> · \(HTMLText.time(trace.root.startUnixNano))</p>"
        for (span, depth) in spans {
            let left = Double(span.startUnixNano - start) / total * 100
            let width = max(0.4, Double(span.durationNanoseconds) / total * 100)
            let placeText = [Self.kindText(span.kind), span.thread.map { "thread \($0)" }].compactMap { $0 }
                .joined(separator: " · ")
            var title = "\(span.name) \(DurationText.format(span.durationNanoseconds)) (\(placeText))"
            var failure = ""
            if let error = span.error {
                let message = error.message.map { Sanitizer.standard.sanitize($0).text } ?? ""
                title += " failed: \(error.errorClass.text) \(message)"
                failure = " <span class=\"bad\">✗ \(HTMLText.name(error.errorClass.text, limit: 40))</span>"
            }
            out +=
                "<div class=\"wf-row\" data-kind=\"\(Self.kindClass(span.kind))\" title=\"\(HTMLText.name(title, limit: 400))\">"
                + "<div class=\"wf-label\" style=\"padding-left:\(min(depth, 8) * 10)px\">"
                + "\(HTMLText.name(span.name)) <span class=\"note\">\(DurationText.format(span.durationNanoseconds))"
                + " · \(placeText)</span>\(failure)</div>"
                + "<div class=\"wf-track\"><div class=\"wf-bar \(Self.kindClass(span.kind))\(span.failed ? " failed" : "")\" "
                + "style=\"left:\(HTMLText.coordinate(min(left, 99.6)))%;width:\(HTMLText.coordinate(min(width, 100 - min(left, 99.6))))%\">"
                + "</div></div></div>"
        }
        if trace.spansLeftOut > 0 {
            out += "<p class=\"note\">\(trace.spansLeftOut) more spans of this trace are not drawn.</p>"
        }
        return out + "</div>"
    }

    /// The spans depth first from the root, children by start time; spans whose parent is not in
    /// the trace hang under the root.
    static func ordered(_ trace: SlowTraces.Trace) -> [(span: RecordedSpan, depth: Int)] {
        var children: [SpanID: [RecordedSpan]] = [:]
        let ids = Set(trace.spans.map(\.spanID))
        for span in trace.spans where span.spanID != trace.root.spanID {
            let parent = ids.contains(span.parentSpanID) ? span.parentSpanID : trace.root.spanID
            children[parent, default: []].append(span)
        }
        var out: [(RecordedSpan, Int)] = []
        var visited: Set<SpanID> = []
        func visit(_ span: RecordedSpan, _ depth: Int) {
            guard visited.insert(span.spanID).inserted else { return }
            out.append((span, depth))
            for child in (children[span.spanID] ?? []).sorted(by: { $0.startUnixNano < $1.startUnixNano }) {
                visit(child, depth + 1)
            }
        }
        visit(trace.root, 0)
        return out
    }

    static func kindClass(_ kind: SpanKind) -> String {
        switch kind {
        case .caller: "swift"
        case .boundary: "rust"
        case .child: "child"
        case .unknown: "other"
        }
    }

    static func kindText(_ kind: SpanKind) -> String {
        switch kind {
        case .caller: "Swift"
        case .boundary: "Rust boundary"
        case .child: "Rust"
        case .unknown: "span"
        }
    }
}
