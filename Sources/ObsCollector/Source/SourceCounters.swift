/// Exact, cumulative accounting of a span source.
///
/// The identity `emitted == collected + dropped + pending` always holds; once producers stop and the
/// collector has drained, `pending` is zero and `collected + dropped == emitted` exactly.
public struct SourceCounters: Sendable, Hashable, Codable {
    /// Spans offered to the rings (recorded or dropped).
    public var emitted: UInt64
    /// Spans copied out by the collector.
    public var collected: UInt64
    /// Spans dropped because a ring was full (drop-newest) or a thread had no ring.
    public var dropped: UInt64
    /// Rings in use (threads alive, or exited but not yet drained).
    public var ringsLive: UInt64
    /// Rings of exited threads, drained and freed.
    public var ringsRetired: UInt64
    /// Error records offered to the error channel.
    public var errorsEmitted: UInt64
    /// Error records collected.
    public var errorsCollected: UInt64
    /// Error records dropped because the error channel was full.
    public var errorsDropped: UInt64

    /// Creates counters; omitted fields are zero.
    public init(
        emitted: UInt64 = 0, collected: UInt64 = 0, dropped: UInt64 = 0, ringsLive: UInt64 = 0,
        ringsRetired: UInt64 = 0, errorsEmitted: UInt64 = 0, errorsCollected: UInt64 = 0,
        errorsDropped: UInt64 = 0
    ) {
        self.emitted = emitted
        self.collected = collected
        self.dropped = dropped
        self.ringsLive = ringsLive
        self.ringsRetired = ringsRetired
        self.errorsEmitted = errorsEmitted
        self.errorsCollected = errorsCollected
        self.errorsDropped = errorsDropped
    }

    enum CodingKeys: String, CodingKey {
        case emitted, collected, dropped, ringsLive = "rings_live", ringsRetired = "rings_retired"
        case errorsEmitted = "errors_emitted", errorsCollected = "errors_collected"
        case errorsDropped = "errors_dropped"
    }

    /// Spans recorded but not yet collected.
    public var pending: UInt64 { emitted &- collected &- dropped }
}
