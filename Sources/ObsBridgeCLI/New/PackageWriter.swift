import Foundation
import ObsCollector

/// Writes ``PackageTemplate`` for one name and ObsBridge source into a new directory.
enum PackageWriter {
    /// The template's placeholders and their values for `name` and `source`, for a package at
    /// `destination`.
    static func substitutions(name: PackageName, source: ObsBridgeSource, destination: URL) -> [String: String] {
        [
            "{{Name}}": name.swift,
            "{{CName}}": name.cModule,
            "{{crate}}": name.rust,
            "{{CRATE}}": name.macro,
            "{{swiftDependency}}": source.swiftDependency(from: destination),
            "{{swiftPackage}}": source.swiftPackage,
            "{{cargoDependency}}": source.cargoDependency(from: destination),
            "{{dependencyNote}}": source.note(from: destination),
        ]
    }

    /// `text` with every placeholder replaced.
    static func fill(_ text: String, _ substitutions: [String: String]) -> String {
        substitutions.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }

    /// Writes every file into `destination`, which must not exist or be an empty directory. The
    /// files are written into a sibling temporary directory first and moved into place at the end
    /// (into the empty directory, which is kept, if there is one), so a failure leaves nothing
    /// half-written.
    ///
    /// - Returns: The paths written, relative to `destination`.
    /// - Throws: ``NewPackageError`` if `destination` is taken or a write fails.
    static func write(name: PackageName, source: ObsBridgeSource, to destination: URL) throws -> [String] {
        let files = FileManager.default
        let shown = TerminalText.neutralize(destination.path)
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw NewPackageError("\(shown) exists and is a file; choose another NAME or --output DIR")
            }
            let entries = (try? files.contentsOfDirectory(atPath: destination.path)) ?? []
            guard entries.isEmpty else {
                throw NewPackageError(
                    "\(shown) exists and is not empty (\(entries.count) entries); refusing to write into it. "
                        + "Choose another NAME or --output DIR")
            }
        }
        let parent = destination.deletingLastPathComponent()
        guard files.fileExists(atPath: parent.path) else {
            throw NewPackageError("the parent directory \(TerminalText.neutralize(parent.path)) does not exist")
        }
        let substitutions = substitutions(name: name, source: source, destination: destination)
        let staging = parent.appending(path: ".\(destination.lastPathComponent).obsbridge-new-\(getpid())")
        try? files.removeItem(at: staging)
        var written: [String] = []
        do {
            for (template, contents) in PackageTemplate.files {
                let path = fill(template, substitutions)
                let url = staging.appending(path: path)
                try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(fill(contents, substitutions).utf8).write(to: url, options: .withoutOverwriting)
                written.append(path)
            }
            if files.fileExists(atPath: destination.path) {
                // An empty directory stays (it may be someone's current directory): fill it.
                for entry in try files.contentsOfDirectory(atPath: staging.path) {
                    try files.moveItem(at: staging.appending(path: entry), to: destination.appending(path: entry))
                }
                try files.removeItem(at: staging)
            } else {
                try files.moveItem(at: staging, to: destination)
            }
        } catch {
            try? files.removeItem(at: staging)
            throw NewPackageError("cannot write the package to \(shown): \(error.localizedDescription)")
        }
        return written
    }
}
