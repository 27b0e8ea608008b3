import Foundation
import ObsCollector

/// Where a generated package gets ObsBridge: a local checkout (by path) or a git release.
enum ObsBridgeSource {
    /// A checkout on this machine: its root directory, absolute and standardized.
    case checkout(URL)
    /// A git repository and a release version (a tag of that name).
    case repository(url: String, version: String)

    /// Checks that `directory` is an ObsBridge checkout (its Package.swift and the `obsbridge` crate).
    ///
    /// - Throws: ``NewPackageError`` naming what is missing.
    static func validatedCheckout(_ directory: URL) throws(NewPackageError) -> ObsBridgeSource {
        let root = directory.resolvingSymlinksInPath()
        for required in ["Package.swift", "rust/obsbridge/Cargo.toml", "Plugins/RustBuild/RustBuild.swift"] {
            guard FileManager.default.fileExists(atPath: root.appending(path: required).path) else {
                throw NewPackageError(
                    "--obsbridge-path \(TerminalText.neutralize(directory.path)) is not an ObsBridge checkout: "
                        + "it has no \(required)")
            }
        }
        return .checkout(root)
    }

    /// Checks a repository URL and version: no quotes, spaces or control characters (they are
    /// written into Package.swift and Cargo.toml), and neither empty.
    ///
    /// - Throws: ``UsageError`` naming the bad value.
    static func validatedRepository(url: String, version: String) throws(UsageError) -> ObsBridgeSource {
        for (flag, value) in [("--obsbridge-url", url), ("--obsbridge-version", version)] {
            let bad = value.unicodeScalars.contains { $0 == "\"" || $0 == "\\" || $0.value <= 0x20 || $0.value == 0x7F }
            guard !value.isEmpty, !bad else {
                throw UsageError(
                    "\(flag) \(TerminalText.neutralize(value).debugDescription) must be non-empty, without quotes, "
                        + "backslashes, spaces or control characters")
            }
        }
        return .repository(url: url, version: version)
    }

    /// The `.package(...)` line for Package.swift, from a package at `package`.
    func swiftDependency(from package: URL) -> String {
        switch self {
        case .checkout(let root):
            return ".package(name: \"ObsBridge\", path: \"\(Self.relativePath(from: package, to: root))\"),"
        case .repository(let url, let version):
            return ".package(url: \"\(url)\", exact: \"\(version)\"),"
        }
    }

    /// The package identity that `.product(..., package:)` names: `ObsBridge` for a path given a
    /// name, else the last component of the URL, lower-cased, without `.git` (SwiftPM's rule).
    var swiftPackage: String {
        switch self {
        case .checkout: return "ObsBridge"
        case .repository(let url, _):
            var last = url.split(separator: "/").last.map(String.init) ?? url
            if last.hasSuffix(".git") { last.removeLast(4) }
            return last.lowercased()
        }
    }

    /// The `obsbridge = ...` line for rust/Cargo.toml, from a package at `package`.
    func cargoDependency(from package: URL) -> String {
        switch self {
        case .checkout(let root):
            let path = Self.relativePath(
                from: package.appending(path: "rust"), to: root.appending(path: "rust/obsbridge"))
            return "obsbridge = { path = \"\(path)\" }"
        case .repository(let url, let version):
            return "obsbridge = { git = \"\(url)\", tag = \"\(version)\" }"
        }
    }

    /// A phrase for the README and the command's output saying where ObsBridge comes from.
    func note(from package: URL) -> String {
        switch self {
        case .checkout(let root):
            return "ObsBridge by path, from the checkout at \(Self.relativePath(from: package, to: root))"
        case .repository(let url, let version):
            return "ObsBridge \(version) from \(url)"
        }
    }

    /// The path from directory `from` to `to`, both absolute: `../..`-style when they share a
    /// prefix, so the pair can move together; `.` when equal.
    static func relativePath(from: URL, to: URL) -> String {
        let fromParts = from.resolvingSymlinksInPath().standardizedFileURL.pathComponents
        let toParts = to.resolvingSymlinksInPath().standardizedFileURL.pathComponents
        var common = 0
        while common < fromParts.count, common < toParts.count, fromParts[common] == toParts[common] {
            common += 1
        }
        let parts = Array(repeating: "..", count: fromParts.count - common) + toParts[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}

/// `obsbridge new` cannot create the package; exit status 1.
struct NewPackageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
