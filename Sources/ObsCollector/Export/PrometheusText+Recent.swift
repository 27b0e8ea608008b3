/// `obsbridge_recent_call_duration_seconds`: the exact per-process quantiles of the last minute.
///
/// A summary, as Prometheus names client-side quantiles over a sliding window: one series per
/// operation and `quantile` (0.5, 0.9, 0.99, 0.999, and 1 for the exact maximum, which is the
/// nearest-rank quantile 1), each a gauge in value, read without `histogram_quantile`. `NaN` when
/// the operation had no call in the window, as Prometheus clients write an empty summary. The
/// summary has no `_sum` and `_count` of its own: by convention they are cumulative counters, and
/// the histogram's `obsbridge_call_duration_seconds_sum` and `_count` already are.
extension PrometheusText {
    /// The summary's quantiles: the `quantile` label and the value it reads.
    static var recentQuantiles: [(label: String, value: KeyPath<RecentQuantiles, UInt64>)] {
        [("0.5", \.p50Ns), ("0.9", \.p90Ns), ("0.99", \.p99Ns), ("0.999", \.p999Ns), ("1", \.maxNs)]
    }

    /// Appends the summary family of `snapshot` to `out`.
    static func renderRecent(_ snapshot: CollectorSnapshot, into out: inout String) {
        family(
            &out, "obsbridge_recent_call_duration_seconds", "summary",
            "Exact latency quantiles of native calls in this process over the last minute (50 to 60 s), "
                + "by operation; quantile 1 is the maximum.")
        for operation in snapshot.operations {
            let name = label(operation.name)
            for quantile in recentQuantiles {
                let value = operation.recent.flatMap { $0.count > 0 ? seconds($0[keyPath: quantile.value]) : nil }
                out += "obsbridge_recent_call_duration_seconds{operation=\"\(name)\",quantile=\"\(quantile.label)\"} "
                out += "\(value ?? "NaN")\n"
            }
        }
    }
}
