#if canImport(Glibc)
import Glibc
#endif

/// The terminal's size, with defaults when standard output is not a terminal.
enum TerminalSize {
    static var columns: Int { size().columns }
    static var rows: Int { size().rows }

    static func size() -> (columns: Int, rows: Int) {
        var window = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 {
            return (Int(window.ws_col), Int(window.ws_row))
        }
        let columns = getenv("COLUMNS").flatMap { Int(String(cString: $0)) } ?? 100
        let rows = getenv("LINES").flatMap { Int(String(cString: $0)) } ?? 40
        return (columns, rows)
    }
}
