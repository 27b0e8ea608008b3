import Foundation
import ObsCollector
import ObsTestSupport
import Testing

/// Links, hard links, FIFOs and other users' files planted at every name a writer could use, in a
/// world-writable directory without the sticky bit, as root (the tests run as root here): no file
/// outside the export files changes, and modes never widen.
@Suite("Safe file writes in hostile directories")
struct SafeFileWriteTests {
    @Test("an atomic write replaces a link planted at the file name and never writes through it")
    func atomicWriteReplacesPlantedLink() throws {
        let hostile = try HostileDirectory()
        defer { hostile.remove() }
        hostile.plantLink("metrics.prom", index: 0)
        // The names the writer before 0.2.0 used (`.<name>.tmp.<pid>.<n>`), to existing and new victims.
        for sequence in 0...64 { hostile.plantLink(".metrics.prom.tmp.\(getpid()).\(sequence)", index: sequence) }
        let before = hostile.victimState()
        let path = hostile.shared + "/metrics.prom"
        try AtomicFileWriter.write("obsbridge_up 1\n", to: path)
        try AtomicFileWriter.write("obsbridge_up 2\n", to: path)
        #expect(hostile.victimState() == before, "a victim changed")
        #expect(hostile.fileType("metrics.prom") == S_IFREG, "the export file is a regular file, not a link")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "obsbridge_up 2\n")
    }

