// swift-tools-version: 6.1
// libFuzzer targets for ObsBridge. Not part of the product: scripts/fuzz.sh builds them with
// `-sanitize=fuzzer,address` and runs each for a bounded time over its seed corpus in Corpus/.
import PackageDescription

/// The demo native library (with the whole obsb_* ABI), built by scripts/fuzz.sh with cargo.
let rustLibraryDirectory = Context.packageDirectory + "/../rust/target/release"

let package = Package(
    name: "ObsBridgeFuzz",
    dependencies: [.package(name: "ObsBridge", path: "..")],
    targets: [
        // W3C traceparent and tracestate parsing.
        .executableTarget(
            name: "FuzzTraceparent",
            dependencies: ["CLibFuzzer", .product(name: "ObsCollector", package: "ObsBridge")]),
        // The sanitizer and the terminal neutralizer.
        .executableTarget(
            name: "FuzzSanitizer",
            dependencies: ["CLibFuzzer", .product(name: "ObsCollector", package: "ObsBridge")]),
        // What `obsbridge summary` reads: snapshots and OTLP JSON Lines traces.
        .executableTarget(
            name: "FuzzSummary",
            dependencies: [
                "CLibFuzzer", .product(name: "ObsCollector", package: "ObsBridge"),
                .product(name: "ObsViewer", package: "ObsBridge"),
            ]),
        // The exported C functions, called with garbage arguments and forged handles.
        .target(name: "CFuzzNative"),
        // libFuzzer's driver entry point.
        .target(name: "CLibFuzzer"),
        .executableTarget(
            name: "FuzzNativeABI",
            dependencies: ["CFuzzNative", "CLibFuzzer"],
            linkerSettings: [
                .linkedLibrary("obsbridge_demo"), .linkedLibrary("dl"), .linkedLibrary("pthread"),
                .linkedLibrary("m"), .unsafeFlags(["-L", rustLibraryDirectory]),
            ]),
    ]
)

for target in package.targets where target.type == .executable {
    target.swiftSettings = [.swiftLanguageMode(.v6)]
}
