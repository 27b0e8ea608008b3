extension PrometheusText {
    /// The losses that the totals alone do not place: error records dropped by operation (they add
    /// up to `obsbridge_error_records_dropped_total`; with `obsbridge_errors_total` they account
    /// for every failure that reported an error), and spans selected for export that were kept or
    /// dropped because the export buffer was full. What output files lost is in
    /// `obsbridge_output_lost_records_total` (PrometheusText+Limits.swift).
    static func renderLosses(_ snapshot: CollectorSnapshot, into out: inout String) {
        family(
            &out, "obsbridge_operation_error_records_dropped_total", "counter",
            "Error records dropped because the error channel was full, by operation.")
        for operation in snapshot.operations {
            out +=
                "obsbridge_operation_error_records_dropped_total{operation=\"\(label(operation.name))\"} "
                + "\(operation.errorRecordsDropped ?? 0)\n"
        }
        let export = snapshot.spanExport ?? SpanExportCounts()
        simple(
            &out, "obsbridge_export_spans_kept_total", "counter",
            "Spans the export policy selected and the collector kept for the span exporter.", export.kept)
        simple(
            &out, "obsbridge_export_spans_dropped_total", "counter",
            "Spans the export policy selected that did not fit in the export buffer.", export.dropped)
    }
}
