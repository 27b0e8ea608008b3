import CObsDemo
import Foundation
import ObsBridge
import ObsDemo
import Synchronization
import Testing

/// One bridge may be open per process, so every test that opens one lives in this serialized suite.
@Suite("Native bridge", .serialized)
struct BridgeTests {
    func withBridge(
        configuring configure: (inout Bridge.Configuration) -> Void = { _ in },
        _ body: (Bridge, DemoNative) throws -> Void
    ) throws {
        var configuration = Bridge.Configuration()
        configuration.startsCollectorThread = false
        configure(&configuration)
        let bridge = try Bridge.start(configuration)
        defer { try? bridge.shutdown() }
        try body(bridge, try DemoNative(bridge: bridge))
    }

    @Test("a traced call is recorded with its duration, operation and a fresh root context")
    func tracedCallRecorded() throws {
        try withBridge { bridge, demo in
            let bytes = try demo.resize(width: 64, height: 64)
            #expect(bytes > 0)
            bridge.collector.drainNow()
            let stats = try #require(bridge.collector.operationStats().first { $0.name == "image.resize" })
            #expect(stats.calls == 1 && stats.errors == 0)
            #expect(stats.histogram.max > 1_000, "a 64x64 resize takes more than a microsecond")
            // Child spans opened inside native code are recorded under their own names.
            let names = Set(bridge.collector.operationStats().map(\.name))
            #expect(names.isSuperset(of: ["image.decode", "image.scale", "image.encode"]))
        }
    }

    @Test("the ABI version is checked at start, and a mismatch is refused with a clear error")
    func abiMismatch() throws {
        do {
            _ = try Bridge.start(Bridge.Configuration(), abiVersion: Bridge.headerABIVersion + 1)
            Issue.record("a bridge with the wrong ABI version started")
        } catch {
            #expect(error.status == .abiMismatch)
            #expect(error.message.contains("ABI version"))
        }
        // The refusal leaves nothing open: a correct start still works.
        let bridge = try Bridge.start()
        try bridge.shutdown()
    }

    @Test("an operation name past the limit is refused with a message that names the limit")
    func longOperationName() throws {
        let name = String(repeating: "n", count: 300)
        do {
            _ = try Bridge.operation(name)
            Issue.record("a 300-byte name was registered")
        } catch {
            #expect(error.status == .tooLong)
            #expect(error.message.contains("300 bytes") && error.message.contains("1 to 128 bytes"))
        }
        #expect(try Bridge.operation(String(repeating: "n", count: 128)).name.utf8.count == 128)
    }

    @Test("a second bridge in the same process is refused; after shutdown one may start again")
    func oneBridgePerProcess() throws {
        let first = try Bridge.start()
        #expect(throws: BridgeError.self) { _ = try Bridge.start() }
        try first.shutdown()
        try first.shutdown()  // idempotent
        let second = try Bridge.start()
        try second.shutdown()
    }

    @Test("a library error becomes a NativeError with domain, code, sanitized message and ids")
    func libraryErrorIsTyped() throws {
        try withBridge { bridge, demo in
            do {
                _ = try demo.get(key: 97)
                Issue.record("key 97 should fail")
            } catch let error as NativeError {
                #expect(error.status == .libraryError)
                #expect(error.domain == "kv" && error.code == 404)
                #expect(error.operation == "kv.get")
                #expect(error.traceID.isValid && error.spanID.isValid)
                #expect(!error.message.contains("alice@example.com"))
                #expect(!error.message.contains("eyJ"))
                #expect(!error.redactions.isEmpty)
            }
            bridge.collector.drainNow()
            let record = try #require(bridge.collector.recentErrors().last)
            #expect(record.domain == "kv" && record.code == 404)
            #expect(!record.message.contains("alice@example.com"))
        }
    }

    @Test("a panic in native code is caught at the boundary and becomes a status and an error")
    func panicIsCaught() throws {
        try withBridge { bridge, demo in
            do {
                _ = try demo.checksum([0xFF, 1, 2])
                Issue.record("poisoned input should panic")
            } catch let error as NativeError {
                #expect(error.status == .panic)
                #expect(error.message.contains("poisoned"))
            }
            // The library keeps working after a panic.
            #expect(try demo.checksum([1, 2, 3]) != 0)
            bridge.collector.drainNow()
            let stats = try #require(bridge.collector.operationStats().first { $0.name == "checksum" })
            #expect(stats.calls == 2 && stats.errors == 1)
        }
    }

    @Test("NULL output pointers and invalid input return a status, never a crash")
    func badInput() throws {
        try withBridge { bridge, _ in
            let operation = try bridge.operation("null.out")
            do {
                try bridge.trace(operation) { call in demo_kv_get(call.context, 1, nil, call.error) }
                Issue.record("a NULL output pointer was accepted")
            } catch let error as NativeError {
                #expect(error.status == .nullArgument)
                #expect(error.domain == "obsbridge")
                #expect(error.message.contains("out_value"), "the message names the argument: \(error.message)")
            }
            #expect(throws: BridgeError.self) { _ = try bridge.operation("") }
            #expect(throws: BridgeError.self) { _ = try bridge.operation(String(repeating: "x", count: 200)) }
        }
    }

