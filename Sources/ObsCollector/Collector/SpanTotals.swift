/// Spans counted the way people mean them: calls are the native boundary spans, one per call into
/// the library; the child spans opened inside those calls and the Swift spans around them are
/// counted apart, never as calls.
public struct SpanTotals: Sendable, Hashable {
    /// Calls into the native library (boundary spans, and spans of a kind this version does not know).
    public var calls: UInt64 = 0
    /// Calls that failed.
    public var failedCalls: UInt64 = 0
    /// Child spans opened inside native calls.
    public var childSpans: UInt64 = 0
    /// Child spans that recorded a failure.
    public var failedChildSpans: UInt64 = 0
    /// Spans of Swift scopes (`bridge.span`).
    public var swiftSpans: UInt64 = 0
    /// Swift spans that recorded a failure.
    public var failedSwiftSpans: UInt64 = 0

    /// Nothing counted.
    public init() {}

    /// The totals of a snapshot's operations (an operation without a kind, from an older
    /// snapshot, counts as calls).
    public init(_ operations: [OperationSnapshot]) {
        for operation in operations {
            add(kind: operation.kind ?? .boundary, count: operation.calls, failed: operation.errors)
        }
    }

    /// Adds `count` spans of `kind`, `failed` of them failed.
    public mutating func add(kind: SpanKind, count: UInt64, failed: UInt64) {
        switch kind {
        case .child:
            childSpans &+= count
            failedChildSpans &+= failed
        case .caller:
            swiftSpans &+= count
            failedSwiftSpans &+= failed
        case .boundary, .unknown:
            calls &+= count
            failedCalls &+= failed
        }
    }

    /// `totals: 9200 calls, 12 errors; apart: 4600 child spans (3 failed), 2300 Swift spans`; the
    /// part after `;` only when there are such spans.
    public var line: String {
        var text = "totals: \(Self.count(calls, "call")), \(Self.count(failedCalls, "error"))"
        var apart: [String] = []
        if childSpans > 0 {
            apart.append(
                Self.count(childSpans, "child span") + (failedChildSpans > 0 ? " (\(failedChildSpans) failed)" : ""))
        }
        if swiftSpans > 0 {
            apart.append(
                Self.count(swiftSpans, "Swift span") + (failedSwiftSpans > 0 ? " (\(failedSwiftSpans) failed)" : ""))
        }
        if !apart.isEmpty { text += "; apart: " + apart.joined(separator: ", ") }
        return text
    }

    /// `1 call`, `2 calls`.
    private static func count(_ value: UInt64, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }
}
