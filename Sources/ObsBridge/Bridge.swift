import CObsBridge
public import ObsCollector
import Synchronization

/// The process's bridge to an instrumented native library: opens the native side, runs the
/// ``Collector`` that drains it, and wraps native calls (``trace(_:parent:_:)``) and Swift scopes
/// (``span(_:parent:_:)``) in spans.
///
/// One bridge may be open per process at a time. Threads: every method may be called from any
/// thread or task. Lifecycle: ``start(_:)`` checks the native ABI version and opens the native side;
/// ``shutdown()`` drains everything recorded so far into the collector and closes it. After a
/// shutdown (or a failed start), ``start(_:)`` may be called again.
public final class Bridge: Sendable {
    /// Options for ``start(_:)``.
    public struct Configuration: Sendable {
        /// Span records per producing thread's ring (rounded up to a power of two, at most 2^20),
        /// 64 bytes each. The default, 262,144, is 16 MiB of address space per thread, of which
        /// only the pages a thread has written are resident (a thread that recorded one span holds
        /// 4 KiB). A thread cycles through a hot lane of ``ringHotCapacity`` records while the
        /// collector keeps up, and writes the rest only while the collector is behind; the
        /// collector is woken when the hot lane is a quarter full. A thread's ring is made at its
        /// first span with the capacity of the bridge open then, and kept for the thread's life.
        /// See the guide's "Sizing".
        public var ringCapacity: UInt32 = Native.defaultRingCapacity
        /// Records in a ring's hot lane at most (half the ring when it is smaller): 32,768, 2 MiB
        /// of slots that stay in the caches while the collector keeps up.
        public static let ringHotCapacity: UInt32 = Native.ringHotCapacity
        /// Error records held for the collector (552 bytes each, allocated as they arrive; at most
        /// 2^20); the collector is woken when a quarter are waiting. Default 32,768 (18 MB at most,
        /// kept once allocated): 150 ms of failures at 220,000 a second.
        public var errorCapacity: UInt32 = Native.defaultErrorCapacity
        /// How the collector drains, logs and keeps spans for export.
        public var collector = Collector.Configuration()
        /// Whether ``start(_:)`` starts the collector's background thread. Without it, call
        /// ``Collector/drainNow()`` yourself.
        public var startsCollectorThread = true
        /// Where ``start(_:)`` writes every export (Prometheus text, the snapshot, OTLP traces,
        /// metrics and logs), periodically and at ``shutdown()``; `nil` writes none. Its span export
        /// policy and OTLP logs file replace ``collector``'s `spanExport` and join its `logSink`.
        public var exports: ExportDirectory?

        /// The defaults.
        public init() {}

        /// The defaults, with every export written to `exportDirectory` (see ``ExportDirectory``
        /// for the file names, interval, span export policy and rotation).
        public init(exportDirectory: String) {
            exports = ExportDirectory(path: exportDirectory)
        }
    }

    /// The collector draining this bridge.
    public let collector: Collector
    /// The rules applied to error messages before they are thrown.
    public let sanitizer: Sanitizer
    /// The exporter writing ``Configuration/exports``, if configured: its ``PeriodicExporter/failures``,
    /// ``PeriodicExporter/exportedSpans`` and ``PeriodicExporter/reopen()`` (for logrotate).
    public let exporter: PeriodicExporter?
    let handle: obsb_bridge_handle
    private let isOpen = Atomic<Bool>(true)

    private init(
        handle: obsb_bridge_handle, collector: Collector, sanitizer: Sanitizer, exporter: PeriodicExporter?
    ) {
        self.handle = handle
        self.collector = collector
        self.sanitizer = sanitizer
        self.exporter = exporter
    }

    deinit {
        if isOpen.load(ordering: .acquiring) { try? shutdown() }
    }

    /// Opens the native side and starts the collector.
    ///
    /// - Throws: ``BridgeError`` with `.abiMismatch` when the linked native library speaks another
    ///   ABI version (rebuild one side), or when another instrumented library in the process was
    ///   built on another ABI version (the message names it and both versions); `.alreadyOpen`
    ///   when a bridge is open in this process; `.invalidArgument` when the export directory
    ///   cannot be created or is not a directory.
    public static func start(_ configuration: Configuration = Configuration()) throws(BridgeError)
        -> Bridge
    {
        try start(configuration, abiVersion: Native.headerABIVersion)
    }

