import ObsCollector
import ObsViewer
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The live terminal view: redraws about once a second from a snapshot provider, reads single keys
/// (sort keys, `q` to quit), and restores the terminal when it stops.
///
/// On a terminal it uses the alternate screen and raw keyboard input; otherwise it prints a plain
/// table each refresh. Threads: `run` on one task; `stop` and `quitRequested` from anywhere.
final class LiveView: Sendable {
    private let title: String
    private let interactive: Bool
    private let stopped = Atomic<Bool>(false)
    private let quit = Atomic<Bool>(false)
    private let refreshNanoseconds: UInt64

    init(title: String, refreshNanoseconds: UInt64 = 1_000_000_000) {
        self.title = title
        self.interactive = isatty(STDOUT_FILENO) == 1 && isatty(STDIN_FILENO) == 1
        self.refreshNanoseconds = refreshNanoseconds
    }

    /// Whether the person pressed `q` (or Ctrl-C).
    var quitRequested: Bool { quit.load(ordering: .relaxed) }

    /// Ends `run` at its next tick.
    func stop() { stopped.store(true, ordering: .relaxed) }

    /// What the view shows at one refresh.
    struct Frame {
        /// The state.
        var snapshot: CollectorSnapshot
        /// A line under the title (a replay's progress).
        var notice: String?
        /// Seconds the snapshot has been unchanged, once that makes it stale.
        var staleSeconds: Double?
        /// Whether nothing will change any more (a replay that reached its end): the view then
        /// stops by itself when it is not on a terminal.
        var finished = false
    }

    /// Draws until stopped or quit. `snapshot` returns the state to show, or a message when it
    /// cannot be read right now (the view keeps trying).
    func run(_ snapshot: @Sendable () -> CollectorSnapshot) async {
        await run { () -> Result<Frame, SnapshotReadError> in .success(Frame(snapshot: snapshot())) }
    }

    /// Draws frames until stopped or quit (or, off a terminal, until a frame is ``Frame/finished``).
    ///
    /// Rates compare the frame with the last one whose `generated_at` differed, so a snapshot read
    /// twice between two writes never shows 0 calls/s.
    func run(_ frame: @Sendable () -> Result<Frame, SnapshotReadError>) async {
        var screen = TopScreen(title: title)
        var previous: CollectorSnapshot?
        var shown: Frame?
        let terminal = interactive ? RawTerminal() : nil
        if terminal != nil { Output.out("\u{1B}[?1049h\u{1B}[?25l") }
        defer {
            if let terminal {
                Output.out("\u{1B}[?25h\u{1B}[?1049l")
                terminal.restore()
            }
        }
        var nextDraw: UInt64 = 0
        var finished = false
        while !stopped.load(ordering: .relaxed), !quit.load(ordering: .relaxed) {
            if let terminal {
                while let key = terminal.readKey() {
                    if key == "q" || key == "\u{03}" || key == "Q" {
                        quit.store(true, ordering: .relaxed)
                    } else if let sort = TopScreen.SortKey(key: key) {
                        screen.sort = sort
                        nextDraw = 0
                    }
                }
                if quit.load(ordering: .relaxed) { break }
            }
            let now = UnixTime.monotonicNanoseconds()
            if now >= nextDraw, !finished || nextDraw == 0 {
                nextDraw = now + refreshNanoseconds
                let size = TerminalSize.size()
                var lines: [String]
                switch frame() {
                case .success(let current):
                    if let last = shown, last.snapshot.generatedAtUnixNano != current.snapshot.generatedAtUnixNano {
                        previous = last.snapshot
                    }
                    lines = screen.lines(
                        current: current.snapshot, previous: previous, width: size.columns, height: size.rows,
                        notice: current.notice, staleSeconds: current.staleSeconds)
                    if shown?.snapshot.generatedAtUnixNano != current.snapshot.generatedAtUnixNano {
                        shown = current
                    }
                    finished = current.finished
                case .failure(let error):
                    lines = [TerminalText.neutralize(title), "waiting: \(TerminalText.neutralize(error.description))"]
                }
                if terminal != nil {
                    Output.out("\u{1B}[H\u{1B}[2J" + lines.joined(separator: "\r\n"))
                } else {
                    Output.out(lines.joined(separator: "\n") + "\n\n")
                    if finished { break }
                }
            }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
    }
}

/// Standard input switched to raw, non-blocking key reading; `restore` puts it back.
final class RawTerminal: Sendable {
    private let saved: termios?

    init() {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else {
            saved = nil
            return
        }
        saved = original
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        raw.c_cc.6 = 0  // VMIN
        raw.c_cc.5 = 0  // VTIME
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
    }

    /// One key if one is waiting.
    func readKey() -> Character? {
        var byte: UInt8 = 0
        var poller = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 0) > 0, read(STDIN_FILENO, &byte, 1) == 1 else { return nil }
        return Character(Unicode.Scalar(byte))
    }

    func restore() {
        guard var saved else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }
}
