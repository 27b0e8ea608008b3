import Foundation

/// A small, fast, seeded random number generator (SplitMix64) for reproducible property tests.
///
/// Every property test runs a fixed list of seeds and names the seed in each failure message; set the
/// environment variable `OBS_TEST_SEED` to a decimal or `0x` hex value to run one chosen seed instead.
struct SplitMix64Generator: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator that yields the same sequence for the same seed.
    ///
    /// - Parameter seed: Any 64-bit value.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in the half-open interval (0, 1].
    mutating func nextUnitInterval() -> Double {
        (Double(next() >> 11) + 1) / 9_007_199_254_740_992.0
    }

    /// A standard normal variate (Box–Muller).
    mutating func nextGaussian() -> Double {
        let u1 = nextUnitInterval(), u2 = nextUnitInterval()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// The seeds a property test runs: `OBS_TEST_SEED` when set, otherwise `defaults`.
    ///
    /// - Parameter defaults: The fixed seeds used in ordinary runs.
    /// - Returns: The seeds to run.
    static func seeds(_ defaults: [UInt64]) -> [UInt64] {
        guard let text = ProcessInfo.processInfo.environment["OBS_TEST_SEED"] else { return defaults }
        let value = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
        return value.map { [$0] } ?? defaults
    }
}
