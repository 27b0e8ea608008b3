import Foundation
import ObsBridge
import ObsDemo
import ObsTestSupport
import Synchronization
import Testing

extension BridgeTests {
    @Test("Bridge.start(.init(exportDirectory:)) writes all five exports, with real content, by shutdown")
    func exportDirectoryOneLiner() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("obsbridge-exports-\(UInt64.random(in: 1...UInt64.max))").appendingPathComponent(
                "nested")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let bridge = try Bridge.start(.init(exportDirectory: directory.path))
        defer { try? bridge.shutdown() }
        let demo = try DemoNative(bridge: bridge)
        _ = try demo.resize(width: 32, height: 32)
        var failedTrace = ""
        do {
            _ = try demo.get(key: 97)
            Issue.record("key 97 should fail")
        } catch let error as NativeError {
            failedTrace = error.traceID.hex
        }
        try bridge.shutdown()

        let names = ExportDirectory.FileNames()
        func read(_ name: String) throws -> String {
            try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(try read(names.prometheus).contains(#"operation="image.resize""#))
        let snapshot = try CollectorSnapshot(jsonData: Data(try read(names.snapshot).utf8))
        #expect(snapshot.operations.first { $0.name == "image.resize" }?.calls == 1)
        #expect(snapshot.operations.first { $0.name == "kv.get" }?.errors == 1)
        // Span export is on: both calls' spans are in the traces file, the failed one by trace id.
        let traces = try read(names.traces)
        #expect(traces.contains(#""name":"image.resize""#) && traces.contains(#""name":"image.scale""#))
        #expect(!failedTrace.isEmpty && traces.contains(failedTrace))
        #expect(try read(names.metrics).contains("image.resize"))
        // The failure's error record went to the OTLP logs file.
        let logs = try read(names.logs)
        #expect(logs.contains("resourceLogs") && logs.contains(failedTrace))
        #expect(bridge.exporter?.failures == [])
        #expect(bridge.exporter?.exportedSpans.written ?? 0 >= 2)
    }

    @Test("an export directory that is a file is refused at start, naming the path; nothing stays open")
    func exportDirectoryRefused() throws {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("obsbridge-not-a-dir-\(UInt64.random(in: 1...UInt64.max))")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try Bridge.start(.init(exportDirectory: file.path))
            Issue.record("a bridge started with a file as its export directory")
        } catch {
            #expect(error.status == .invalidArgument)
            #expect(error.message.contains(file.path) && error.message.contains("not a directory"))
        }
        let bridge = try Bridge.start()
        try bridge.shutdown()
    }
}

extension BridgeTests {
    @Test(
        "GracefulStop: on its signal, the drain runs first, then the bridge shuts down and exports, then afterShutdown")
    func gracefulStopOrder() throws {
        // SIGUSR2 stands for SIGTERM here, so that the test process survives; the CLI test sends
        // a real SIGTERM to a child process.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("obsbridge-stop-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bridge = try Bridge.start(.init(exportDirectory: directory.path))
        defer { try? bridge.shutdown() }
        let demo = try DemoNative(bridge: bridge)
        _ = try demo.resize(width: 8, height: 8)
        let events = Mutex<[String]>([])
        let stop = GracefulStop.install(
            bridge, signals: [SIGUSR2],
            beforeShutdown: { signal in
                events.withLock { $0.append("drain \(signal) running=\(bridge.isRunning)") }
            },
            afterShutdown: { signal in
                let exported = FileManager.default.fileExists(
                    atPath: directory.appendingPathComponent(ExportDirectory.FileNames().snapshot).path)
                events.withLock { $0.append("after \(signal) running=\(bridge.isRunning) exported=\(exported)") }
            })
        defer { stop.cancel() }
        #expect(stop.received == nil)
        kill(getpid(), SIGUSR2)
        let finished = waitUntil(seconds: 60) { events.withLock { $0.count } == 2 }
        #expect(finished)
        #expect(stop.received == SIGUSR2)
        #expect(
            events.withLock { $0 }
                == ["drain \(SIGUSR2) running=true", "after \(SIGUSR2) running=false exported=true"])
    }
}
