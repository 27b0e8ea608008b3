// swift-tools-version: 6.1
import PackageDescription

/// Where cargo leaves the demo native library that the plugin builds (absolute, so a renamed clone
/// or another scratch path still links).
let rustLibraryDirectory = Context.packageDirectory + "/rust/target/release"

/// The one Rust static library a program links, with the system libraries Rust's std needs.
let linkRustArchive: [LinkerSetting] = [
    .linkedLibrary("obsbridge_demo"),
    .linkedLibrary("dl"),
    .linkedLibrary("pthread"),
    .linkedLibrary("m"),
    .unsafeFlags(["-L", rustLibraryDirectory]),
]

let package = Package(
    name: "ObsBridge",
    products: [
        .library(name: "ObsBridge", targets: ["ObsBridge"]),
        .library(name: "ObsCollector", targets: ["ObsCollector"]),
        .library(name: "ObsViewer", targets: ["ObsViewer"]),
        .library(name: "ObsTestKit", targets: ["ObsTestKit"]),
        .executable(name: "obsbridge", targets: ["ObsBridgeCLI"]),
        .plugin(name: "RustBuild", targets: ["RustBuild"]),
    ],
    targets: [
        // The C ABI: the canonical header lives in rust/include and is linked here. Only ObsBridge
        // imports it (Docs/ARCHITECTURE.md; scripts/check-module-imports.py enforces it).
        .target(name: "CObsBridge"),
        // Pure Swift: trace context, histograms, logs, error records, sanitizer, exporters. No C.
        .target(name: "ObsCollector"),
        // Pure Swift: reads recordings (snapshots, OTLP files) and presents them (tables, top).
        .target(name: "ObsViewer", dependencies: ["ObsCollector"]),
        // Swift over the C ABI: the bridge, the trace wrapper, errors, the native span source.
        .target(name: "ObsBridge", dependencies: ["CObsBridge", "ObsCollector"]),
        // In-memory sources and sinks, so collector and CLI tests need no Rust.
        .target(name: "ObsTestKit", dependencies: ["ObsCollector"]),
        // The demo native library (Rust, built by the plugin) and its Swift face.
        .target(name: "CObsDemo", dependencies: ["CObsBridge"]),
        .target(
            name: "ObsDemo",
            dependencies: ["CObsDemo", "ObsBridge"],
            linkerSettings: linkRustArchive,
            plugins: ["RustBuild"]
        ),
        // Counts malloc calls for `obsbridge bench` (allocations per traced call); the command only.
        .target(name: "CAllocationCounter"),
        .executableTarget(
            name: "ObsBridgeCLI",
            dependencies: ["CAllocationCounter", "ObsBridge", "ObsCollector", "ObsViewer", "ObsDemo", "ObsTestKit"]
        ),
        .plugin(name: "RustBuild", capability: .buildTool()),
        // This repository's test support (running processes, seeded generators): in no product.
        .target(name: "ObsTestSupport", dependencies: ["ObsCollector", "ObsTestKit"], path: "Tests/ObsTestSupport"),
        .testTarget(
            name: "ObsCollectorTests", dependencies: ["ObsCollector", "ObsTestKit", "ObsTestSupport"]),
        .testTarget(
            name: "ObsViewerTests",
            dependencies: ["ObsViewer", "ObsCollector", "ObsTestKit", "ObsTestSupport"]),
        .testTarget(
            name: "ObsBridgeTests",
            dependencies: [
                "ObsBridge", "ObsDemo", "CObsDemo", "ObsCollector", "ObsViewer", "ObsTestKit", "ObsTestSupport",
            ]),
        .testTarget(
            name: "ObsBridgeCLITests",
            dependencies: ["ObsBridgeCLI", "ObsCollector", "ObsViewer", "ObsTestKit", "ObsTestSupport"]
        ),
    ]
)

// Strict concurrency (the Swift 6 language mode), `any` spelled out for existentials, and imports
// internal unless marked `public`, on every Swift target, set in one place.
for target in package.targets where target.type != .plugin && target.name.first != "C" {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .swiftLanguageMode(.v6),
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("InternalImportsByDefault"),
        ]
}
