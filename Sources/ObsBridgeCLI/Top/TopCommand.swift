import Foundation
import ObsCollector
import ObsViewer

/// `obsbridge top [SNAPSHOT]`: the live view over a snapshot file another process writes.
enum TopCommand {
    static let help = """
        USAGE: obsbridge top [SNAPSHOT] [--once] [--refresh S]

        Shows per-operation calls/s, errors, p50, p90, p99, max and a latency distribution from a
        JSON snapshot that a running program writes (for example `obsbridge demo --snapshot
        PATH`), refreshed about once a second. Default SNAPSHOT: obsbridge-snapshot.json.
        Keys: n c e 5 9 p m sort by name, calls/s, errors, p50, p90, p99, max; q quits.
        When standard output is not a terminal, prints a plain table each refresh.

        OPTIONS:
          --once        print the table once and exit
          --refresh S   seconds between refreshes (default 1)
        """

    static func run(_ arguments: [String]) async throws -> Int32 {
        let options = try Arguments(arguments, valueFlags: ["--refresh"], switchFlags: ["--once"])
        if options.has("--help") {
            Output.line(help)
            return 0
        }
        guard options.positionals.count <= 1 else { throw UsageError("expected at most one SNAPSHOT") }
        let path = options.positionals.first ?? "obsbridge-snapshot.json"
        let refresh = try options.double("--refresh", default: 1, range: 0.1...3600)
        let read: @Sendable () -> Result<CollectorSnapshot, SnapshotReadError> = {
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(SnapshotReadError(description: "cannot read \(path) (not written yet?)"))
            }
            return Result { () throws(SnapshotReadError) in try CollectorSnapshot(jsonData: data) }
        }
        if options.has("--once") {
            switch read() {
            case .success(let snapshot):
                let lines = TopScreen(title: "obsbridge top \(path)").lines(
                    current: snapshot, previous: nil, width: TerminalSize.columns, height: 1000)
                Output.line(lines.joined(separator: "\n"))
                return 0
            case .failure(let error):
                throw CommandFailure(error.description)
            }
        }
        let view = LiveView(title: "obsbridge top \(path)", refreshNanoseconds: UInt64(refresh * 1e9))
        await view.run(read)
        return 0
    }
}
