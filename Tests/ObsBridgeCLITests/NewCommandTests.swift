import Foundation
import ObsTestSupport
import Testing

/// `obsbridge new`: what it writes and what it refuses. Building the generated package is
/// scripts/test-new-package.sh's job (it takes a minute); these check the command itself.
@Suite("obsbridge new")
struct NewCommandTests {
    /// Runs `obsbridge new` with `arguments`, output into `directory/name`.
    func new(_ name: String, in directory: URL, _ arguments: [String] = []) throws -> CommandRunner.Result {
        try CLI.run(["new", name, "--output", directory.appendingPathComponent(name).path] + arguments)
    }

    func read(_ directory: URL, _ path: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
    }

    @Test("a local checkout: every file, the derived names, and paths relative to the package")
    func localCheckout() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = CommandRunner.packageRoot()
        let result = try new("HTTPServer", in: directory, ["--obsbridge-path", root.path])
        #expect(result.status == 0, "\(result.standardError)")
        let package = directory.appendingPathComponent("HTTPServer")
        for path in [
            "Package.swift", "README.md", ".gitignore", "rust/Cargo.toml", "rust/src/lib.rs",
            "Sources/CHTTPServer/include/http_server.h", "Sources/CHTTPServer/shim.c",
            "Sources/HTTPServer/HTTPServer.swift", "Tests/HTTPServerTests/HTTPServerTests.swift",
        ] {
            #expect(result.standardOutput.contains(path), "not listed: \(path)")
            #expect(FileManager.default.fileExists(atPath: package.appendingPathComponent(path).path), "\(path)")
        }
        let manifest = try read(package, "Package.swift")
        // The path is relative to the package and leads to this checkout.
        let prefix = ".package(name: \"ObsBridge\", path: \""
        let line = try #require(manifest.split(separator: "\n").first { $0.contains(prefix) })
        let relative = String(line.split(separator: "\"")[3])
        #expect(!relative.hasPrefix("/"))
        #expect(
            package.appendingPathComponent(relative).resolvingSymlinksInPath().standardizedFileURL.path
                == root.resolvingSymlinksInPath().standardizedFileURL.path)
        #expect(manifest.contains(".linkedLibrary(\"http_server\")"))
        let cargo = try read(package, "rust/Cargo.toml")
        #expect(cargo.contains("obsbridge = { path = \"../\(relative)/rust/obsbridge\" }"))
        #expect(cargo.contains("name = \"http_server\"") && cargo.contains("crate-type = [\"staticlib\", \"rlib\"]"))
        let rust = try read(package, "rust/src/lib.rs")
        #expect(rust.contains("pub unsafe extern \"C\" fn http_server_greet("))
        #expect(rust.contains("Callsite::new(\"http_server.greet\")"))
        let header = try read(package, "Sources/CHTTPServer/include/http_server.h")
        #expect(header.contains("#include \"obsbridge.h\"") && header.contains("obsb_status http_server_greet("))
        let swift = try read(package, "Sources/HTTPServer/HTTPServer.swift")
        #expect(swift.contains("public struct HTTPServer: Sendable") && swift.contains("bridge.trace(greetOperation"))
        for file in [manifest, cargo, rust, header, swift, try read(package, "README.md")] {
            #expect(!file.contains("{{"), "an unfilled placeholder")
        }
    }

    @Test("a git release by default, named in the help")
    func gitRelease() throws {
        let help = try CLI.run(["new", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("--obsbridge-path") && help.standardOutput.contains("default: https://"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try new(
            "Lib2Go", in: directory,
            ["--obsbridge-url", "https://example.org/team/ObsBridge.git", "--obsbridge-version", "0.2.0"])
        #expect(result.status == 0, "\(result.standardError)")
        let package = directory.appendingPathComponent("Lib2Go")
        let manifest = try read(package, "Package.swift")
        #expect(manifest.contains(".package(url: \"https://example.org/team/ObsBridge.git\", exact: \"0.2.0\")"))
        #expect(manifest.contains(".product(name: \"ObsBridge\", package: \"obsbridge\")"))
        let cargo = try read(package, "rust/Cargo.toml")
        #expect(cargo.contains("obsbridge = { git = \"https://example.org/team/ObsBridge.git\", tag = \"0.2.0\" }"))
        #expect(cargo.contains("name = \"lib2_go\""))
    }

    @Test("refuses a taken directory, a bad name, a non-checkout and conflicting options")
    func refusals() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = CommandRunner.packageRoot().path
        let taken = directory.appendingPathComponent("Taken")
        try FileManager.default.createDirectory(at: taken, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: taken.appendingPathComponent("notes.txt"))
        let refused = try new("Taken", in: directory, ["--obsbridge-path", root])
        #expect(refused.status == 1 && refused.standardError.contains("is not empty"))
        #expect(try read(taken, "notes.txt") == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: taken.path) == ["notes.txt"])

        let empty = directory.appendingPathComponent("Empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let inode = try FileManager.default.attributesOfItem(atPath: empty.path)[.systemFileNumber] as? Int
        #expect(try new("Empty", in: directory, ["--obsbridge-path", root]).status == 0, "an empty directory is fine")
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("rust/src/lib.rs").path))
        let kept = try FileManager.default.attributesOfItem(atPath: empty.path)[.systemFileNumber] as? Int
        #expect(kept == inode, "the empty directory is filled, not replaced")

        for name in ["my-lib", "9lives", "", "Ünïcode", "obsbridge", "Self", String(repeating: "A", count: 65)] {
            let result = try new(name, in: directory, ["--obsbridge-path", root])
            #expect(result.status == 2, "accepted \(name.debugDescription)")
            #expect(result.standardError.contains("NAME"), "\(result.standardError)")
        }
        let notCheckout = try new("Fine", in: directory, ["--obsbridge-path", directory.path])
        #expect(notCheckout.status == 1 && notCheckout.standardError.contains("is not an ObsBridge checkout"))
        let both = try new("Fine", in: directory, ["--obsbridge-path", root, "--obsbridge-version", "1.0.0"])
        #expect(both.status == 2)
        let quoted = try new("Fine", in: directory, ["--obsbridge-url", "https://x/\"y"])
        #expect(quoted.status == 2 && quoted.standardError.contains("--obsbridge-url"))
        #expect(try CLI.run(["new"]).status == 2)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "staging directories left behind: \(leftovers)")
    }
}
