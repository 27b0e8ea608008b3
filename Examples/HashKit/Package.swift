// swift-tools-version: 6.1
import PackageDescription

/// Where cargo leaves `libhashkit.a`, HashKit's Rust static library. The RustBuild plugin builds it
/// from `rust/` (the crate whose `[lib]` has `crate-type = ["staticlib"]`, library name `hashkit`).
/// Absolute, so the package links from any directory.
let rustLibraryDirectory = Context.packageDirectory + "/rust/target/release"

let package = Package(
    name: "HashKit",
    products: [
        .library(name: "HashKit", targets: ["HashKit"]),
        .executable(name: "hash-and-checksum", targets: ["HashAndChecksum"]),
    ],
    dependencies: [
        // ObsBridge by path: the same checkout as the `obsbridge` crate that rust/Cargo.toml uses.
        .package(name: "ObsBridge", path: "../.."),
        // The app below uses ChecksumKit too: a second Rust static library in the same program.
        .package(name: "ChecksumKit", path: "../ChecksumKit"),
    ],
    targets: [
        // The C declarations of the Rust library (rust/include/hashkit.h, linked here).
        .target(name: "CHashKit", dependencies: [.product(name: "ObsBridge", package: "ObsBridge")]),
        // The Swift face of the library: every call traced through a Bridge.
        .target(
            name: "HashKit",
            dependencies: ["CHashKit", .product(name: "ObsBridge", package: "ObsBridge")],
            linkerSettings: [
                .linkedLibrary("hashkit"),
                .linkedLibrary("dl"),
                .linkedLibrary("pthread"),
                .linkedLibrary("m"),
                .unsafeFlags(["-L", rustLibraryDirectory]),
            ],
            plugins: [.plugin(name: "RustBuild", package: "ObsBridge")]
        ),
        // One program, two instrumented Rust libraries (HashKit's and ChecksumKit's), one collector.
        .executableTarget(
            name: "HashAndChecksum",
            dependencies: [
                "HashKit",
                .product(name: "ChecksumKit", package: "ChecksumKit"),
                .product(name: "ObsBridge", package: "ObsBridge"),
            ]
        ),
        .testTarget(
            name: "HashKitTests",
            dependencies: [
                "HashKit", .product(name: "ChecksumKit", package: "ChecksumKit"),
                .product(name: "ObsBridge", package: "ObsBridge"),
            ]
        ),
    ]
)

for target in package.targets where target.type != .plugin && target.name.first != "C" {
    target.swiftSettings = (target.swiftSettings ?? []) + [.swiftLanguageMode(.v6)]
}
