import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
public import Glibc
#elseif canImport(Musl)
public import Musl
#elseif canImport(Darwin)
public import Darwin
#endif

/// Writes a collector's exports on an interval, from a thread of its own: the Prometheus text file
/// and the JSON snapshot (each replaced atomically), and OTLP JSON Lines (appended).
///
/// A failing destination (unwritable path, missing directory, full disk) never stops the collector
/// or the other exports: the failure is remembered (``failures``) and the next round tries again.
/// Files are written safely in shared directories (``AtomicFileWriter``, ``LineAppender``); the
/// OTLP files rotate by size; what each appended file wrote and lost is in every export
/// (``CollectorSnapshot/outputs``).
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
        /// Size-based rotation of the OTLP files; `nil` when logrotate manages them (then call
        /// ``PeriodicExporter/reopen()`` from its `postrotate`).
        public var rotation: FileRotation? = .standard
        /// The mode of a new Prometheus file: world-readable, for node_exporter.
        public var prometheusPermissions: mode_t = AtomicFileWriter.defaultPermissions
        /// The mode of a new snapshot or OTLP file (they hold error messages): `0o640`.
        public var permissions: mode_t = LineAppender.defaultPermissions
        /// Spans per OTLP `TracesData` line at most, so a line stays far below the rotation size.
        public var spansPerLine = 1024

        /// No exports.
        public init() {}
    }

    /// How far the exporter's thread gives way to the collector's drains on a busy machine: nice
    /// +3, about half the CPU of a nice-0 thread when both want one. Less than the log thread's
    /// +5: the export buffer holds a second of failures after it wakes the exporter, the log
    /// queue more.
    package static let threadNiceIncrement: Int32 = 3

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
        traces = destinations.otlpTracesPath.map {
            LineAppender(
                destination: .file($0), rotation: destinations.rotation,
                permissions: destinations.permissions, output: "otlp_traces")
        }
        metrics = destinations.otlpMetricsPath.map {
            LineAppender(
                destination: .file($0), rotation: destinations.rotation,
                permissions: destinations.permissions, output: "otlp_metrics")
        }
        // The collector signals when its span export buffer is half full: a round starts then,
        // before the interval is over, so a high failure rate fills files rather than dropping.
        loop = BackgroundLoop(
            name: "obsb-exporter", intervalNanoseconds: destinations.intervalNanoseconds,
            firstRound: .afterInterval, signal: collector.exportDemand,
            niceIncrement: Self.threadNiceIncrement)
    }

    /// Starts exporting every interval, and sooner whenever the collector's span export buffer is
    /// half full (one exporter per collector gets that early round). Does nothing when there is
    /// nothing to write periodically.
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

    /// What every appended file (the collector's log sink's and the OTLP files) wrote and lost.
    public var outputStatistics: [OutputStatistics] {
        (collector.configuration.logSink?.outputStatistics ?? []) + [traces, metrics].compactMap { $0?.statistics }
    }

    /// Closes every appended file (the OTLP files and the collector's log sink's), so that the
    /// next write opens their paths again: call it after logrotate moved them. Any thread.
    public func reopen() {
        traces?.reopen()
        metrics?.reopen()
        collector.configuration.logSink?.reopen()
    }

    /// Writes every destination once.
    ///
    /// - Returns: This round's failures.
    @discardableResult
    public func exportOnce() -> [String] {
        var snapshot = collector.snapshot()
        snapshot.outputs = outputStatistics
        var failed: [String] = []
        if case .file(let path) = destinations.prometheus {
            do {
                try AtomicFileWriter.write(
                    PrometheusText.render(snapshot), to: path, permissions: destinations.prometheusPermissions)
            } catch {
                failed.append(error.description)
            }
        }
        if let path = destinations.snapshotPath {
            do {
                let data = try snapshot.jsonData()
                try AtomicFileWriter.write(
                    String(decoding: data, as: UTF8.self) + "\n", to: path, permissions: destinations.permissions)
            } catch let error as FileOutputError {
                failed.append(error.description)
            } catch {
                failed.append("cannot encode the snapshot: \(error)")
            }
        }
        if let traces {
            let (spans, dropped) = collector.takeExportSpans()
            var written: UInt64 = 0
            var lost: UInt64 = 0
            let perLine = max(1, destinations.spansPerLine)
            let text = JSONBuffer(capacity: 512 + min(spans.count, perLine) * 480)
            for start in stride(from: 0, to: spans.count, by: perLine) {
                let line = spans[start..<min(spans.count, start + perLine)]
                text.removeAll()
                OTLPJSON.appendTraces(line, resource: snapshot.resource, to: text)
                text.appendNewline()
                if traces.append(text, records: line.count) {
                    written &+= UInt64(line.count)
                } else {
                    lost &+= UInt64(line.count)
                }
            }
            collector.recycleExportSpans(consume spans)
            if lost > 0 { failed.append(traces.lastFailure ?? "cannot append spans") }
            spanTally.withLock { tally in
                // Spans whose append failed are lost too: counted as dropped, never silent.
                tally.dropped &+= dropped &+ lost
                tally.written &+= written
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
