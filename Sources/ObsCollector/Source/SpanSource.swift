/// Where a ``Collector`` gets finished spans and error reports from.
///
/// The native implementation (`NativeSpanSource` in the ObsBridge module) drains the Rust rings; the
/// in-memory one (`InMemorySpanSource` in ObsTestKit) lets collector and CLI tests run without Rust.
///
/// ## Implementation requirements
/// - `drainSpans` is called by one thread at a time, and so is `drainErrors` (the collector
///   serialises each), but the two may run at the same time on different threads; they append to
///   the buffer and return how many they appended, never more than `limit`.
/// - Every span handed out is counted in ``counters()`` as collected, so that
///   `collected + dropped + pending == emitted` holds exactly at every call.
/// - `counters()`, `operationName(_:)` and `clockSource` may be called from any thread.
/// - Errors thrown mean the source is unusable (for example, closed); the collector reports them.
/// - ``workSignal`` is optional: a source that can tell when it fills up returns one, and the
///   collector waits on it instead of sleeping out its whole drain interval.
public protocol SpanSource: Sendable {
    /// Appends up to `limit` finished spans to `buffer`.
    ///
    /// - Returns: How many spans were appended.
    /// - Throws: When the source can no longer be drained.
    func drainSpans(into buffer: inout [SpanRecord], limit: Int) throws -> Int

    /// Appends up to `limit` error reports to `buffer`.
    ///
    /// - Returns: How many reports were appended.
    /// - Throws: When the source can no longer be drained.
    func drainErrors(into buffer: inout [NativeErrorReport], limit: Int) throws -> Int

    /// The exact cumulative counters.
    func counters() throws -> SourceCounters

    /// The name of an operation id, or `nil` if the source does not know it.
    func operationName(_ id: UInt32) -> String?

    /// The clock the source's timestamps come from, e.g. `"tsc"` or `"monotonic"`.
    var clockSource: String { get }

    /// How the source wakes its collector when it fills up; `nil` (the default) when it cannot.
    var workSignal: (any WorkSignal)? { get }

    /// Error records dropped so far, by operation id, adding up to
    /// ``SourceCounters/errorsDropped``; the default knows none.
    func errorRecordsDroppedByOperation() throws -> [UInt32: UInt64]

    /// A library in the process whose calls cannot be recorded into this source (it was built on
    /// another ABI version), described for people with its name and both versions; `nil` (the
    /// default) when there is none. Called once per drain until it returns a description.
    func incompatibleLibrary() -> String?
}

extension SpanSource {
    /// No signal: the collector drains on its interval alone.
    public var workSignal: (any WorkSignal)? { nil }

    /// None known.
    public func errorRecordsDroppedByOperation() throws -> [UInt32: UInt64] { [:] }

    /// None known.
    public func incompatibleLibrary() -> String? { nil }
}
