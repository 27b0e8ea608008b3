import Foundation
import ObsCollector
import ObsViewer

/// `obsbridge top [SNAPSHOT]`: the live view over a snapshot file another process writes, or
/// `obsbridge top --replay FILE`: a recording replayed through the same view.
enum TopCommand {
    static let help = """
        USAGE: obsbridge top [SNAPSHOT] [--once] [--refresh S] [--stale S]
               obsbridge top --replay FILE [--speed N] [--refresh S]

        Shows per-operation calls/s, errors, p50, p90, p99, max and a latency distribution from a
        JSON snapshot that a running program writes (for example `obsbridge demo --snapshot
        PATH`), refreshed about once a second. Default SNAPSHOT: obsbridge-snapshot.json.
        When the snapshot stops changing (the writer stopped or hangs), the view says STALE and
        shows no rates, instead of 0 calls/s.

        --replay FILE plays an OTLP JSON Lines recording (`--otlp PATH --otlp-spans all`, `-` for
        standard input) through the same view, on the recording's clock: calls/s are the
        recording's. When standard output is not a terminal it prints a table each refresh and
        stops at the end of the recording; on a terminal the last screen stays until q.

        Keys: n c e 5 9 p m sort by name, calls/s, errors, p50, p90, p99, max; q quits.
        When standard output is not a terminal, prints a plain table each refresh.

        OPTIONS:
          --once        print the table once and exit
          --refresh S   seconds between refreshes (default 1)
          --stale S     call the snapshot stale after S seconds without a change (default 5)
          --replay FILE replay a recording instead of following a snapshot
          --speed N     replay at N times the recording's speed (default 1)
        """

    static func run(_ arguments: [String]) async throws -> Int32 {
        let options = try Arguments(
            arguments, valueFlags: ["--refresh", "--stale", "--replay", "--speed"], switchFlags: ["--once"])
        if options.has("--help") {
            Output.line(help)
            return 0
        }
        let refresh = try options.double("--refresh", default: 1, range: 0.01...3600)
        if let recording = options.string("--replay") {
            guard options.positionals.isEmpty else {
                throw UsageError("--replay takes the recording; give no SNAPSHOT")
            }
            return try await replay(
                recording, speed: try options.double("--speed", default: 1, range: 0.001...1e9), refresh: refresh)
        }
        guard options.string("--speed") == nil else { throw UsageError("--speed goes with --replay") }
        guard options.positionals.count <= 1 else { throw UsageError("expected at most one SNAPSHOT") }
        let path = options.positionals.first ?? "obsbridge-snapshot.json"
        let stale = try options.double("--stale", default: 5, range: 0.1...86_400)
        let read: @Sendable () -> Result<CollectorSnapshot, SnapshotReadError> = {
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(SnapshotReadError(description: "cannot read \(path) (not written yet?)"))
            }
            return Result { () throws(SnapshotReadError) in try CollectorSnapshot(jsonData: data) }
        }
        let freshness = Locked(SnapshotFreshness(staleAfterSeconds: stale))
        let frame: @Sendable () -> Result<LiveView.Frame, SnapshotReadError> = {
            read().map { snapshot in
                let staleSeconds = freshness.withLock {
                    $0.observe(
                        snapshot, monotonicNow: UnixTime.monotonicNanoseconds(), wallNow: UnixTime.nowNanoseconds())
                }
                return LiveView.Frame(snapshot: snapshot, staleSeconds: staleSeconds)
            }
        }
        if options.has("--once") {
            switch frame() {
            case .success(let current):
                let lines = TopScreen(title: "obsbridge top \(path)").lines(
                    current: current.snapshot, previous: nil, width: Output.isTerminal ? TerminalSize.columns : nil,
                    height: 1000,
                    staleSeconds: current.staleSeconds)
                Output.line(lines.joined(separator: "\n"))
                return 0
            case .failure(let error):
                throw CommandFailure(error.description)
            }
        }
        let view = LiveView(title: "obsbridge top \(path)", refreshNanoseconds: UInt64(refresh * 1e9))
        await view.run(frame)
        return 0
    }

    /// Replays `path` through the live view.
    static func replay(_ path: String, speed: Double, refresh: Double) async throws -> Int32 {
        let replay: RecordingReplay
        do {
            switch try Recording.open(path: path) {
            case .snapshot:
                throw CommandFailure(
                    "\(TerminalText.neutralize(path)) is a snapshot, one moment: show it with `obsbridge top "
                        + "\(TerminalText.neutralize(path)) --once`; --replay needs an OTLP recording")
            case .otlp(let stream):
                replay = RecordingReplay(stream, speed: speed)
            }
        } catch let error as RecordingError {
            throw CommandFailure(error.description)
        }
        let state = Locked(ReplayState(replay: replay, started: UnixTime.monotonicNanoseconds()))
        let frame: @Sendable () -> Result<LiveView.Frame, SnapshotReadError> = {
            state.withLock { state in
                do {
                    let snapshot = try state.replay.snapshot(
                        atRealElapsed: UnixTime.monotonicNanoseconds() - state.started)
                    return .success(
                        LiveView.Frame(
                            snapshot: snapshot, notice: state.notice(snapshot), finished: state.replay.finished))
                } catch {
                    return .failure(SnapshotReadError(description: "\(error)"))
                }
            }
        }
        let name = path == "-" ? "standard input" : path
        let view = LiveView(title: "obsbridge top --replay \(name)", refreshNanoseconds: UInt64(refresh * 1e9))
        await view.run(frame)
        let warnings = state.withLock { $0.replay.diagnostics.warnings }
        for warning in warnings { Output.error("obsbridge top: warning: \(warning)") }
        return 0
    }
}

/// A replay and the real time it began, used under one lock by the view's refreshes.
struct ReplayState: ~Copyable {
    // The replay is a class used by one refresh at a time, under the lock that holds this state.
    nonisolated(unsafe) let replay: RecordingReplay
    let started: UInt64

    /// The line under the title: speed, the recording's time, and whether it is over.
    func notice(_ snapshot: CollectorSnapshot) -> String {
        let speed = replay.speed == replay.speed.rounded() ? String(Int(replay.speed)) : String(replay.speed)
        let elapsed = Double(snapshot.generatedAtUnixNano &- snapshot.startedAtUnixNano) / 1e9
        var line =
            "replay ×\(speed): recording time \(TopScreen.clock(snapshot.generatedAtUnixNano)) UTC, "
            + "\(String(format: "%.1f", elapsed)) s in, \(replay.spansReplayed) spans"
        if replay.finished { line += "; end of the recording (q quits)" }
        return line
    }
}