    @Test("temporary files are created exclusively: links, hard links and FIFOs at the very names tried are skipped")
    func temporaryNamesAreExclusive() throws {
        let hostile = try HostileDirectory()
        defer { hostile.remove() }
        // An attacker who guessed every name the writer will try but the last.
        let guessed = (0..<6).map { ".out.prom.tmp.guessed\($0)" }
        for (index, name) in guessed.prefix(4).enumerated() { hostile.plantLink(name, index: index) }
        link(hostile.victimFiles[0], hostile.shared + "/" + guessed[4])  // a hard link to a victim
        mkfifo(hostile.shared + "/" + guessed[5], 0o666)
        let before = hostile.victimState()
        var tried: [String] = []
        try AtomicFileWriter.write("fresh\n", to: hostile.shared + "/out.prom", permissions: 0o644) { _ in
            tried.append(tried.count < guessed.count ? guessed[tried.count] : ".out.prom.tmp.free")
            return tried.last!
        }
        #expect(tried.count == guessed.count + 1, "each planted name was refused, then a free one used: \(tried)")
        #expect(hostile.victimState() == before, "a victim changed")
        #expect(try String(contentsOfFile: hostile.shared + "/out.prom", encoding: .utf8) == "fresh\n")
        #expect(hostile.fileType(".out.prom.tmp.free") == nil, "the temporary file was renamed away")

        // Every name taken: the write fails, clearly, and still changes nothing.
        #expect(throws: FileOutputError.self) {
            try AtomicFileWriter.write("x", to: hostile.shared + "/out.prom", permissions: 0o644) { _ in guessed[0] }
        }
        #expect(hostile.victimState() == before)
        #expect(try String(contentsOfFile: hostile.shared + "/out.prom", encoding: .utf8) == "fresh\n")
    }

    @Test("temporary names are unpredictable: 64 random bits each, nothing derived from the process")
    func temporaryNamesAreRandom() {
        let names = (0..<1000).map { _ in AtomicFileWriter.randomHex() }
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isHexDigit) })
        for position in 0..<16 {
            let digits = Set(names.map { Array($0)[position] })
            #expect(digits.count == 16, "digit \(position) takes only \(digits.count) values")
        }
    }

    @Test("a replaced file never gets a permission it did not have; new files get the mode asked for")
    func modesDoNotWiden() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/snapshot.json"
        try AtomicFileWriter.write("{}\n", to: path, permissions: 0o640)
        #expect(try mode(path) & 0o007 == 0, "a new snapshot is not world-readable")
        chmod(path, 0o600)
        try AtomicFileWriter.write("{}\n", to: path, permissions: 0o644)
        #expect(try mode(path) & ~0o600 == 0, "replacing a 0600 file kept it private")

        let log = directory.path + "/logs.jsonl"
        let appender = LineAppender(destination: .file(log))
        #expect(appender.append("{}\n", records: 1))
        #expect(try mode(log) & 0o007 == 0, "a new log file is not world-readable unless asked")
        let open = directory.path + "/open.jsonl"
        #expect(LineAppender(destination: .file(open), permissions: 0o644).append("{}\n", records: 1))
        #expect(try mode(open) == 0o644 & ~processUmask(), "asked for 0644")
    }

    @Test("an appended file is never a link, a hard link, a FIFO or another user's file")
    func appenderRefusesPlantedFiles() throws {
        let hostile = try HostileDirectory()
        defer { hostile.remove() }
        hostile.plantLink("link.jsonl", index: 0)
        hostile.plantLink("dangling.jsonl", index: 1)
        link(hostile.victimFiles[1], hostile.shared + "/hardlink.jsonl")
        mkfifo(hostile.shared + "/fifo.jsonl", 0o666)
        let foreign = hostile.shared + "/foreign.jsonl"
        _ = FileManager.default.createFile(atPath: foreign, contents: Data())
        chmod(foreign, 0o666)
        chown(foreign, 65534, 65534)
        let before = hostile.victimState()
        let cases: [(String, String)] = [
            ("link.jsonl", "symbolic link"), ("dangling.jsonl", "symbolic link"),
            ("hardlink.jsonl", "hard links"), ("fifo.jsonl", "FIFO"), ("foreign.jsonl", "belongs to user 65534"),
        ]
        for (name, reason) in cases {
            if name == "foreign.jsonl", geteuid() == 65534 { continue }
            let appender = LineAppender(destination: .file(hostile.shared + "/" + name))
            #expect(appender.append("{\"secret\":1}\n", records: 1) == false, "\(name) was appended to")
            #expect(appender.statistics.lostRecords == 1 && appender.statistics.lostBytes == 13)
            #expect(appender.lastFailure?.contains(reason) == true, "\(name): \(appender.lastFailure ?? "")")
        }
        #expect(hostile.victimState() == before, "a victim changed")
        // (Its size, not its contents: Foundation leaks the buffer of an empty file it reads.)
        #expect(try FileManager.default.attributesOfItem(atPath: foreign)[.size] as? UInt64 == 0)
    }

    @Test("a link planted where the appended file was, after it was opened, is not followed")
    func appenderNoticesSwappedPath() throws {
        let hostile = try HostileDirectory()
        defer { hostile.remove() }
        let path = hostile.shared + "/logs.jsonl"
        let appender = LineAppender(destination: .file(path))
        #expect(appender.append("one\n", records: 1))
        try FileManager.default.removeItem(atPath: path)
        hostile.plantLink("logs.jsonl", index: 0)
        let before = hostile.victimState()
        #expect(appender.append("two\n", records: 1) == false)
        #expect(hostile.victimState() == before)
        #expect(appender.statistics.reopens == 1)
    }

    @Test("rotation renames over links planted at the backup names and never follows them")
    func rotationIgnoresPlantedBackups() throws {
        let hostile = try HostileDirectory()
        defer { hostile.remove() }
        let path = hostile.shared + "/otlp.jsonl"
        for index in 1...4 { hostile.plantLink("otlp.jsonl.\(index)", index: index) }
        let before = hostile.victimState()
        let appender = LineAppender(destination: .file(path), rotation: FileRotation(maxBytes: 100, backups: 3))
        for round in 0..<20 {
            #expect(appender.append(String(repeating: "x", count: 59) + "\(round % 10)\n", records: 1))
        }
        #expect(hostile.victimState() == before, "a victim changed")
        for name in ["otlp.jsonl", "otlp.jsonl.1", "otlp.jsonl.2", "otlp.jsonl.3"] {
            #expect(hostile.fileType(name) == S_IFREG, "\(name) is not a regular file")
        }
        #expect(hostile.fileType("otlp.jsonl.4") == S_IFLNK, "a name beyond the backups is left alone")
    }

    private func mode(_ path: String) throws -> mode_t {
        var info = stat()
        guard stat(path, &info) == 0 else { throw POSIXError(.ENOENT) }
        return info.st_mode & 0o777
    }

    /// The process's umask, read without changing it.
    private func processUmask() -> mode_t {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("Umask:") }
        return line.flatMap { mode_t($0.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) } ?? 0o022
    }
}
