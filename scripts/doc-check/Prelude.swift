// The hidden prelude of the guide's `swift compile` blocks (scripts/check-docs.py): the names the
// blocks assume from an earlier step or from the reader's own program. Keep it to names only; a
// block that needs more than a name should show it.
import ObsBridge

/// The bridge that step 5 starts (`let bridge = try Bridge.start()`).
let bridge: Bridge = try! Bridge.start()

/// Step 5's `MyLib` wrapper, as later blocks use it.
struct PreludeMyLib: Sendable {
    func parse(_ data: [UInt8]) throws -> UInt64 { UInt64(data.count) }
}

let mylib = PreludeMyLib()
let data: [UInt8] = Array("a,b\n".utf8)
let user = "alice"
let password = "hunter2"
let now: UInt64 = 1_700_000_000_000_000_000
let id = 42
/// The reader's own logger.
func log(_ message: String) {}
/// The reader's own HTTP request type, with its headers.
struct Request: Sendable {
    var headers: [String: String] = [:]
}
/// The reader's own server.
struct PreludeServer: Sendable {
    func stopAccepting() async {}
    func waitForRequestsInFlight() async {}
}

let server = PreludeServer()
/// The production chapter's operation (its step 1).
let getOrder: TracedOperation = try! Bridge.operation("GET /orders/{id}")
