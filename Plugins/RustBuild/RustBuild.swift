import Foundation
import PackagePlugin

/// Builds the package's Rust workspace (`rust/`) with cargo before the target that uses this plugin.
///
/// Every file under `rust/` except `target/` is an input, so an edit to any Rust source reruns cargo;
/// the output is a generated Swift file holding the archive's digest, so SwiftPM relinks whenever
/// the archive changes. The archive itself is linked through the target's `linkedLibrary` setting.
@main
struct RustBuild: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let packageDirectory = context.package.directoryURL
        let rustDirectory = packageDirectory.appending(path: "rust")
        let script = packageDirectory.appending(path: "scripts/cargo-build.sh")
        let output = context.pluginWorkDirectoryURL.appending(path: "RustArchive.swift")
        return [
            .buildCommand(
                displayName: "Building the Rust workspace with cargo",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, rustDirectory.path, output.path],
                inputFiles: [script] + Self.rustInputs(under: rustDirectory),
                outputFiles: [output]
            )
        ]
    }

    /// Every Rust source, manifest and header below `directory`, skipping cargo's `target/`.
    static func rustInputs(under directory: URL) -> [URL] {
        let keep: Set<String> = ["rs", "toml", "lock", "h"]
        guard let walker = FileManager.default.enumerator(
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
}
