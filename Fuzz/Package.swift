// swift-tools-version:5.4
import PackageDescription

// Tools version 5.4 on purpose: from 5.5 on, SwiftPM renames an executable's
// entry point to <module>_main and links `main` to it; a fuzz target has no
// entry point of its own (-parse-as-library), libFuzzer's runtime brings
// `main`, and the renaming would leave the link with an undefined symbol.

// Corridor's libFuzzer targets: their own package (like swift-protobuf's
// FuzzTesting/), so the root package's build and tests never pay for the
// sanitizers. Build and run them with `make fuzz` at the repository root;
// docs/FUZZING.md says how. Each executable target is one fuzz target, built with
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// Debug, because the fuzz targets reach the libraries' internals with
// @testable import (the server's method table, the registry's replay), and
// only a debug build compiles the libraries with testing enabled.
let package = Package(
    name: "CorridorFuzz",
    dependencies: [
        // The root package; named so the product references hold wherever the
        // repository is cloned (a path dependency is otherwise named after its folder).
        .package(name: "Corridor", path: ".."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // What several targets share: the sample registry, the seeds mode,
        // running async work from libFuzzer's synchronous callback.
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "CorridorModel", package: "Corridor"),
                .product(name: "CorridorRegistry", package: "Corridor"),
                .product(name: "CorridorWire", package: "Corridor"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "FuzzFrameDecoder",
            dependencies: ["FuzzSupport", .product(name: "CorridorWire", package: "Corridor"), .product(name: "NIOCore", package: "swift-nio")]
        ),
        .executableTarget(
            name: "FuzzFrameDecoderEOF",
            dependencies: [
                "FuzzSupport",
                .product(name: "CorridorWire", package: "Corridor"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "FuzzRequest",
            dependencies: [
                "FuzzSupport",
                .product(name: "CorridorAudit", package: "Corridor"),
                .product(name: "CorridorModel", package: "Corridor"),
                .product(name: "CorridorRegistry", package: "Corridor"),
                .product(name: "CorridorServer", package: "Corridor"),
                .product(name: "CorridorWire", package: "Corridor"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "FuzzAuditRecord",
            dependencies: [
                "FuzzSupport",
                .product(name: "CorridorAudit", package: "Corridor"),
                .product(name: "CorridorModel", package: "Corridor"),
                .product(name: "CorridorWire", package: "Corridor"),
            ]
        ),
        .executableTarget(
            name: "FuzzEventDecoding",
            dependencies: [
                "FuzzSupport",
                .product(name: "CorridorModel", package: "Corridor"),
                .product(name: "CorridorRegistry", package: "Corridor"),
                .product(name: "CorridorWire", package: "Corridor"),
            ]
        ),
        .executableTarget(
            name: "FuzzGeneratedDecoding",
            dependencies: [
                "FuzzSupport",
                .product(name: "CorridorRegistry", package: "Corridor"),
                .product(name: "CorridorWire", package: "Corridor"),
            ]
        ),
        .executableTarget(
            name: "FuzzRecovery",
            dependencies: [
                "FuzzSupport",
                .product(name: "CorridorRegistry", package: "Corridor"),
                .product(name: "CorridorStore", package: "Corridor"),
                .product(name: "CorridorWire", package: "Corridor"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "FuzzCaseImport",
            dependencies: ["FuzzSupport", .product(name: "CorridorExport", package: "Corridor")]
        ),
        .executableTarget(
            name: "FuzzConfiguration",
            dependencies: ["FuzzSupport", .product(name: "CorridorServer", package: "Corridor")]
        ),
        .executableTarget(
            name: "FuzzKeyStore",
            dependencies: [
                "FuzzSupport",
                .product(name: "CorridorPrivacy", package: "Corridor"),
                .product(name: "CorridorStore", package: "Corridor"),
            ]
        ),
        .executableTarget(
            name: "FuzzAccessPolicy",
            dependencies: ["FuzzSupport", .product(name: "CorridorServer", package: "Corridor")]
        ),
        .executableTarget(
            name: "FuzzTZif",
            dependencies: ["FuzzSupport", .product(name: "CorridorTimeZones", package: "Corridor")]
        ),
    ]
)
