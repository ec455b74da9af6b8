// swift-tools-version:6.0
import PackageDescription

// How the release corridord is linked, for its resident memory (docs/PERFORMANCE.md,
// "Idle RSS"): with lld; relative relocations packed (DT_RELR, glibc 2.36+: 3 MB
// of relocation records that the loader would read at every start become 26 KB);
// no dynamic symbol table of the whole executable (--export-dynamic comes with
// -static-stdlib; nothing loads corridord's symbols by name, and the 4 MB table
// is searched at start-up); and the functions that start-up and a session of
// calls run placed together at the front of .text (corridord.order, written by
// scripts/generate-link-order), so the pages they touch are few. A stale or
// missing name in the order file only costs memory.
let releaseLinkFlags = [
    "-use-ld=lld",
    "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
    "-Xlinker", "--no-export-dynamic",
    "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/corridord/corridord.order",
    "-Xlinker", "--no-warn-symbol-ordering",
]

// Dependencies point one way, downwards:
//   corridord, corridorctl → CorridorServer, CorridorClient → CorridorWire, CorridorSystemd
//   → CorridorModel; C lives only in CProtobufC, CSystemd and CCorridorProto.
let package = Package(
    name: "Corridor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "corridord", targets: ["corridord"]),
        .executable(name: "corridorctl", targets: ["corridorctl"]),
        .library(name: "CorridorClient", targets: ["CorridorClient"]),
        // For the benchmarks (Benchmarks/), which measure the store and registry directly.
        .library(name: "CorridorStore", targets: ["CorridorStore"]),
        .library(name: "CorridorRegistry", targets: ["CorridorRegistry"]),
        // For the fuzz targets (Fuzz/), which feed arbitrary bytes to each decoder and parser.
        .library(name: "CorridorModel", targets: ["CorridorModel"]),
        .library(name: "CorridorTimeZones", targets: ["CorridorTimeZones"]),
        .library(name: "CorridorWire", targets: ["CorridorWire"]),
        .library(name: "CorridorExport", targets: ["CorridorExport"]),
        .library(name: "CorridorServer", targets: ["CorridorServer"]),
        .library(name: "CorridorAudit", targets: ["CorridorAudit"]),
        .library(name: "CorridorPrivacy", targets: ["CorridorPrivacy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Only for CorridorPrivacy: AEAD sealing of personal data and key wrapping.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The access policy file (docs/ACCESS.md) is TOML, read with a maintained parser.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Only for the tests' process runner (Tests/CorridorTestSupport).
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // Only for CorridorReplication: the log replicated through PostgreSQL (docs/REPLICATION.md).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // MARK: C at the edge
        .systemLibrary(
            name: "CProtobufC",
            pkgConfig: "libprotobuf-c",
            providers: [.apt(["libprotobuf-c-dev"])]
        ),
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .target(
            name: "CCorridorProto",
            dependencies: ["CProtobufC"],
            cSettings: [.unsafeFlags(["-Wno-unused-parameter"])]
        ),

        // MARK: Swift libraries
        .target(name: "CorridorModel"),
        // The system's tz database (/usr/share/zoneinfo): it reads files, so
        // it is not in CorridorModel, which does no I/O.
        .target(name: "CorridorTimeZones", dependencies: ["CorridorModel"]),
        .target(
            name: "CorridorWire",
            dependencies: [
                "CorridorModel",
                "CCorridorProto",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Exports (JSON, HXL-tagged CSV) and the CSV case import: pure formatting of records.
        .target(name: "CorridorExport", dependencies: ["CorridorModel", "CorridorWire"]),
        .target(
            name: "CorridorStore",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // Keys and sealing of personal data at rest: the key file (the
        // key-encryption key), data keys wrapped by it, and the AEAD seal of a
        // case's personal part. swift-crypto stays in this one module.
        .target(
            name: "CorridorPrivacy",
            dependencies: [
                "CorridorModel",
                "CorridorStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(
            name: "CorridorRegistry",
            dependencies: [
                "CorridorModel",
                "CorridorStore",
                "CorridorTimeZones",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The audit trail: its own segment log (CorridorStore's) of personal-data
        // reads, admin actions and refusals, in corridor.v1.AuditRecord.
        .target(
            name: "CorridorAudit",
            dependencies: [
                "CorridorModel",
                "CorridorStore",
                "CorridorWire",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The replica store: the log's events, wrapped data keys and the leader
        // row in PostgreSQL (docs/REPLICATION.md). PostgresNIO stays in this one module.
        .target(
            name: "CorridorReplication",
            dependencies: [
                "CorridorRegistry",
                "CorridorStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(
            name: "CorridorSystemd",
            dependencies: [
                "CSystemd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(
            name: "CorridorServer",
            dependencies: [
                "CorridorAudit",
                "CorridorModel",
                "CorridorRegistry",
                "CorridorStore",
                "CorridorWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                // Page tokens: an HMAC over the position and the query (PageToken.swift).
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "CorridorClient",
            dependencies: [
                "CorridorModel",
                "CorridorWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // MARK: Executables
        .executableTarget(
            name: "corridord",
            dependencies: [
                "CorridorAudit",
                "CorridorModel",
                "CorridorPrivacy",
                "CorridorRegistry",
                "CorridorReplication",
                "CorridorServer",
                "CorridorSystemd",
                "CorridorWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            exclude: ["corridord.order"],
            linkerSettings: [.unsafeFlags(releaseLinkFlags, .when(configuration: .release))]
        ),
        .executableTarget(
            name: "corridorctl",
            dependencies: [
                "CorridorAudit",
                "CorridorPrivacy",
                "CorridorClient",
                "CorridorExport",
                // For `access check`: the daemon's own policy parser, offline.
                "CorridorServer",
                "CorridorStore",
                "CorridorTimeZones",
                "CorridorWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests, mirroring Sources/
        // What several test targets share, once: a seeded generator, temporary
        // directories, a safety bound for waits, the in-process server, the
        // process runner, the record coding a test gives a registry, each event
        // kind as an optional.
        .target(
            name: "CorridorTestSupport",
            dependencies: [
                "CorridorAudit",
                "CorridorClient",
                "CorridorModel",
                "CorridorRegistry",
                "CorridorServer",
                "CorridorWire",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Tests/CorridorTestSupport"
        ),
        // A sample of every generated message (scripts/generate-proto writes
        // them), for the wire tests and, through corridor-proto-samples, for
        // the interop suite's JSON check against Google's protobuf.
        .target(name: "CorridorProtoSamples", dependencies: ["CorridorWire"], path: "Tests/CorridorProtoSamples"),
        // protoc-c's output for the generator's collision proto (Tests/GeneratorCollisions),
        // for CorridorWireTests' GeneratorCollisionTests.
        .target(
            name: "CCorridorTestProto",
            dependencies: ["CProtobufC"],
            path: "Tests/CCorridorTestProto",
            cSettings: [.unsafeFlags(["-Wno-unused-parameter"])]
        ),
        .executableTarget(
            name: "corridor-proto-samples",
            dependencies: ["CorridorProtoSamples", "CorridorWire"],
            path: "Tests/ProtoSamplesTool"
        ),
        .testTarget(name: "CCorridorProtoTests", dependencies: ["CorridorTestSupport"]),
        .testTarget(name: "CorridorModelTests", dependencies: ["CorridorModel"]),
        .testTarget(name: "CorridorTimeZonesTests", dependencies: ["CorridorTimeZones", "CorridorModel"]),
        .testTarget(
            name: "CorridorWireTests",
            dependencies: [
                "CCorridorTestProto",
                "CorridorProtoSamples",
                "CorridorTestSupport",
                "CorridorWire",
                "CorridorModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "CorridorRegistryTests", dependencies: ["CorridorTestSupport", "CorridorRegistry", "CorridorStore", "CorridorModel", "CorridorPrivacy", "CorridorTimeZones", "CorridorWire", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "CorridorPrivacyTests", dependencies: ["CorridorTestSupport", "CorridorPrivacy", "CorridorStore", "CorridorModel"]),
        .testTarget(name: "CorridorExportTests", dependencies: ["CorridorTestSupport", "CorridorExport", "CorridorModel", "CorridorWire"]),
        .testTarget(name: "CorridorAuditTests", dependencies: ["CorridorTestSupport", "CorridorAudit", "CorridorModel", "CorridorStore", "CorridorWire", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "CorridorStoreTests", dependencies: ["CorridorTestSupport", "CorridorStore", .product(name: "Logging", package: "swift-log"), .product(name: "SystemPackage", package: "swift-system")]),
        .testTarget(
            name: "CorridorReplicationTests",
            dependencies: [
                "CorridorTestSupport", "CorridorReplication", "CorridorRegistry", "CorridorStore",
                .product(name: "Logging", package: "swift-log"),
                // ConnectionCallTests drive a connection directly.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "CorridorSystemdTests",
            dependencies: ["CorridorTestSupport", "CorridorSystemd"]
        ),
        .testTarget(
            name: "CorridorServerTests",
            dependencies: [
                "CorridorTestSupport",
                "CorridorAudit",
                "CorridorServer",
                "CorridorClient",
                "CorridorModel",
                "CorridorRegistry",
                "CorridorStore",
                "CorridorWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "CorridorClientTests",
            dependencies: [
                "CorridorTestSupport",
                "CorridorClient",
                "CorridorRegistry",
                "CorridorServer",
                "CorridorWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "corridordTests",
            dependencies: ["CorridorTestSupport", "CorridorClient"]
        ),
        .testTarget(
            name: "corridorctlTests",
            dependencies: [
                "CorridorTestSupport",
                "CorridorAudit",
                "CorridorRegistry",
                "CorridorServer",
                "CorridorStore",
                "CorridorWire",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
