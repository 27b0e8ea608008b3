public import ObsCollector

/// Tells whether the snapshot `top` shows is still being rewritten, so that a writer that stopped
/// reads as "stale" instead of as a quiet program (0 calls/s).
///
/// A snapshot is stale once its `generated_at` has not changed for ``staleAfterNanoseconds``. The
/// time is measured on this machine's monotonic clock from when `top` first saw that
/// `generated_at`; for the first snapshot seen, its age on the wall clock counts too (a file left
/// from yesterday is stale at once). Pure: the clocks are passed in.
public struct SnapshotFreshness: Sendable {
    /// How long an unchanged snapshot stays fresh.
    public let staleAfterNanoseconds: UInt64
    private var generatedAt: UInt64?
    /// The monotonic time at which the current `generated_at` was first seen.
    private var seenAt: UInt64 = 0
    /// The snapshot's age on the wall clock when first seen (only for the first snapshot).
    private var ageWhenSeen: UInt64 = 0

    /// A tracker that calls a snapshot stale after `seconds` without a change.
    public init(staleAfterSeconds seconds: Double) {
        staleAfterNanoseconds = UInt64(max(0, seconds) * 1e9)
    }

    /// Notes `snapshot`, read now, and returns for how many seconds it has been unchanged when
    /// that is at least the threshold; `nil` while it is fresh.
    ///
    /// - Parameters:
    ///   - monotonicNow: This machine's monotonic clock, in nanoseconds.
    ///   - wallNow: The Unix time, in nanoseconds.
    public mutating func observe(_ snapshot: CollectorSnapshot, monotonicNow: UInt64, wallNow: UInt64) -> Double? {
        if generatedAt != snapshot.generatedAtUnixNano {
            // The first snapshot's age counts; a later change means the writer is alive.
            let first = generatedAt == nil
            ageWhenSeen = first && wallNow > snapshot.generatedAtUnixNano ? wallNow - snapshot.generatedAtUnixNano : 0
            generatedAt = snapshot.generatedAtUnixNano
            seenAt = monotonicNow
        }
        let unchanged = (monotonicNow >= seenAt ? monotonicNow - seenAt : 0) &+ ageWhenSeen
        return unchanged >= staleAfterNanoseconds ? Double(unchanged) / 1e9 : nil
    }
}