    /// ``start(_:)`` as if this Swift code had been compiled against `abiVersion`: the test hook for
    /// the ABI check.
    package static func start(_ configuration: Configuration, abiVersion: UInt32) throws(BridgeError)
        -> Bridge
    {
        let native = Native.abiVersion()
        if let exports = configuration.exports {
            do throws(FileOutputError) {
                try exports.prepare()
            } catch {
                throw BridgeError(status: .invalidArgument, message: "cannot start ObsBridge: \(error.description)")
            }
        }
        // Another library's copy on another ABI first: it names the library, where the version
        // check below could only name whichever copy the linker bound.
        if let error = conflictError() { throw error }
        guard native == abiVersion else {
            throw BridgeError(
                status: .abiMismatch,
                message: "the native library speaks ObsBridge ABI version \(native), but this "
                    + "Swift code was built for version \(abiVersion); rebuild the "
                    + "native library and the Swift package from the same ObsBridge release")
        }
        let handle: obsb_bridge_handle
        switch Native.open(
            abiVersion: abiVersion, ringCapacity: configuration.ringCapacity,
            errorCapacity: configuration.errorCapacity)
        {
        case .success(let opened): handle = opened
        case .failure(let status):
            if status == .abiMismatch, let error = conflictError() { throw error }
            let reason =
                status == .alreadyOpen
                ? "a bridge is already open in this process; shut it down first"
                : "the native side refused to open"
            throw BridgeError(status: status, message: "cannot start ObsBridge: \(reason)")
        }
        var collectorConfiguration = configuration.collector
        collectorConfiguration.resource.abiVersion = native
        configuration.exports?.apply(to: &collectorConfiguration)
        let source = NativeSpanSource(
            handle: handle, batchCapacity: collectorConfiguration.batchCapacity)
        let collector = Collector(source: source, configuration: collectorConfiguration)
        if configuration.startsCollectorThread { collector.start() }
        let exporter = configuration.exports.map {
            PeriodicExporter(collector: collector, destinations: $0.destinations)
        }
        exporter?.start()
        return Bridge(
            handle: handle, collector: collector, sanitizer: collectorConfiguration.sanitizer, exporter: exporter)
    }

    /// The refusal for a copy of the obsbridge crate (another instrumented library in this process)
    /// that speaks another ABI version than the process's recorder, or `nil` when all agree.
    static func conflictError() -> BridgeError? {
        guard let conflict = Native.conflict() else { return nil }
        let library = TerminalText.neutralize(conflict.library)
        guard conflict.libraryVersion != conflict.recorderVersion else {
            // Same number, yet refused: its shared tables are smaller (a build from before this
            // ABI version was final) or joining failed.
            return BridgeError(
                status: .abiMismatch,
                message: "the native library \(library) speaks ObsBridge ABI version "
                    + "\(conflict.libraryVersion) like this process's recorder, but could not join it "
                    + "(its tables differ: it was built from another revision of that version); rebuild "
                    + "every instrumented library in one program from the same ObsBridge release")
        }
        return BridgeError(
            status: .abiMismatch,
            message: "the native library \(library) speaks ObsBridge ABI "
                + "version \(conflict.libraryVersion), but this process records with version "
                + "\(conflict.recorderVersion); build every instrumented library in one program on the "
                + "same ObsBridge ABI version")
    }

    /// Drains everything recorded so far into the collector, stops it, writes every configured
    /// export a last time (``exporter``; its failures stay in ``PeriodicExporter/failures``), and
    /// closes the native side. Later traced calls still run, but record nothing. Calling it twice
    /// does nothing.
    ///
    /// - Throws: ``BridgeError`` if the native side refuses to close (a forged handle).
    public func shutdown() throws(BridgeError) {
        guard isOpen.exchange(false, ordering: .acquiringAndReleasing) else { return }
        collector.shutdown()
        _ = exporter?.stopAndExportFinal()
        let status = Native.close(handle)
        guard status == .ok else {
            throw BridgeError(status: status, message: "cannot close the native bridge")
        }
    }

    /// Whether the bridge is open.
    public var isRunning: Bool { isOpen.load(ordering: .acquiring) }

    /// The clock spans are timed with: `"tsc"` or `"monotonic"`.
    public var clockSource: String { collector.source.clockSource }

    /// Registers an operation name once, for many traced calls.
    ///
    /// - Parameter name: 1 to 128 bytes of UTF-8; the same name always yields the same operation.
    /// - Throws: ``BridgeError`` for an empty or too long name, or a full callsite table.
    public func operation(_ name: String) throws(BridgeError) -> TracedOperation {
        try Self.operation(name)
    }

    /// Registers an operation name; needs no open bridge.
    public static func operation(_ name: String) throws(BridgeError) -> TracedOperation {
        switch Native.registerCallsite(name) {
        case .success(let id): return TracedOperation(id: id, name: name)
        case .failure(let status):
            let cut = name.count > 64
            let shown =
                TerminalText.neutralize(String(name.prefix(64))).debugDescription
                + (cut ? " (first 64 characters)" : "")
            let why =
                switch status {
                case .tooLong:
                    ": \(name.utf8.count) bytes, and an operation name holds 1 to "
                        + "\(OBSB_CALLSITE_NAME_CAPACITY) bytes of UTF-8 (name it by route template)"
                case .invalidArgument: ": an operation name is 1 to \(OBSB_CALLSITE_NAME_CAPACITY) bytes of UTF-8"
                default: ""
                }
            throw BridgeError(status: status, message: "cannot register operation \(shown)\(why)")
        }
    }
}
