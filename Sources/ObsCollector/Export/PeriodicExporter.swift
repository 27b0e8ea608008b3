import Dispatch
import Foundation
import Synchronization

/// Writes a collector's exports on an interval, from a thread of its own: the Prometheus text file
/// and the JSON snapshot (each replaced atomically), and OTLP JSON Lines (appended).
///
/// A failing destination (unwritable path, missing directory, full disk) never stops the collector
/// or the other exports: the failure is remembered (``failures``) and the next round tries again.
public final class PeriodicExporter: Sendable {
    /// What to write where.
    public struct Destinations: Sendable {
        /// Prometheus text; a file is replaced atomically each round. Standard output is left to
        /// the caller (written once, at the end).
        public var prometheus: OutputDestination?
        /// The JSON snapshot, replaced atomically each round.
        public var snapshotPath: String?
        /// OTLP `TracesData` lines with the spans the collector kept for export.
        public var otlpTracesPath: String?
        /// OTLP `MetricsData` lines, one per round.
        public var otlpMetricsPath: String?
        /// Time between rounds, in nanoseconds.
        public var intervalNanoseconds: UInt64 = 1_000_000_000

        /// No exports.
        public init() {}
    }

    /// The collector exported.
    public let collector: Collector
    /// Where to.
    public let destinations: Destinations
    private let traces: LineAppender?
    private let metrics: LineAppender?
    private let failureLog = Locked<[String]>([])
    private let spanTally = Locked<(written: UInt64, dropped: UInt64)>((0, 0))
    private let loop: BackgroundLoop

    /// Creates an exporter; ``start()`` begins the rounds.
    public init(collector: Collector, destinations: Destinations) {
        self.collector = collector
        self.destinations = destinations
        traces = destinations.otlpTracesPath.map { LineAppender(destination: .file($0)) }
        metrics = destinations.otlpMetricsPath.map { LineAppender(destination: .file($0)) }
        loop = BackgroundLoop(
            name: "obsbridge-exporter", intervalNanoseconds: destinations.intervalNanoseconds,
            firstRound: .afterInterval)
    }

    /// Starts exporting every interval. Does nothing when there is nothing to write periodically.
    public func start() {
        loop.start { [self] in exportOnce() }
    }

    /// Stops the rounds, writes everything once more, and returns every distinct failure seen.
    public func stopAndExportFinal() -> [String] {
        loop.stop()
        exportOnce()
        return failures
    }

    /// Spans written to the OTLP traces file, and spans dropped: because the collector's export
    /// buffer was full between two rounds (a lower rate, sampling or
    /// ``Collector/Configuration/spanExportCapacity`` avoids that), or because the file could not
    /// be written (see ``failures``). `written + dropped` counts every span kept for export.
    public var exportedSpans: (written: UInt64, dropped: UInt64) { spanTally.withLock { $0 } }

    /// Distinct export failures so far, oldest first.
    public var failures: [String] { failureLog.withLock { $0 } }

    /// Writes every destination once.
    ///
    /// - Returns: This round's failures.
    @discardableResult
    public func exportOnce() -> [String] {
        let snapshot = collector.snapshot()
        var failed: [String] = []
        if case .file(let path) = destinations.prometheus {
            do {
                try AtomicFileWriter.write(PrometheusText.render(snapshot), to: path)
            } catch {
                failed.append(error.description)
            }
        }
        if let path = destinations.snapshotPath {
            do {
                let data = try snapshot.jsonData()
                try AtomicFileWriter.write(String(decoding: data, as: UTF8.self) + "\n", to: path)
            } catch let error as FileOutputError {
                failed.append(error.description)
            } catch {
                failed.append("cannot encode the snapshot: \(error)")
            }
        }
        if let traces {
            let (spans, dropped) = collector.takeExportSpans()
            var written = false
            if !spans.isEmpty {
                written = traces.append(
                    OTLPJSON.traces(spans, resource: snapshot.resource) + "\n", records: spans.count)
                if !written { failed.append(traces.lastFailure ?? "cannot append spans") }
            }
            spanTally.withLock { tally in
                // Spans whose append failed are lost too: counted as dropped, never silent.
                tally.dropped &+= dropped &+ (written ? 0 : UInt64(spans.count))
                if written { tally.written &+= UInt64(spans.count) }
            }
        }
        if let metrics, !metrics.append(OTLPJSON.metrics(snapshot) + "\n", records: 1) {
            failed.append(metrics.lastFailure ?? "cannot append metrics")
        }
        if let logFailure = collector.configuration.logSink?.lastFailure { failed.append(logFailure) }
        if !failed.isEmpty {
            failureLog.withLock { log in
                for failure in failed where !log.contains(failure) && log.count < 32 {
                    log.append(failure)
                }
            }
        }
        return failed
    }
}
