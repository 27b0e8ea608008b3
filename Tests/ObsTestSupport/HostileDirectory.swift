package import Foundation

/// A world-writable directory without the sticky bit (so the kernel's `protected_symlinks`, which
/// guards only sticky ones, does not apply) beside a directory of victim files, for tests that
/// plant links where a writer will look and then prove that no victim changed.
///
/// Links are planted owned by another user (`nobody`, 65534) when the test runs as root, as an
/// attacker's would be.
package struct HostileDirectory {
    /// Everything, removed by ``remove()``.
    package let root: URL
    /// The shared directory the writers write into (mode 0777, no sticky bit).
    package let shared: String
    /// The directory of files an attacker wants overwritten.
    package let victims: String
    /// Existing victim files.
    package let victimFiles: [String]

    /// One file's observable state, without following links.
    package struct Entry: Equatable, CustomStringConvertible {
        var mode: UInt32
        var owner: UInt32
        var links: UInt64
        var size: Int64
        var modified: Int
        var contents: Data?

        package var description: String { "mode \(String(mode, radix: 8)) size \(size) links \(links)" }
    }

    /// Creates the directories and two victim files (one private).
    package init() throws {
        root = try CommandRunner.temporaryDirectory()
        shared = root.appendingPathComponent("shared").path
        victims = root.appendingPathComponent("victims").path
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: victims, withIntermediateDirectories: false)
        guard chmod(shared, 0o777) == 0 else { throw POSIXError(.EPERM) }
        victimFiles = [victims + "/passwd", victims + "/private.key"]
        try "root:x:0:0:root:/root:/bin/bash\n".write(toFile: victimFiles[0], atomically: false, encoding: .utf8)
        try "-----BEGIN PRIVATE KEY-----\n".write(toFile: victimFiles[1], atomically: false, encoding: .utf8)
        chmod(victimFiles[1], 0o600)
    }

    /// Plants a symbolic link at `name` in the shared directory, alternately to an existing victim
    /// and to a victim that does not exist yet (which a writer following the link would create).
    package func plantLink(_ name: String, index: Int = 0) {
        let target = index % 2 == 0 ? victimFiles[index / 2 % victimFiles.count] : victims + "/created-\(index)"
        let path = shared + "/" + name
        symlink(target, path)
        if geteuid() == 0 { lchown(path, 65534, 65534) }
    }

    /// Every entry of the victims directory, by name.
    package func victimState() -> [String: Entry] {
        var state: [String: Entry] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: victims)) ?? [] {
            let path = victims + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            state[name] = Entry(
                mode: UInt32(info.st_mode), owner: info.st_uid, links: UInt64(info.st_nlink),
                size: Int64(info.st_size),
                modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec),
                contents: FileManager.default.contents(atPath: path))
        }
        return state
    }

    /// The type of what is at `name` in the shared directory, without following a link.
    package func fileType(_ name: String) -> mode_t? {
        var info = stat()
        return lstat(shared + "/" + name, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// Removes everything.
    package func remove() { try? FileManager.default.removeItem(at: root) }
}
