public import Foundation

/// The collector's state at one moment, as a versioned JSON document (`obsbridge.snapshot`).
///
/// Written atomically by the exporters and read by `obsbridge top` and `obsbridge summary`, possibly
/// in another process. The schema is documented in `Docs/snapshot-schema.md`; a reader refuses a
/// document whose `schema_version` is newer than ``currentSchemaVersion``.
public struct CollectorSnapshot: Sendable, Codable, Equatable {
    /// The schema this build writes and the newest it reads.
    public static let currentSchemaVersion = 1
    /// The value of the `schema` field.
    public static let schemaName = "obsbridge.snapshot"

    /// Always ``schemaName``.
    public var schema: String = CollectorSnapshot.schemaName
    /// The schema version of this document.
    public var schemaVersion: Int = CollectorSnapshot.currentSchemaVersion
    /// When the snapshot was taken, in Unix nanoseconds.
    public var generatedAtUnixNano: UInt64
    /// When the collector started, in Unix nanoseconds.
    public var startedAtUnixNano: UInt64
    /// The clock the spans were timed with.
    public var clockSource: String
    /// The observed program.
    public var resource: ResourceInfo
    /// Exact span and error accounting.
    public var counters: SourceCounters
    /// Per-operation statistics, sorted by name.
    public var operations: [OperationSnapshot]
    /// The most recent sanitized errors, oldest first.
    public var recentErrors: [ErrorRecord]
    /// The collector's cardinality limits, overflow counts and memory (absent in snapshots from
    /// before 0.2.0).
    public var cardinality: CardinalityStatus?
    /// What each appended file wrote and lost (set by ``PeriodicExporter``; absent otherwise).
    public var outputs: [OutputStatistics]?
    /// What happened to the spans selected for export (absent in snapshots from before 0.2.0).
    public var spanExport: SpanExportCounts?
    /// A library in the process whose calls are not recorded (built on another ABI version), with
    /// its name and both versions; absent when there is none.
    public var incompatibleLibrary: String?

    /// Everything this snapshot records as lost, by where.
    public var losses: LossReport { LossReport(self) }

    enum CodingKeys: String, CodingKey {
        case schema, schemaVersion = "schema_version", generatedAtUnixNano = "generated_at_unix_nano"
        case startedAtUnixNano = "started_at_unix_nano", clockSource = "clock_source", resource
        case counters, operations, recentErrors = "recent_errors", cardinality, outputs
        case spanExport = "span_export", incompatibleLibrary = "incompatible_library"
    }

    /// Creates a snapshot; every field but the optional ones is stated.
    public init(
        generatedAtUnixNano: UInt64, startedAtUnixNano: UInt64, clockSource: String,
        resource: ResourceInfo, counters: SourceCounters, operations: [OperationSnapshot],
        recentErrors: [ErrorRecord], cardinality: CardinalityStatus? = nil,
        outputs: [OutputStatistics]? = nil, spanExport: SpanExportCounts? = nil,
        incompatibleLibrary: String? = nil
    ) {
        self.generatedAtUnixNano = generatedAtUnixNano
        self.startedAtUnixNano = startedAtUnixNano
        self.clockSource = clockSource
        self.resource = resource
        self.counters = counters
        self.operations = operations
        self.recentErrors = recentErrors
        self.cardinality = cardinality
        self.outputs = outputs
        self.spanExport = spanExport
        self.incompatibleLibrary = incompatibleLibrary
    }
}

/// One operation in a snapshot: counts, error breakdown, the histogram and its usual quantiles.
public struct OperationSnapshot: Sendable, Codable, Equatable {
    /// The operation's name.
    public var name: String
    /// Finished calls.
    public var calls: UInt64
    /// Failed calls.
    public var errors: UInt64
    /// Failures by domain and code.
    public var errorCounts: [ErrorCount]
    /// Error records of this operation the source dropped; `nil` in snapshots older than 0.2.
    public var errorRecordsDropped: UInt64?
    /// Latency quantiles in nanoseconds, derived from ``histogram``.
    public var p50Ns, p90Ns, p99Ns, p999Ns, maxNs: UInt64
    /// The full latency histogram.
    public var histogram: LatencyHistogram
    /// Exact quantiles of the last minute (``RecentWindow``); `nil` in snapshots before 0.2.0.
    public var recent: RecentQuantiles?
    /// What produces the operation's spans; `nil` in snapshots before 0.2.0 (read as calls).
    public var kind: SpanKind?

    enum CodingKeys: String, CodingKey {
        case name, calls, errors, kind, errorCounts = "error_counts"
        case errorRecordsDropped = "error_records_dropped", p50Ns = "p50_ns", p90Ns = "p90_ns"
        case p99Ns = "p99_ns", p999Ns = "p999_ns", maxNs = "max_ns", histogram
        case recent
    }

    /// Builds the snapshot of `stats`, with the last minute's quantiles as of now.
    public init(_ stats: OperationStats) {
        self.init(stats, interval: RecentWindow.interval(atMonotonic: UnixTime.monotonicNanoseconds()))
    }

