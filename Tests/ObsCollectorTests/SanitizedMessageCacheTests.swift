import ObsCollector
import Testing

@Suite("The memo of sanitized messages")
struct SanitizedMessageCacheTests {
    @Test("a hit returns what the sanitizer returned; the memo keeps the newest messages, at most its capacity")
    func boundedAndExact() {
        let memo = SanitizedMessageCache()
        let sanitizer = Sanitizer()
        let secret = "login failed: password=hunter2 for user 1"
        let first = memo.sanitize(secret, with: sanitizer)
        #expect(first == sanitizer.sanitize(secret))
        #expect(!first.text.contains("hunter2"))
        #expect(memo.sanitize(secret, with: sanitizer) == first)

        let capacity = SanitizedMessageCache.capacity
        for id in 2...(capacity + 1) {
            _ = memo.sanitize("login failed: password=hunter2 for user \(id)", with: sanitizer)
        }
        #expect(memo.count == capacity)
        #expect(!memo.contains(secret), "the oldest message left first")
        #expect(memo.contains("login failed: password=hunter2 for user \(capacity + 1)"))
        #expect(memo.contains("login failed: password=hunter2 for user 2"))
    }
}
