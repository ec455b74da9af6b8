// swift-tools-version:6.0
import PackageDescription

// Corridor's benchmarks: their own package, so the root package's build and
// tests never depend on them (style.md item 14). Run with `make benchmark` at
// the repository root, or `swift run -c release corridor-benchmarks --help` here.
let package = Package(
    name: "CorridorBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The root package; named so the product reference holds wherever the
        // repository is cloned (a path dependency is otherwise named after its folder).
        .package(name: "Corridor", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // SQLite, the `storage` benchmark's peer. Its GRDBSQLite module links the
        // system's libsqlite3: Debian's libsqlite3-dev must be installed (README).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // grpc-swift-2 over HTTP/2 on a Unix socket, the `rpc` benchmark's peer:
        // the same unary ping served and called by it, in the same run.
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
    ],
    targets: [
        .executableTarget(
            name: "corridor-benchmarks",
            dependencies: [
                .product(name: "CorridorAudit", package: "Corridor"),
                .product(name: "CorridorClient", package: "Corridor"),
                .product(name: "CorridorStore", package: "Corridor"),
                .product(name: "CorridorRegistry", package: "Corridor"),
                // `access`: in-process servers with and without authorisation.
                .product(name: "CorridorServer", package: "Corridor"),
                .product(name: "CorridorWire", package: "Corridor"),
                .product(name: "CorridorModel", package: "Corridor"),
                .product(name: "CorridorPrivacy", package: "Corridor"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "LoadChecks",
            ],
            exclude: ["Load/Checks"]
        ),
        // `load` and `soak`: the soak's checks (acknowledged writes, watch
        // sequences), apart so that their tests build without Corridor.
        .target(name: "LoadChecks", path: "Sources/corridor-benchmarks/Load/Checks"),
        .testTarget(name: "LoadChecksTests", dependencies: ["LoadChecks"]),
    ]
)
