import Foundation
import ObsCollector

/// `obsbridge new NAME`: writes a Swift package over its own traced Rust library.
enum NewCommand {
    /// Where the generated package gets ObsBridge from when no local checkout is named.
    static let defaultRepository = "https://github.com/obsbridge/obsbridge.git"

    static let help = """
        USAGE: obsbridge new NAME [--obsbridge-path PATH] [--output DIR]
               obsbridge new NAME [--obsbridge-url URL] [--obsbridge-version VERSION] [--output DIR]

        Writes a Swift package named NAME that builds and tests at once (`swift build`, `swift test`):
        a Rust crate in rust/ depending on the `obsbridge` crate, with one traced function that can
        fail; a C module declaring it; a Swift wrapper that calls it through `bridge.trace`; a test;
        and a README. NAME is an identifier (an ASCII letter, then letters, digits or _); it names
        the Swift module and type, and in snake case the Rust crate (`MyLib` → `my_lib`).

        OPTIONS:
          --obsbridge-path PATH     depend on a local ObsBridge checkout (Swift package and Rust
                                    crate by path, relative to the new package)
          --obsbridge-url URL       the git repository to depend on otherwise
                                    (default: \(defaultRepository))
          --obsbridge-version VER   the release to depend on from it (default: \(ObsBridgeVersion.current),
                                    this command's own; Swift `exact:`, cargo `tag`)
          -o, --output DIR          where to create the package (default: ./NAME); refused if it
                                    exists and is not an empty directory
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(
            arguments, valueFlags: ["--obsbridge-path", "--obsbridge-url", "--obsbridge-version", "--output"],
            switchFlags: [], aliases: ["-o": "--output"])
        if options.has("--help") {
            Output.line(help)
            return 0
        }
        let name = try PackageName(options.onlyPositional("new NAME"))
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let destination = URL(fileURLWithPath: options.string("--output") ?? name.swift, relativeTo: current)
            .standardizedFileURL
        let source: ObsBridgeSource
        if let path = options.string("--obsbridge-path") {
            guard options.string("--obsbridge-url") == nil, options.string("--obsbridge-version") == nil else {
                throw UsageError(
                    "--obsbridge-path is a local checkout: it takes no --obsbridge-url or --obsbridge-version")
            }
            source = try .validatedCheckout(URL(fileURLWithPath: path, relativeTo: current).standardizedFileURL)
        } else {
            source = try .validatedRepository(
                url: options.string("--obsbridge-url") ?? defaultRepository,
                version: options.string("--obsbridge-version") ?? ObsBridgeVersion.current)
        }
        let written = try PackageWriter.write(name: name, source: source, to: destination)
        Output.line(
            "created \(name.swift) in \(TerminalText.neutralize(destination.path)) (\(source.note(from: destination)))")
        for path in written { Output.line("  \(TerminalText.neutralize(path))") }
        Output.line("next: cd \(TerminalText.neutralize(destination.path)) && swift build && swift test")
        return 0
    }
}