    /// A bridge whose collector keeps every span for inspection (drained by hand).
    func exportingBridge() throws -> (Bridge, DemoNative) {
        var configuration = Bridge.Configuration()
        configuration.startsCollectorThread = false
        configuration.collector.spanExport = .all
        let bridge = try Bridge.start(configuration)
        return (bridge, try DemoNative(bridge: bridge))
    }

    @Test("span scopes and task-locals make parent/child spans, also across child tasks")
    func parentChild() async throws {
        let (bridge, demo) = try exportingBridge()
        defer { try? bridge.shutdown() }
        let request = try bridge.operation("test.request")
        let outer = try await bridge.span(request) { context in
            _ = try demo.get(key: 1)
            async let child = demo.get(key: 2)
            _ = try await child
            return context
        }
        _ = try demo.get(key: 3)  // outside: a new root
        bridge.collector.drainNow()
        let spans = bridge.collector.takeExportSpans().spans
        let requestSpan = try #require(spans.first { $0.name == "test.request" })
        #expect(requestSpan.record.spanID == outer.spanID)
        #expect(requestSpan.record.kind == .caller)
        let gets = spans.filter { $0.name == "kv.get" }
        #expect(gets.count == 3)
        let children = gets.filter { $0.record.parentSpanID == outer.spanID }
        #expect(children.count == 2)
        #expect(children.allSatisfy { $0.record.traceID == outer.traceID })
        let root = try #require(gets.first { $0.record.parentSpanID != outer.spanID })
        #expect(root.record.traceID != outer.traceID && !root.record.parentSpanID.isValid)
        // Spans nest in time: the children lie within the request.
        for child in children {
            #expect(child.startUnixNano >= requestSpan.startUnixNano)
            #expect(child.endUnixNano <= requestSpan.endUnixNano + 1_000)
        }
    }

    @Test("an incoming traceparent becomes the parent of the calls made under it")
    func incomingTraceparent() throws {
        let (bridge, demo) = try exportingBridge()
        defer { try? bridge.shutdown() }
        let incoming = try TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        try Bridge.withCurrentContext(incoming) { _ = try demo.get(key: 5) }
        bridge.collector.drainNow()
        let span = try #require(bridge.collector.takeExportSpans().spans.first { $0.name == "kv.get" })
        #expect(span.record.traceID == incoming.traceID)
        #expect(span.record.parentSpanID == incoming.spanID)
    }

    @Test("shutdown drains every span recorded before it: collected + dropped == emitted")
    func shutdownLosesNothing() throws {
        var configuration = Bridge.Configuration()
        configuration.collector.drainIntervalNanoseconds = 1_000_000
        let bridge = try Bridge.start(configuration)
        let demo = try DemoNative(bridge: bridge)
        let before = try bridge.collector.source.counters()
        let threads = 4
        let perThread = 5_000
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<threads {
            Thread {
                // Keys 1...9 always hit: one span per call (misses add a child span).
                for index in 0..<perThread { _ = try? demo.get(key: UInt64(index % 9 + 1)) }
                done.signal()
            }.start()
        }
        for _ in 0..<threads { done.wait() }
        try bridge.shutdown()
        let after = bridge.collector.counters()
        #expect(after.collected + after.dropped == after.emitted)
        #expect(after.emitted - before.emitted == UInt64(threads * perThread))
        let calls = bridge.collector.operationStats().first { $0.name == "kv.get" }?.calls ?? 0
        #expect(calls + (after.dropped - before.dropped) == UInt64(threads * perThread))
    }

    @Test("calls after shutdown still work natively and record nothing")
    func callsAfterShutdown() throws {
        let bridge = try Bridge.start()
        let demo = try DemoNative(bridge: bridge)
        try bridge.shutdown()
        #expect(try demo.get(key: 1) > 0)
        #expect(throws: NativeError.self) { _ = try demo.get(key: 97) }
        #expect(!bridge.isRunning)
    }

    @Test("a Swift span times its scope with the native clock")
    func swiftSpanIsTimed() throws {
        // How closely the native clock agrees with the wall clock is measured by `obsbridge bench`
        // (clock_agreement); a test only checks that the scope was recorded, once, with a duration.
        try withBridge { bridge, _ in
            #expect(["tsc", "monotonic"].contains(bridge.clockSource))
            let operation = try bridge.operation("sleep.scope")
            _ = bridge.span(operation) { _ in usleep(1_000) }
            bridge.collector.drainNow()
            let stats = try #require(bridge.collector.operationStats().first { $0.name == "sleep.scope" })
            #expect(stats.calls == 1 && stats.histogram.max > 0)
        }
    }
}
