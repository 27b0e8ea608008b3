/// How a ``SpanSource`` wakes the thread that drains it before its drain interval is over.
///
/// The native source's signal wakes the collector when a producing thread's ring, or the error
/// queue, passes its high-water mark; producers pay nothing for it until then.
///
/// ## Implementation requirements
/// - `wait` is called by one thread (the collector's background loop); it returns when there is
///   work, when `interrupt()` was called (before or during the wait), or after the timeout. Returning
///   early is always allowed.
/// - `interrupt` may be called from any thread.
public protocol WorkSignal: Sendable {
    /// Blocks until there is work, ``interrupt()`` is called, or `timeoutNanoseconds` pass.
    func wait(timeoutNanoseconds: UInt64)

    /// Ends the current or next ``wait(timeoutNanoseconds:)`` at once.
    func interrupt()
}
