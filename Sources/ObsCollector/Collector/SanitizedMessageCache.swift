/// The collector's memo of recently sanitized error messages: failures repeat (the same error,
/// word for word, from every call that hits it), and sanitizing is the most expensive step of an
/// error record on the drain thread. A hit returns exactly what the sanitizer returned for the same
/// text, so records do not change; the cache only saves the work.
///
/// Bounded: at most ``capacity`` messages of at most `OBSB_ERROR_MESSAGE_CAPACITY` bytes each; the
/// oldest entry leaves first. Owned by the collector's state; used under its lock.
struct SanitizedMessageCache {
    /// Messages kept at most.
    static let capacity = 256

    private var entries: [String: SanitizedText] = [:]
    private var order: [String] = []
    private var next = 0

    /// The sanitized form of `message`, from the cache or from `sanitizer` (then remembered).
    mutating func sanitize(_ message: String, with sanitizer: Sanitizer) -> SanitizedText {
        if let hit = entries[message] { return hit }
        let clean = sanitizer.sanitize(message)
        if order.count < Self.capacity {
            order.append(message)
        } else {
            entries[order[next]] = nil
            order[next] = message
            next = (next + 1) % Self.capacity
        }
        entries[message] = clean
        return clean
    }
}
