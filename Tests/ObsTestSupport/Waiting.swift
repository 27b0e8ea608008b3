import Foundation

/// Waits for a condition instead of sleeping for a guessed time: polls `condition` every
/// millisecond until it holds or `seconds` have passed.
///
/// Tests then assert on the returned value (or on the state the condition observed), so a slow
/// machine only makes a test slower, never wrong.
///
/// - Parameters:
///   - seconds: The deadline; generous, since it only matters when the condition never holds.
///   - condition: Checked at once and then after each pause; may throw.
/// - Returns: Whether the condition held before the deadline.
@discardableResult
package func waitUntil(seconds: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        if try condition() { return true }
        if Date() >= deadline { return false }
        usleep(1_000)
    }
}
