import Foundation
package import ObsCollector

/// Property-test helpers over the project's one seeded generator.
///
/// Every property test runs a fixed list of seeds and names the seed in each failure message; set the
/// environment variable `OBS_TEST_SEED` to a decimal or `0x` hex value to run one chosen seed instead.
extension SplitMix64 {
    /// A uniform double in the half-open interval (0, 1].
    package mutating func nextUnitInterval() -> Double {
        (Double(next() >> 11) + 1) / 9_007_199_254_740_992.0
    }

    /// A standard normal variate (Box–Muller).
    package mutating func nextGaussian() -> Double {
        let u1 = nextUnitInterval()
        let u2 = nextUnitInterval()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// The seeds a property test runs: `OBS_TEST_SEED` when set, otherwise `defaults`.
    ///
    /// - Parameter defaults: The fixed seeds used in ordinary runs.
    /// - Returns: The seeds to run.
    package static func seeds(_ defaults: [UInt64]) -> [UInt64] {
        guard let text = ProcessInfo.processInfo.environment["OBS_TEST_SEED"] else { return defaults }
        let value = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
        return value.map { [$0] } ?? defaults
    }
}
