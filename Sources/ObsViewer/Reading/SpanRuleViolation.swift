/// A rule of the OTLP span format that a recorded span breaks. Such a span is counted and reported,
/// never folded into latency figures (a span that ends before it starts is not a 0 ns call).
public enum SpanRuleViolation: String, Error, Sendable, Hashable, CaseIterable, Comparable {
    /// The name is missing or empty (OTLP requires a non-empty name).
    case noName = "no_name"
    /// The trace id is not 32 hex digits, or is all zero.
    case badTraceID = "bad_trace_id"
    /// The span id is not 16 hex digits, or is zero.
    case badSpanID = "bad_span_id"
    /// The parent span id is present but not 16 hex digits.
    case badParentSpanID = "bad_parent_span_id"
    /// The start or end time is missing, zero, or not a whole number of nanoseconds.
    case badTime = "bad_time"
    /// The span ends before it starts.
    case endBeforeStart = "end_before_start"

    /// What a person reads: "an id that is not hex", in the plural form the reports use.
    public var explanation: String {
        switch self {
        case .noName: "no name"
        case .badTraceID: "a trace id that is not 32 hex digits (or is zero)"
        case .badSpanID: "a span id that is not 16 hex digits (or is zero)"
        case .badParentSpanID: "a parent span id that is not 16 hex digits"
        case .badTime: "a missing or malformed start or end time"
        case .endBeforeStart: "an end before the start"
        }
    }

    /// In declaration order.
    public static func < (a: SpanRuleViolation, b: SpanRuleViolation) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How many spans broke each rule, and the first line each was seen on.
public struct SpanRuleTally: Sendable, Hashable {
    /// One rule's count.
    public struct Entry: Sendable, Hashable {
        /// The rule.
        public var violation: SpanRuleViolation
        /// Spans that broke it.
        public var count: UInt64
        /// The first line such a span was on.
        public var firstLine: Int
    }

    private var entries: [SpanRuleViolation: Entry] = [:]

    /// An empty tally.
    public init() {}

    /// Counts one span breaking `violation` on `line`.
    public mutating func add(_ violation: SpanRuleViolation, line: Int) {
        entries[violation, default: Entry(violation: violation, count: 0, firstLine: line)].count += 1
    }

    /// The rules broken at least once, in declaration order.
    public var counts: [Entry] { entries.values.sorted { $0.violation < $1.violation } }

    /// Spans that broke a rule.
    public var total: UInt64 { entries.values.reduce(0) { $0 + $1.count } }

    /// Whether no span broke a rule.
    public var isEmpty: Bool { entries.isEmpty }
}
