/// Exact, cumulative accounting of a span source.
///
/// The identities `emitted == collected + dropped + pending` and `errorsEmitted == errorsCollected +
/// errorsDropped + errorsPending` always hold; once producers stop and the collector has drained
/// (``Collector/shutdown()`` does), both pending counts are zero.
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
    /// Times a producer woke the collector early (a ring or the error channel past its high-water
    /// mark); 0 for sources that cannot.
    public var wakeups: UInt64

    /// Creates counters; omitted fields are zero.
    public init(
        emitted: UInt64 = 0, collected: UInt64 = 0, dropped: UInt64 = 0, ringsLive: UInt64 = 0,
        ringsRetired: UInt64 = 0, errorsEmitted: UInt64 = 0, errorsCollected: UInt64 = 0,
        errorsDropped: UInt64 = 0, wakeups: UInt64 = 0
    ) {
        self.emitted = emitted
        self.collected = collected
        self.dropped = dropped
        self.ringsLive = ringsLive
        self.ringsRetired = ringsRetired
        self.errorsEmitted = errorsEmitted
        self.errorsCollected = errorsCollected
        self.errorsDropped = errorsDropped
        self.wakeups = wakeups
    }

    enum CodingKeys: String, CodingKey {
        case emitted, collected, dropped, ringsLive = "rings_live", ringsRetired = "rings_retired"
        case errorsEmitted = "errors_emitted", errorsCollected = "errors_collected"
        case errorsDropped = "errors_dropped", wakeups
    }

    /// Spans recorded but not yet collected.
    public var pending: UInt64 { emitted &- collected &- dropped }
    /// Error records produced but not yet collected.
    public var errorsPending: UInt64 { errorsEmitted &- errorsCollected &- errorsDropped }
    /// Whether anything recorded is still waiting to be collected.
    public var hasPending: Bool { pending != 0 || errorsPending != 0 }

    /// Takes the span half of `fresh` (spans, rings and wake-ups), keeping the error half: the
    /// span drain and the error drain each update the half they have fully counted.
    mutating func takeSpans(from fresh: SourceCounters) {
        emitted = fresh.emitted
        collected = fresh.collected
        dropped = fresh.dropped
        ringsLive = fresh.ringsLive
        ringsRetired = fresh.ringsRetired
        wakeups = fresh.wakeups
    }

    /// Takes the error half of `fresh`, keeping the span half (see ``takeSpans(from:)``).
    mutating func takeErrors(from fresh: SourceCounters) {
        errorsEmitted = fresh.errorsEmitted
        errorsCollected = fresh.errorsCollected
        errorsDropped = fresh.errorsDropped
    }
}

// MARK: - Codable

extension SourceCounters {
    /// Decodes counters; `wakeups`, which older snapshots lack, defaults to 0.
    ///
    /// - Throws: `DecodingError` when a required field is missing or not a number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            emitted: try container.decode(UInt64.self, forKey: .emitted),
            collected: try container.decode(UInt64.self, forKey: .collected),
            dropped: try container.decode(UInt64.self, forKey: .dropped),
            ringsLive: try container.decode(UInt64.self, forKey: .ringsLive),
            ringsRetired: try container.decode(UInt64.self, forKey: .ringsRetired),
            errorsEmitted: try container.decode(UInt64.self, forKey: .errorsEmitted),
            errorsCollected: try container.decode(UInt64.self, forKey: .errorsCollected),
            errorsDropped: try container.decode(UInt64.self, forKey: .errorsDropped),
            wakeups: try container.decodeIfPresent(UInt64.self, forKey: .wakeups) ?? 0)
    }
}
