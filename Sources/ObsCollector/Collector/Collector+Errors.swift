extension Collector {
    /// Error records, batch by batch, in three steps so that sanitizing never holds the
    /// collector's lock: under the lock, take a batch from the source and count each report by
    /// operation, domain and code (so the counts always agree with the source's counters);
    /// unlocked, sanitize the messages (through the memo) and build the log records; under the
    /// lock again, keep the records (recent errors, the failed span's export) and queue the logs.
    /// Until a batch comes back empty or ``batchesPerDrain`` batches.
    ///
    /// - Returns: How many reports it took, and whether the source works.
    func drainErrors() -> (total: Int, working: Bool) {
        let capacity = max(1, configuration.batchCapacity)
        var reports: [NativeErrorReport] = []
        var names: [String] = []
        var total = 0
        for _ in 0..<Self.batchesPerDrain {
            reports.removeAll(keepingCapacity: true)
            names.removeAll(keepingCapacity: true)
            let taken = state.withLock { state in
                reportingFailure(in: &state) { state in
                    let count = try source.drainErrors(into: &reports, limit: capacity)
                    for report in reports {
                        let slot = slotFor(report.operation, in: &state)
                        // The domain as the record will carry it (neutralized for terminals).
                        let key = ErrorKey(domain: TerminalText.neutralize(report.domain), code: report.code)
                        countError(key, slot: slot, in: &state)
                        names.append(state.operations[slot].name)
                    }
                    return count
                }
            }
            guard let count = taken else { return (total, false) }
            if count == 0 { break }
            total += count
            let records = zip(reports, names).map { errorRecord(sanitizing: $0, operation: $1) }
            let observed = UnixTime.nowNanoseconds()
            let logs =
                configuration.logSink == nil ? [] : records.map { Self.logRecord(for: $0, observed: observed) }
            state.withLock { state in keep(records, logs: logs, in: &state) }
        }
        return (total, true)
    }

    /// Keeps sanitized records: the most recent ones, the failed span's export detail, the logs.
    private func keep(_ records: [ErrorRecord], logs: [LogRecord], in state: inout State) {
        let limit = max(1, configuration.recentErrorLimit)
        for record in records {
            if configuration.spanExport != .none,
                let index = state.spanErrors.errorArrived(record), state.exportSpans.indices.contains(index)
            {
                state.exportSpans[index].error = record
            }
        }
        state.recentErrors.append(contentsOf: records.suffix(limit))
        if state.recentErrors.count > limit { state.recentErrors.removeFirst(state.recentErrors.count - limit) }
        state.logs.append(contentsOf: logs)
    }
}
