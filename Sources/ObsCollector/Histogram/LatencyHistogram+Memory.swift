extension LatencyHistogram {
    /// Bytes one histogram holds: its fixed bucket array plus its scalar fields. Independent of how
    /// many values it has recorded.
    public static var memoryFootprint: Int {
        bucketCount * MemoryLayout<UInt64>.stride + MemoryLayout<LatencyHistogram>.size
    }
}
