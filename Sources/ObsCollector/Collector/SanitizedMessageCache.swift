/// A memo of recently sanitized error messages, shared by the collector's drain and the callers
/// that throw a ``ErrorRecord``-based error: failures repeat (the same error, word for word, from
/// every call that hits it), and sanitizing is the most expensive step of a failure. A hit returns
/// exactly what the sanitizer returned for the same text, so records do not change; the memo only
/// saves the work. A message seen once (it carries an id) is sanitized by the failing caller, and
/// the error drain, which takes the same failure's queued report a few milliseconds later, finds
/// it here: ``capacity`` covers that delay at tens of thousands of distinct failures a second.
///
/// Bounded: at most ``capacity`` messages of at most `OBSB_ERROR_MESSAGE_CAPACITY` bytes each (with
/// their sanitized forms, about 2.5 MB at most); the oldest entry leaves first. Thread-safe: the
/// table is read and updated under a lock, and the sanitizer runs outside it, so a slow message
/// never holds up other threads.
package final class SanitizedMessageCache: Sendable {
    /// Messages kept at most: about 30 ms of distinct failures at 70,000 a second. With 256, the
    /// 90% soak's error drain (one distinct message in three failures) found a third of them
    /// gone and sanitized them again, and fell behind.
    package static let capacity = 2_048

    private struct Table {
        var entries: [String: SanitizedText] = [:]
        var order: [String] = []
        var next = 0
    }

    private let table = Locked(Table())

    /// Creates an empty memo.
    package init() {}

    /// Messages held now.
    package var count: Int { table.withLock { $0.entries.count } }

    /// Whether `message` is held now.
    package func contains(_ message: String) -> Bool { table.withLock { $0.entries[message] != nil } }

    /// The sanitized form of `message`, from the memo or from `sanitizer` (then remembered).
    package func sanitize(_ message: String, with sanitizer: Sanitizer) -> SanitizedText {
        if let hit = table.withLock({ $0.entries[message] }) { return hit }
        let clean = sanitizer.sanitize(message)
        table.withLock { table in
            guard table.entries[message] == nil else { return }
            if table.order.count < Self.capacity {
                table.order.append(message)
            } else {
                table.entries[table.order[table.next]] = nil
                table.order[table.next] = message
                table.next = (table.next + 1) % Self.capacity
            }
            table.entries[message] = clean
        }
        return clean
    }
}
