import Foundation
import PackagePlugin

/// Builds a package's Rust code with cargo before the target that uses this plugin.
///
/// Conventions (the same for this package and for any package that depends on it):
/// - The Rust code lives in `rust/` at the package root: a single crate or a cargo workspace, built
///   with `cargo build --release --lib`, into `rust/target/`. Cargo runs with `rust/` as its current
///   directory, so `rust/.cargo/config.toml` applies (vendored or offline registries, `[net]`);
///   when it fails, its output is shown under a heading naming the command and the folder.
/// - Exactly one crate there has `crate-type` containing `"staticlib"` in its `[lib]` section; its
///   archive, `rust/target/release/lib<NAME>.a`, is the one the program links. `<NAME>` is the
///   `[lib] name`, or else the package name with `-` replaced by `_`. The target links it itself
///   with `.linkedLibrary("<NAME>")` and `-L <package>/rust/target/release`.
/// - The build script is this package's `scripts/cargo-build.sh`, found next to this source file
///   (`#filePath`), so a package that depends on ObsBridge by path needs no copy of it.
///
/// Every file under `rust/` except `target/` is an input (and, for another package, the sources of
/// the `obsbridge` crate it depends on), so an edit to any Rust source reruns cargo; the output is a
/// generated Swift file holding the archive's digest, so SwiftPM relinks whenever the archive changes.
@main
struct RustBuild: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let packageDirectory = context.package.directoryURL
        let rustDirectory = packageDirectory.appending(path: "rust")
        let archive = try Self.staticLibraryName(under: rustDirectory)
        let output = context.pluginWorkDirectoryURL.appending(path: "RustArchive.swift")
        var inputs = [Self.script] + Self.rustInputs(under: rustDirectory)
        let ownRust = Self.obsBridgeDirectory.appending(path: "rust")
        if ownRust.standardizedFileURL.path != rustDirectory.standardizedFileURL.path {
            inputs += Self.rustInputs(under: ownRust.appending(path: "obsbridge"))
            inputs += Self.rustInputs(under: ownRust.appending(path: "include"))
        }
        return [
            .buildCommand(
                displayName: "Building the Rust library lib\(archive).a with cargo",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [Self.script.path, rustDirectory.path, output.path, archive],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    /// The root of the ObsBridge package this plugin belongs to (two levels above this file).
    static let obsBridgeDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // RustBuild/
        .deletingLastPathComponent()  // Plugins/
        .deletingLastPathComponent()

    /// The build script that runs cargo and writes the digest file.
    static let script = obsBridgeDirectory.appending(path: "scripts/cargo-build.sh")

    /// Every Rust source, manifest and header below `directory`, skipping cargo's `target/`.
    static func rustInputs(under directory: URL) -> [URL] {
        let keep: Set<String> = ["rs", "toml", "lock", "h"]
        guard
            let walker = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.isDirectoryKey])
        else { return [] }
        var inputs: [URL] = []
        for case let url as URL in walker {
            if url.lastPathComponent == "target" {
                walker.skipDescendants()
            } else if keep.contains(url.pathExtension) {
                inputs.append(url)
            }
        }
        return inputs.sorted { $0.path < $1.path }
    }

    /// The library name of the one `staticlib` crate under `directory` (see the conventions above).
    static func staticLibraryName(under directory: URL) throws -> String {
        let manifests = rustInputs(under: directory).filter { $0.lastPathComponent == "Cargo.toml" }
        guard !manifests.isEmpty else {
            throw RustBuildError(
                "RustBuild: no Cargo.toml under \(directory.path); put the package's Rust crate "
                    + "or cargo workspace in rust/")
        }
        var found: [(manifest: String, name: String)] = []
        for manifest in manifests {
            let text = try String(contentsOf: manifest, encoding: .utf8)
            if let name = CargoManifest(text).staticLibraryName {
                found.append((manifest.path, name))
            }
        }
        guard found.count == 1 else {
            let list = found.map { "\($0.manifest) (lib\($0.name).a)" }.joined(separator: ", ")
            throw RustBuildError(
                found.isEmpty
                    ? "RustBuild: no crate under \(directory.path) has crate-type = [\"staticlib\"] "
                        + "in its [lib] section; add it to the library the program links"
                    : "RustBuild: more than one staticlib crate under \(directory.path): \(list); "
                        + "a program links exactly one Rust static library")
        }
        return found[0].name
    }
}

/// A build-planning failure, shown by SwiftPM as the plugin's error.
struct RustBuildError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The few `Cargo.toml` fields the plugin needs, read line by line: `[package] name`,
/// `[lib] name` and `[lib] crate-type` (which may span lines).
struct CargoManifest {
    var packageName: String?
    var libName: String?
    var crateTypes: [String] = []

    init(_ text: String) {
        var section = ""
        var pendingArray: String?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = Self.stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if var array = pendingArray {
                array += " " + line
                if line.contains("]") {
                    crateTypes = Self.strings(in: array)
                    pendingArray = nil
                } else {
                    pendingArray = array
                }
                continue
            }
            if line.hasPrefix("[") {
                section = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            switch (section, key) {
            case ("package", "name"): packageName = Self.strings(in: value).first
            case ("lib", "name"): libName = Self.strings(in: value).first
            case ("lib", "crate-type"), ("lib", "crate_type"):
                if value.contains("]") || !value.hasPrefix("[") {
                    crateTypes = Self.strings(in: value)
                } else {
                    pendingArray = value
                }
            default: break
            }
        }
    }

    /// The archive's library name if this crate builds a static library.
    var staticLibraryName: String? {
        guard crateTypes.contains("staticlib") else { return nil }
        return libName ?? packageName.map { $0.replacingOccurrences(of: "-", with: "_") }
    }

    /// The double-quoted strings in `text`, in order.
    static func strings(in text: String) -> [String] {
        text.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// `line` without a `#` comment (a `#` inside a string is kept).
    static func stripComment(_ line: String) -> String {
        var inString = false
        for (index, character) in zip(line.indices, line) {
            if character == "\"" { inString.toggle() }
            if character == "#" && !inString { return String(line[..<index]) }
        }
        return line
    }
}
