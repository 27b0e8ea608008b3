/// How many distinct series the collector holds against its limits, what went past them, and the
/// memory it holds: exported in the snapshot (`cardinality`), Prometheus, OTLP metrics and `top`.
public struct CardinalityStatus: Sendable, Hashable, Codable {
    /// ``Collector/Configuration/operationLimit``.
    public var operationLimit: Int
    /// Operations with series of their own (the overflow operation not included).
    public var operations: Int
    /// Distinct operations recorded under ``Collector/overflowOperationName`` because the limit
    /// was reached. Exact for ids below 65,536 (every native id); a custom source with more than
    /// 65,536 larger ids past the limit has the rest recorded, uncounted here, without a name
    /// lookup, so that the collector's id map stays bounded.
    public var overflowedOperations: UInt64
    /// Calls recorded under the overflow operation.
    public var overflowCalls: UInt64
    /// ``Collector/Configuration/errorSeriesLimit``.
    public var errorSeriesLimit: Int
    /// Distinct (operation, domain, code) error series (overflow series not included).
    public var errorSeries: Int
    /// Error records counted under the domain ``Collector/overflowOperationName`` (code 0) of
    /// their operation because the error series limit was reached.
    public var overflowedErrorRecords: UInt64
    /// The bytes the collector's tables and buffers hold, from their sizes (allocator overhead not
    /// included).
    public var memoryBytes: UInt64

    /// Creates a status; every field is stated.
    public init(
        operationLimit: Int, operations: Int, overflowedOperations: UInt64, overflowCalls: UInt64,
        errorSeriesLimit: Int, errorSeries: Int, overflowedErrorRecords: UInt64, memoryBytes: UInt64
    ) {
        self.operationLimit = operationLimit
        self.operations = operations
        self.overflowedOperations = overflowedOperations
        self.overflowCalls = overflowCalls
        self.errorSeriesLimit = errorSeriesLimit
        self.errorSeries = errorSeries
        self.overflowedErrorRecords = overflowedErrorRecords
        self.memoryBytes = memoryBytes
    }

    enum CodingKeys: String, CodingKey {
        case operationLimit = "operation_limit", operations
        case overflowedOperations = "overflowed_operations", overflowCalls = "overflow_calls"
        case errorSeriesLimit = "error_series_limit", errorSeries = "error_series"
        case overflowedErrorRecords = "overflowed_error_records", memoryBytes = "memory_bytes"
    }
}
