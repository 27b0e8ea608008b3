import ObsCollector

/// The figures of one benchmark run, with their ratios to the floor and the targets.
struct BenchReport {
    var clockSource = ""
    var clockReadNs = 0.0
    var floorNs = 0.0
    var bareCallNs = 0.0
    var tracedCallNs = 0.0
    var nativeSpanNs = 0.0
    var tracedCall2ThreadsNs = 0.0
    var tracedCallWithParentNs = 0.0
    var tracedCallCollectorNs = 0.0
    var rootContextNs = 0.0
    var childContextNs = 0.0
    var floor2ThreadsNs = 0.0
    var drainSpansPerSecond = 0.0
    var histogramRecordNs = 0.0
    var sanitizerMBPerSecond = 0.0
    var sanitizerNsPerMessage = 0.0
    /// |native clock − CLOCK_MONOTONIC| over a 20 ms sleep, in ppm (no target; a test asserts none).
    var clockErrorPpm = 0.0
    var emitted: UInt64 = 0
    var collected: UInt64 = 0
    var dropped: UInt64 = 0
    var defaultRingBytesPerThread = 0
    var histogramBytesPerOperation = 0
    /// Resident memory a default collector adds with 100,000 distinct operation names
    /// (CardinalityBenchmark).
    var memoryAtCardinalityLimitBytes = 0
    var quick = false
    var rounds = 0
    /// The pipeline a user runs: see ``PipelineBenchmark``.
    var pipeline = PipelineBenchmark.Figures()

    /// (traced − bare) / floor: what tracing adds, in floors. Target ≤ 1.5.
    var overheadRatio: Double { floorNs > 0 ? (tracedCallNs - bareCallNs) / floorNs : 0 }
    /// The same with the rings drained from another core, as by a running collector (no target:
    /// it adds the transfer of each record's cache line between cores).
    var overheadRatioCollector: Double {
        floorNs > 0 ? (tracedCallCollectorNs - bareCallNs) / floorNs : 0
    }
    /// 2-thread cost over 1-thread cost, both drained from another core. Target ≤ 1.3.
    var twoThreadRatio: Double {
        tracedCallCollectorNs > 0 ? tracedCall2ThreadsNs / tracedCallCollectorNs : 0
    }
    /// `collected + dropped == emitted`, exactly.
    var accountingExact: Bool { collected + dropped == emitted }

    /// Memory for `threads` threads (default ring size) and `operations` operations.
    func memoryBytes(threads: Int, operations: Int) -> Int {
        threads * defaultRingBytesPerThread + operations * histogramBytesPerOperation
    }

    var targets: [(name: String, met: Bool)] {
        [
            ("overhead_ratio <= 1.5", overheadRatio <= 1.5),
            ("traced_call_2threads <= 1.3 x traced_call", twoThreadRatio <= 1.3),
            ("drain >= 25M spans/s", drainSpansPerSecond >= 25e6),
            ("histogram record <= 5 ns", histogramRecordNs <= 5),
            ("collected + dropped == emitted", accountingExact),
            ("dropped == 0 below the drain rate", dropped == 0),
            ("memory at the cardinality limit <= 80 MiB", memoryAtCardinalityLimitBytes <= 80 << 20),
            ("pipeline >= 5M spans/s", pipeline.pipelineSpansPerSecond >= 5e6),
            ("default burst loses nothing", pipeline.lossDefaultBurst == 0),
            ("soaks at 50% and 90% of the pipeline lose nothing", pipeline.soaks.allSatisfy { $0.lost == 0 }),
            ("ring memory of a thread that recorded one span <= 16 KiB", pipeline.rssPerProducingThreadBytes <= 16_384),
            ("async traced call <= 2 x traced call", pipeline.tracedCallAsyncNs <= 2 * tracedCallNs),
            (
                "no malloc per traced call (sync and async)",
                pipeline.mallocsPerTracedCall <= 0 && pipeline.mallocsPerAsyncTracedCall <= 0
            ),
        ]
    }

