import ObsCollector
import Testing

@Suite("Failed spans meet their error records")
struct SpanErrorJoinTests {
    static func error(_ span: UInt64) -> ErrorRecord {
        ErrorRecord(
            timeUnixNano: 1, traceID: TraceID(high: 1, low: 2), spanID: SpanID(span), operation: "op",
            status: "OBSB_STATUS_LIBRARY_ERROR", domain: "d", code: 1, message: "m \(span)", redactions: [],
            truncated: false)
    }

    @Test("an error that arrives first waits for its span; a span kept first waits for its error")
    func bothOrders() {
        var join = SpanErrorJoin()
        #expect(join.errorArrived(Self.error(1)) == nil)
        #expect(join.spanKept(SpanID(1), at: 0)?.message == "m 1")
        #expect(join.spanKept(SpanID(2), at: 1) == nil)
        #expect(join.errorArrived(Self.error(2)) == 1)
    }

    @Test("past the limit the oldest waiting error is forgotten, whatever was matched in between")
    func oldestWaitingErrorLeavesFirst() {
        var join = SpanErrorJoin()
        let limit = UInt64(SpanErrorJoin.errorsWaitingLimit)
        // Many errors matched along the way: their ids must not count against the limit.
        for span in 1_000_000..<1_050_000 as Range<UInt64> {
            _ = join.errorArrived(Self.error(span))
            #expect(join.spanKept(SpanID(span), at: 0) != nil)
        }
        for span in 1...(limit + 10) { _ = join.errorArrived(Self.error(span)) }
        join.exportBufferTaken()
        for span in 1...10 as ClosedRange<UInt64> { #expect(join.spanKept(SpanID(span), at: 0) == nil) }
        for span in 11...(limit + 10) { #expect(join.spanKept(SpanID(span), at: 0)?.spanID == SpanID(span)) }
    }
}
