// swift-tools-version: 6.1
import PackageDescription

/// Where cargo leaves `libchecksumkit.a`, the Rust static library this package links. The
/// RustBuild plugin builds it from `rust/` (the crate whose `[lib]` has `crate-type = ["staticlib"]`,
/// library name `checksumkit`). Absolute, so the package links from any directory.
let rustLibraryDirectory = Context.packageDirectory + "/rust/target/release"

let package = Package(
    name: "ChecksumKit",
    products: [
        .library(name: "ChecksumKit", targets: ["ChecksumKit"]),
        .executable(name: "checksumkit-demo", targets: ["ChecksumKitDemo"]),
    ],
    dependencies: [
        // ObsBridge by path: the same checkout as the `obsbridge` crate that rust/Cargo.toml uses.
        .package(name: "ObsBridge", path: "../.."),
    ],
    targets: [
        // The C declarations of the Rust library (rust/include/checksumkit.h, linked here).
        .target(name: "CChecksumKit", dependencies: [.product(name: "ObsBridge", package: "ObsBridge")]),
        // The Swift face of the library: every call traced through a Bridge.
        .target(
            name: "ChecksumKit",
            dependencies: ["CChecksumKit", .product(name: "ObsBridge", package: "ObsBridge")],
            linkerSettings: [
                .linkedLibrary("checksumkit"),
                .linkedLibrary("dl"),
                .linkedLibrary("pthread"),
                .linkedLibrary("m"),
                .unsafeFlags(["-L", rustLibraryDirectory]),
            ],
            plugins: [.plugin(name: "RustBuild", package: "ObsBridge")]
        ),
        .executableTarget(
            name: "ChecksumKitDemo",
            dependencies: [
                "ChecksumKit",
                .product(name: "ObsBridge", package: "ObsBridge"),
                .product(name: "ObsViewer", package: "ObsBridge"),
            ]
        ),
        .testTarget(
            name: "ChecksumKitTests",
            dependencies: ["ChecksumKit", .product(name: "ObsBridge", package: "ObsBridge")]
        ),
    ]
)

for target in package.targets where target.type != .plugin && target.name.first != "C" {
    target.swiftSettings = (target.swiftSettings ?? []) + [.swiftLanguageMode(.v6)]
}
