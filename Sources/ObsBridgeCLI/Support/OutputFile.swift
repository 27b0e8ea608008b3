import ObsCollector

/// Where a command writes a file it makes (`-o PATH`): the path, atomically and safely (the
/// collector's ``AtomicFileWriter``), or standard output for `-`.
enum OutputFile {
    /// Writes `contents` to `path`.
    ///
    /// - Throws: ``CommandFailure`` naming the path and the step that failed.
    static func write(_ contents: String, to path: String) throws {
        if path == "-" {
            Output.out(contents)
            return
        }
        do {
            try AtomicFileWriter.write(contents, to: path)
        } catch {
            throw CommandFailure("cannot write \(TerminalText.neutralize(path)): \(error)")
        }
    }

    /// Where messages about the file go: standard error when the file itself goes to standard output.
    static func say(_ text: String, writingTo path: String) {
        if path == "-" { Output.error(text) } else { Output.line(text) }
    }
}
