import Foundation
import ObsTestSupport

/// Runs the built `obsbridge` executable (it sits beside the test bundle in the build directory).
enum CLI {
    static let executable: String = {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundleDirectory.appendingPathComponent("obsbridge").path,
            bundleDirectory.deletingLastPathComponent().appendingPathComponent("obsbridge").path,
            CommandRunner.packageRoot().appendingPathComponent(".build/debug/obsbridge").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    static func run(_ arguments: [String], input: String? = nil) throws -> CommandRunner.Result {
        try CommandRunner.run(executable, arguments, input: input)
    }
}
