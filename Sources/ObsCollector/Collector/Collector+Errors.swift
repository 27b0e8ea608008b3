/// The error drain's own buffers (``Collector/errorIntake``), reused from batch to batch.
struct ErrorIntake {
    var reports: [NativeErrorReport] = []
    var keys: [ErrorKey] = []
}

extension Collector {
    /// Error records, batch by batch, in four steps so that neither taking nor sanitizing holds the
    /// collector's lock for long:
    /// 1. take a batch from the source into ``errorIntake`` (whose lock serialises error drains)
    ///    and key each report by its domain as the record will carry it (neutralized);
    /// 2. under the state lock, count each report by operation, domain and code, and take the
    ///    source's error counters, which then count exactly the counted reports as collected;
    /// 3. unlocked, sanitize the messages (through the memo) and build the log records;
    /// 4. under the lock again, keep the records (recent errors, the failed span's export) and
    ///    hand the logs to the sink.
    ///
    /// Until a batch comes back empty or ``batchesPerDrain`` batches.
    ///
    /// - Returns: How many reports it took, and whether the source works.
    @discardableResult
    func drainErrors() -> (total: Int, working: Bool) {
        let capacity = max(1, configuration.batchCapacity)
        return errorIntake.withLock { intake in
            var total = 0
            for _ in 0..<Self.batchesPerDrain {
                intake.reports.removeAll(keepingCapacity: true)
                intake.keys.removeAll(keepingCapacity: true)
                let count: Int
                do {
                    count = try source.drainErrors(into: &intake.reports, limit: capacity)
                } catch {
                    state.withLock { state in _ = reportingFailure(in: &state) { _ in throw error } }
                    return (total, false)
                }
                for report in intake.reports {
                    intake.keys.append(ErrorKey(domain: TerminalText.neutralize(report.domain), code: report.code))
                }
                let names = state.withLock { state in
                    let names = zip(intake.reports, intake.keys).map { report, key in
                        let slot = slotFor(report.operation, in: &state)
                        countError(key, slot: slot, in: &state)
                        return state.operations[slot].name
                    }
                    takeErrorCounters(&state)
                    return names
                }
                if count == 0 { break }
                total += count
                let records = zip(intake.reports, names).map { errorRecord(sanitizing: $0, operation: $1) }
                let observed = UnixTime.nowNanoseconds()
                let logs =
                    configuration.logSink == nil ? [] : records.map { Self.logRecord(for: $0, observed: observed) }
                state.withLock { state in keep(records, logs: logs, in: &state) }
            }
            return (total, true)
        }
    }

    /// The source's error counters, and the error records dropped by operation when the drops
    /// moved. Called with every report taken so far counted.
    private func takeErrorCounters(_ state: inout State) {
        _ = reportingFailure(in: &state) { state in
            let counters = try source.counters()
            if counters.errorsDropped != state.counters.errorsDropped {
                // Cumulative per id; ids past the cardinality limit share the overflow slot.
                var bySlot: [Int: UInt64] = [:]
                for (id, dropped) in try source.errorRecordsDroppedByOperation() {
                    bySlot[slotFor(id, in: &state), default: 0] &+= dropped
                }
                for (slot, dropped) in bySlot { state.operations[slot].errorRecordsDropped = dropped }
            }
            state.counters.takeErrors(from: counters)
            return 0
        }
    }

    /// Keeps sanitized records: the most recent ones, the failed span's export detail; hands the
    /// logs to the sink.
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
        handOffLogs(&state)
    }
}
