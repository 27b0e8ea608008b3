/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny, fast, seedable generator with a full 2^64 period.
///
/// Not for secrets. The demo workload and the property tests use it, so that a run is reproduced
/// from its seed. Threads: a value type; give each thread its own.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator that yields the same sequence for the same seed.
    package init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
