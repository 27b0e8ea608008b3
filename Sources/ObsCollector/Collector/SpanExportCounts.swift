/// What happened to the spans a collector's ``SpanExportPolicy`` selected, since it started.
public struct SpanExportCounts: Sendable, Hashable, Codable {
    /// Spans put in the export buffer, for the exporter to write.
    public var kept: UInt64
    /// Spans the policy selected that did not fit in the export buffer
    /// (``Collector/Configuration/spanExportCapacity``): never written, counted here.
    public var dropped: UInt64

    /// Creates counts.
    public init(kept: UInt64 = 0, dropped: UInt64 = 0) {
        self.kept = kept
        self.dropped = dropped
    }
}