    /// Builds the snapshot of `stats`, with the quantiles of the window ending in `interval`.
    package init(_ stats: OperationStats, interval: UInt64) {
        name = stats.name
        calls = stats.calls
        errors = stats.errors
        errorCounts = stats.errorCounts.sorted { $0.key < $1.key }.map {
            ErrorCount(domain: $0.key.domain, code: $0.key.code, count: $0.value)
        }
        errorRecordsDropped = stats.errorRecordsDropped
        histogram = stats.histogram
        kind = stats.kind
        p50Ns = histogram.quantile(0.5)
        p90Ns = histogram.quantile(0.9)
        p99Ns = histogram.quantile(0.99)
        p999Ns = histogram.quantile(0.999)
        maxNs = histogram.max
        recent = RecentQuantiles(stats.window.histogram(at: interval, cumulative: stats.histogram))
    }
}

/// Latency quantiles of one operation over the last minute (``RecentWindow``), in nanoseconds,
/// with the histogram's precision (within 1/256); all 0 when the window holds no call.
public struct RecentQuantiles: Sendable, Codable, Equatable {
    /// The window's length in seconds (60: the calls of the last 50 to 60 seconds).
    public var windowSeconds: Int
    /// Calls in the window.
    public var count: UInt64
    /// Nearest-rank quantiles and the exact maximum.
    public var p50Ns, p90Ns, p99Ns, p999Ns, maxNs: UInt64

    enum CodingKeys: String, CodingKey {
        case windowSeconds = "window_seconds", count, p50Ns = "p50_ns", p90Ns = "p90_ns"
        case p99Ns = "p99_ns", p999Ns = "p999_ns", maxNs = "max_ns"
    }

    /// The quantiles of `histogram`, a window of ``RecentWindow/windowSeconds``.
    public init(_ histogram: LatencyHistogram) {
        windowSeconds = RecentWindow.windowSeconds
        count = histogram.count
        p50Ns = histogram.quantile(0.5)
        p90Ns = histogram.quantile(0.9)
        p99Ns = histogram.quantile(0.99)
        p999Ns = histogram.quantile(0.999)
        maxNs = histogram.max
    }
}

/// How often one error domain and code occurred.
public struct ErrorCount: Sendable, Codable, Hashable {
    /// The error domain.
    public var domain: String
    /// The code within the domain.
    public var code: Int32
    /// Occurrences.
    public var count: UInt64

    /// Creates a count.
    public init(domain: String, code: Int32, count: UInt64) {
        self.domain = domain
        self.code = code
        self.count = count
    }
}

/// A snapshot document could not be read.
public struct SnapshotReadError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Why, for people.
    public var description: String

    /// Creates an error with a reason.
    public init(description: String) { self.description = description }
}

extension CollectorSnapshot {
    /// The snapshot as pretty, key-sorted JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a snapshot document.
    ///
    /// - Throws: ``SnapshotReadError`` for a document that is not a snapshot, one from a newer
    ///   ObsBridge (`schema_version` above ``currentSchemaVersion``), or malformed JSON.
    public init(jsonData data: Data) throws(SnapshotReadError) {
        struct Header: Decodable {
            var schema: String?
            var schemaVersion: Int?

            enum CodingKeys: String, CodingKey {
                case schema
                case schemaVersion = "schema_version"
            }
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw SnapshotReadError(description: "not a JSON object: \(Self.reason(error))")
        }
        guard header.schema == Self.schemaName, let version = header.schemaVersion else {
            throw SnapshotReadError(
                description: "not an ObsBridge snapshot (expected \"schema\": \"\(Self.schemaName)\")")
        }
        guard version <= Self.currentSchemaVersion else {
            throw SnapshotReadError(
                description: "snapshot schema version \(version) is newer than this obsbridge "
                    + "understands (\(Self.currentSchemaVersion)); upgrade obsbridge to read it")
        }
        do {
            self = try JSONDecoder().decode(CollectorSnapshot.self, from: data)
        } catch {
            throw SnapshotReadError(description: "malformed snapshot: \(Self.reason(error))")
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
            DecodingError.valueNotFound(_, let context), DecodingError.keyNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "at \(path): ") + context.debugDescription
        default:
            return String(describing: error)
        }
    }
}

extension Collector {
    /// The collector's state now, ready to encode.
    public func snapshot() -> CollectorSnapshot {
        let (operations, counters, errors, cardinality, interval) = snapshotView()
        return CollectorSnapshot(
            generatedAtUnixNano: UnixTime.nowNanoseconds(), startedAtUnixNano: startedAtUnixNano,
            clockSource: source.clockSource, resource: configuration.resource, counters: counters,
            operations: operations.map { OperationSnapshot($0, interval: interval) }.sorted { $0.name < $1.name },
            recentErrors: errors, cardinality: cardinality, spanExport: state.withLock { $0.exportTotals },
            incompatibleLibrary: incompatibleLibrary)
    }
}
