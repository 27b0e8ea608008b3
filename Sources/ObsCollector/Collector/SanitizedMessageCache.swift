/// A memo of recently sanitized error messages, shared by the collector's drain and the callers
/// that throw a ``ErrorRecord``-based error: failures repeat (the same error, word for word, from
/// every call that hits it), and sanitizing is the most expensive step of a failure. A hit returns
/// exactly what the sanitizer returned for the same text, so records do not change; the memo only
/// saves the work.
///
/// Bounded: at most ``capacity`` messages of at most `OBSB_ERROR_MESSAGE_CAPACITY` bytes each; the
/// oldest entry leaves first. Thread-safe: the table is read and updated under a lock, and the
/// sanitizer runs outside it, so a slow message never holds up other threads.
final class SanitizedMessageCache: Sendable {
    /// Messages kept at most.
    static let capacity = 256

    private struct Table {
        var entries: [String: SanitizedText] = [:]
        var order: [String] = []
        var next = 0
    }

    private let table = Locked(Table())

    /// The sanitized form of `message`, from the memo or from `sanitizer` (then remembered).
    func sanitize(_ message: String, with sanitizer: Sanitizer) -> SanitizedText {
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