    var json: String {
        func number(_ value: Double) -> String { JSONText.number((value * 100).rounded() / 100) }
        var fields: [(String, String)] = [
            ("clock_source", JSONText.string(clockSource)),
            ("clock_read_ns", number(clockReadNs)),
            ("floor_ns", number(floorNs)),
            ("bare_call_ns", number(bareCallNs)),
            ("traced_call_ns", number(tracedCallNs)),
            ("native_span_ns", number(nativeSpanNs)),
            ("traced_call_2threads_ns", number(tracedCall2ThreadsNs)),
            ("traced_call_with_parent_ns", number(tracedCallWithParentNs)),
            ("traced_call_collector_core_ns", number(tracedCallCollectorNs)),
            ("overhead_ratio_collector_core", number(overheadRatioCollector)),
            ("root_context_ns", number(rootContextNs)),
            ("child_context_ns", number(childContextNs)),
            ("floor_2threads_ns", number(floor2ThreadsNs)),
            ("overhead_ratio", number(overheadRatio)),
            ("two_thread_ratio", number(twoThreadRatio)),
            ("drain_spans_per_s", number(drainSpansPerSecond.rounded())),
            ("histogram_record_ns", number(histogramRecordNs)),
            ("sanitizer_mb_per_s", number(sanitizerMBPerSecond)),
            ("sanitizer_ns_per_message", number(sanitizerNsPerMessage)),
            ("clock_error_ppm", number(clockErrorPpm)),
            ("emitted", String(emitted)),
            ("collected", String(collected)),
            ("dropped", String(dropped)),
            ("accounting_exact", String(accountingExact)),
            ("ring_bytes_per_thread", String(defaultRingBytesPerThread)),
            ("histogram_bytes_per_operation", String(histogramBytesPerOperation)),
            ("memory_bytes_8_threads_16_operations", String(memoryBytes(threads: 8, operations: 16))),
            ("memory_at_cardinality_limit_bytes", String(memoryAtCardinalityLimitBytes)),
            ("pipeline_spans_per_s", number(pipeline.pipelineSpansPerSecond.rounded())),
            ("loss_default_burst", String(pipeline.lossDefaultBurst)),
            ("burst_spans", String(pipeline.burstSpans)),
            ("burst_error_records", String(pipeline.burstErrors)),
            ("burst_spans_exported", String(pipeline.burstSpansExported)),
            ("rss_per_producing_thread_bytes", number(pipeline.rssPerProducingThreadBytes.rounded())),
            ("traced_call_async_ns", number(pipeline.tracedCallAsyncNs)),
            ("mallocs_per_traced_call", number(pipeline.mallocsPerTracedCall)),
            ("mallocs_per_async_traced_call", number(pipeline.mallocsPerAsyncTracedCall)),
            ("soak_seconds", number(pipeline.soakSeconds)),
            (
                "soaks",
                "["
                    + pipeline.soaks.map {
                        "{\"fraction\":\(number($0.fraction)),\"offered_spans_per_s\":\(number($0.offeredPerSecond.rounded())),\"lost\":\($0.lost),\"spans_dropped\":\($0.spansDropped),"
                            + "\"error_records_dropped\":\($0.errorsDropped),\"export_dropped\":\($0.exportDropped)}"
                    }.joined(separator: ",") + "]"
            ),
            ("rounds", String(rounds)),
            ("quick", String(quick)),
        ]
        fields.append(("targets_met", String(targets.allSatisfy(\.met))))
        return "{\n" + fields.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    var text: String {
        func ns(_ value: Double) -> String { String(format: "%8.2f ns", value) }
        func ratio(_ value: Double) -> String { String(format: "%5.2fx floor", floorNs > 0 ? value / floorNs : 0) }
        var lines = [
            "obsbridge bench — clock \(clockSource), median of \(rounds) rounds\(quick ? " (quick: not a measurement)" : "")",
            "clock read                 \(ns(clockReadNs))  \(ratio(clockReadNs))",
            "floor (2 clocks + store)   \(ns(floorNs))  \(ratio(floorNs))",
            "bare Swift → Rust call     \(ns(bareCallNs))  \(ratio(bareCallNs))",
            "traced call                \(ns(tracedCallNs))  \(ratio(tracedCallNs))",
            "traced call, given parent  \(ns(tracedCallWithParentNs))  \(ratio(tracedCallWithParentNs))",
            "  of which: new root ctx   \(ns(rootContextNs)), child ctx \(ns(childContextNs))",
            "native child span          \(ns(nativeSpanNs))  \(ratio(nativeSpanNs))",
            "traced, drained elsewhere  \(ns(tracedCallCollectorNs))  \(ratio(tracedCallCollectorNs))",
            "traced call, 2 threads     \(ns(tracedCall2ThreadsNs))  \(ratio(tracedCall2ThreadsNs))",
            "floor, 2 threads           \(ns(floor2ThreadsNs))  \(ratio(floor2ThreadsNs))",
            "histogram record           \(ns(histogramRecordNs))",
            String(
                format: "sanitizer                  %8.1f MB/s of log text, %.0f ns a 200-byte message",
                sanitizerMBPerSecond, sanitizerNsPerMessage),
            String(format: "clock error vs monotonic   %8.1f ppm over 20 ms", clockErrorPpm),
            String(format: "drain and record           %8.1f M spans/s", drainSpansPerSecond / 1e6),
            String(format: "overhead ratio (traced − bare) / floor = %.2f (target ≤ 1.5)", overheadRatio),
            String(
                format: "same, drained from another core = %.2f (no target: adds each record's cache-line transfer)",
                overheadRatioCollector),
            String(format: "2-thread / 1-thread, both drained from another core = %.2f (target ≤ 1.3)", twoThreadRatio),
            "spans: emitted \(emitted) = collected \(collected) + dropped \(dropped) (\(accountingExact ? "exact" : "MISMATCH"))",
            String(
                format: "pipeline (histograms, logs, sanitizer, OTLP of failed spans) %8.1f M spans/s",
                pipeline.pipelineSpansPerSecond / 1e6),
            "default burst: \(pipeline.burstSpans) spans, \(pipeline.burstErrors) error records, "
                + "\(pipeline.burstSpansExported) spans in the OTLP file; lost \(pipeline.lossDefaultBurst)",
            pipeline.soaks.isEmpty
                ? "soak: not run (--soak SECONDS)"
                : pipeline.soaks.map {
                    String(
                        format: "soak %.0f s at %.0f%%: %.2f M spans/s offered, lost %llu (%llu spans, %llu error "
                            + "records, %llu from the span export)", pipeline.soakSeconds, $0.fraction * 100,
                        $0.offeredPerSecond / 1e6, $0.lost, $0.spansDropped, $0.errorsDropped, $0.exportDropped)
                }.joined(separator: "\n"),
            "traced call, async form   \(ns(pipeline.tracedCallAsyncNs))  \(ratio(pipeline.tracedCallAsyncNs))",
            String(
                format: "malloc calls per traced call: %.2f sync, %.2f async (-1: not counted in this build)",
                pipeline.mallocsPerTracedCall, pipeline.mallocsPerAsyncTracedCall),
            String(
                format: "resident ring memory of a thread that recorded one span: %.0f bytes",
                pipeline.rssPerProducingThreadBytes),
            "memory at most (rings committed as written): \(defaultRingBytesPerThread / 1024) KiB ring per busy thread, \(histogramBytesPerOperation / 1024) KiB histogram per operation; 8 threads × 16 operations = \(memoryBytes(threads: 8, operations: 16) / 1024) KiB",
            "memory at the cardinality limit (100,000 names, 2,000 kept): \(memoryAtCardinalityLimitBytes / 1024) KiB",
        ]
        for target in targets { lines.append("\(target.met ? "met    " : "MISSED ") \(target.name)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
