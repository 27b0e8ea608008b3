/// Renders a snapshot in the Prometheus text exposition format (version 0.0.4), as node_exporter's
/// textfile collector reads it.
///
/// Families (all with HELP and TYPE; units in the names; labels only from operation names, error
/// domains and codes, which are static in the native library, and other bounded sets):
/// - `obsbridge_call_duration_seconds` histogram by `operation` (classic cumulative `le` buckets,
///   see `PrometheusBuckets`)
/// - `obsbridge_recent_call_duration_seconds` summary by `operation` and `quantile`: exact
///   quantiles of the last minute (see `PrometheusText+Recent.swift`)
/// - `obsbridge_calls_total`, `obsbridge_call_failures_total` counters by `operation`
/// - `obsbridge_errors_total` counter by `operation`, `domain`, `code` (from error records)
/// - `obsbridge_spans_{emitted,collected,dropped}_total`, `obsbridge_spans_pending`
/// - `obsbridge_error_records_{emitted,collected,dropped}_total`, `obsbridge_rings` by `state`
/// - `obsbridge_clock_info{source}`, `obsbridge_build_info{version,abi_version}`
/// - ObsBridge's own limits and outputs: see `PrometheusText+Limits.swift`
public enum PrometheusText {
    /// Upper bounds of the classic buckets: see ``PrometheusBuckets`` (10 ns to 58 µs, 40 buckets
    /// with `+Inf`, `histogram_quantile` within 25 % in that range).
    public static var bucketBounds: [(label: String, nanoseconds: UInt64)] { PrometheusBuckets.bounds }

    /// The whole exposition for `snapshot`, ending with a newline.
    public static func render(_ snapshot: CollectorSnapshot) -> String {
        var out = ""
        family(
            &out, "obsbridge_call_duration_seconds", "histogram",
            "Duration of native calls through ObsBridge, by operation.")
        for operation in snapshot.operations {
            let name = label(operation.name)
            for bound in bucketBounds {
                out += "obsbridge_call_duration_seconds_bucket{operation=\"\(name)\",le=\"\(bound.label)\"} "
                out += "\(operation.histogram.count(atOrBelow: bound.nanoseconds))\n"
            }
            out +=
                "obsbridge_call_duration_seconds_bucket{operation=\"\(name)\",le=\"+Inf\"} \(operation.histogram.count)\n"
            out += "obsbridge_call_duration_seconds_sum{operation=\"\(name)\"} \(seconds(operation.histogram.sum))\n"
            out += "obsbridge_call_duration_seconds_count{operation=\"\(name)\"} \(operation.histogram.count)\n"
        }
        renderRecent(snapshot, into: &out)  // PrometheusText+Recent.swift
        family(&out, "obsbridge_calls_total", "counter", "Native calls finished, by operation.")
        for operation in snapshot.operations {
            out += "obsbridge_calls_total{operation=\"\(label(operation.name))\"} \(operation.calls)\n"
        }
        family(
            &out, "obsbridge_call_failures_total", "counter",
            "Native calls that returned a failing status, by operation.")
        for operation in snapshot.operations {
            out += "obsbridge_call_failures_total{operation=\"\(label(operation.name))\"} \(operation.errors)\n"
        }
        family(
            &out, "obsbridge_errors_total", "counter",
            "Error records by operation, error domain and code.")
        for operation in snapshot.operations {
            for error in operation.errorCounts {
                out +=
                    "obsbridge_errors_total{operation=\"\(label(operation.name))\",domain=\"\(label(error.domain))\",code=\"\(error.code)\"} \(error.count)\n"
            }
        }
        let counters = snapshot.counters
        simple(
            &out, "obsbridge_spans_emitted_total", "counter",
            "Spans offered to the per-thread rings.", counters.emitted)
        simple(
            &out, "obsbridge_spans_collected_total", "counter",
            "Spans drained by the collector.", counters.collected)
        simple(
            &out, "obsbridge_spans_dropped_total", "counter",
            "Spans dropped because a ring was full.", counters.dropped)
        simple(
            &out, "obsbridge_spans_pending", "gauge",
            "Spans recorded and not yet drained.", counters.pending)
        simple(
            &out, "obsbridge_error_records_emitted_total", "counter",
            "Error records offered to the error channel.", counters.errorsEmitted)
        simple(
            &out, "obsbridge_error_records_collected_total", "counter",
            "Error records drained by the collector.", counters.errorsCollected)
        simple(
            &out, "obsbridge_error_records_dropped_total", "counter",
            "Error records dropped because the error channel was full.", counters.errorsDropped)
        simple(
            &out, "obsbridge_error_records_pending", "gauge",
            "Error records produced and not yet drained.", counters.errorsPending)
        simple(
            &out, "obsbridge_collector_wakeups_total", "counter",
            "Times a producer woke the collector (a ring or the error channel past its high-water mark).",
            counters.wakeups)
        renderLosses(snapshot, into: &out)  // PrometheusText+Losses.swift
        family(&out, "obsbridge_rings", "gauge", "Per-thread span rings, by state.")
        out += "obsbridge_rings{state=\"live\"} \(counters.ringsLive)\n"
        out += "obsbridge_rings{state=\"retired\"} \(counters.ringsRetired)\n"
        family(&out, "obsbridge_clock_info", "gauge", "The clock spans are timed with (always 1).")
        out += "obsbridge_clock_info{source=\"\(label(snapshot.clockSource))\"} 1\n"
        family(&out, "obsbridge_build_info", "gauge", "ObsBridge build and native ABI version (always 1).")
        let abi = snapshot.resource.abiVersion.map(String.init) ?? "none"
        out += "obsbridge_build_info{version=\"\(label(snapshot.resource.buildVersion))\",abi_version=\"\(abi)\"} 1\n"
        renderLimits(snapshot, into: &out)  // PrometheusText+Limits.swift
        return out
    }

    /// A label value with `\`, `"` and newlines escaped, and other control characters neutralized.
    public static func label(_ value: String) -> String {
        var out = ""
        for character in TerminalText.neutralize(value) {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func seconds(_ nanoseconds: UInt64) -> String {
        let whole = nanoseconds / 1_000_000_000
        let fraction = String(nanoseconds % 1_000_000_000)
        return "\(whole)." + String(repeating: "0", count: 9 - fraction.count) + fraction
    }

    static func family(_ out: inout String, _ name: String, _ type: String, _ help: String) {
        out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    static func simple(
        _ out: inout String, _ name: String, _ type: String, _ help: String, _ value: UInt64
    ) {
        family(&out, name, type, help)
        out += "\(name) \(value)\n"
    }
}
