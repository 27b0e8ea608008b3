#if canImport(Glibc)
import Glibc
#endif

// The `obsbridge` command: dispatches to one subcommand and turns its errors into exit statuses
// (0 success, 1 failure, 2 usage).
let status = await CommandLineTool.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
