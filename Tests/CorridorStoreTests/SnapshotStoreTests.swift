@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Testing

/// Snapshots are written whole or not at all, read newest first with damaged
/// ones skipped for older ones, and pruned to the newest `keep`.
@Suite struct SnapshotStoreTests {
    private func payload(_ sequence: UInt64) -> [UInt8] {
        patternPayload(count: 200 + Int(sequence), seed: sequence)
    }

    private func path(_ store: SnapshotStore, _ sequence: UInt64) -> String {
        store.directory + "/" + SnapshotFormat.fileName(sequence: sequence)
    }

    @Test func theNewestSnapshotIsLoadedWithItsPayload() async throws {
        try await withTemporaryDirectory { directory in
            let store = SnapshotStore(dataDirectory: directory, logger: quietLogger)
            #expect(store.newestValid().snapshot == nil, "no snapshot yet")
            for sequence: UInt64 in [10, 20, 30] { try store.write(sequence: sequence, payload: payload(sequence)) }
            let (newest, skipped) = store.newestValid()
            #expect(skipped.isEmpty)
            #expect(newest?.header.sequence == 30)
            #expect(newest?.payload == payload(30))
            #expect(newest?.path == path(store, 30))
            #expect(try fileSize(path(store, 30)) == SnapshotFormat.headerSize + payload(30).count)
        }
    }

    @Test(arguments: ["payload", "header", "short"])
    func aDamagedNewestSnapshotIsSkippedForThePreviousOne(damage: String) async throws {
        try await withTemporaryDirectory { directory in
            let store = SnapshotStore(dataDirectory: directory, logger: quietLogger)
            for sequence: UInt64 in [10, 20, 30] { try store.write(sequence: sequence, payload: payload(sequence)) }
            let newestPath = path(store, 30)
            switch damage {
            case "payload": try flipBit(newestPath, at: SnapshotFormat.headerSize + 100, bit: 2)
            case "header": try flipBit(newestPath, at: 17, bit: 0)
            default: try truncateFile(newestPath, to: SnapshotFormat.headerSize + 50)
            }
            let (newest, skipped) = store.newestValid()
            #expect(newest?.header.sequence == 20)
            #expect(newest?.payload == payload(20))
            #expect(skipped.map(\.path) == [newestPath])
            #expect(skipped.first?.fault.description.isEmpty == false)
        }
    }

    @Test func whenEverySnapshotIsDamagedThereIsNone() async throws {
        try await withTemporaryDirectory { directory in
            let store = SnapshotStore(dataDirectory: directory, logger: quietLogger)
            for sequence: UInt64 in [10, 20] {
                try store.write(sequence: sequence, payload: payload(sequence))
                try flipBit(path(store, sequence), at: SnapshotFormat.headerSize, bit: 0)
            }
            let (newest, skipped) = store.newestValid()
            #expect(newest == nil)
            #expect(skipped.map(\.path) == [path(store, 20), path(store, 10)])
        }
    }

    /// A crash or a full disk can leave a snapshot of 0 bytes: it is skipped
    /// for the previous one. Reading it once leaked: Foundation's
    /// `contents(atPath:)` kept a 4 KiB buffer for every empty file on Linux,
    /// which LeakSanitizer reports at exit in `make test-asan` (docs/TESTING.md).
    @Test func anEmptySnapshotFileIsSkippedForThePreviousOne() async throws {
        try await withTemporaryDirectory { directory in
            let store = SnapshotStore(dataDirectory: directory, logger: quietLogger)
            try store.write(sequence: 10, payload: payload(10))
            try writeFile(path(store, 20), [])
            let (newest, skipped) = store.newestValid()
            #expect(newest?.header.sequence == 10)
            #expect(newest?.payload == payload(10))
            #expect(skipped.map(\.path) == [path(store, 20)])
            #expect(skipped.first?.fault == SnapshotFault("shorter than a snapshot header"))
        }
    }

    @Test func aSnapshotWhoseNameDisagreesWithItsHeaderIsSkipped() async throws {
        try await withTemporaryDirectory { directory in
            let store = SnapshotStore(dataDirectory: directory, logger: quietLogger)
            for sequence: UInt64 in [10, 20] { try store.write(sequence: sequence, payload: payload(sequence)) }
            try FileManager.default.moveItem(atPath: path(store, 20), toPath: path(store, 25))
            let (newest, skipped) = store.newestValid()
            #expect(newest?.header.sequence == 10)
            #expect(skipped.map(\.path) == [path(store, 25)])
        }
    }

    @Test(arguments: [1, 2, 3])
    func onlyTheNewestKeepSnapshotsAreKept(keep: Int) async throws {
        try await withTemporaryDirectory { directory in
            var store = SnapshotStore(dataDirectory: directory, logger: quietLogger)
            store.keep = keep
            let sequences: [UInt64] = [5, 10, 15, 20, 25]
            for sequence in sequences { try store.write(sequence: sequence, payload: payload(sequence)) }
            #expect(store.files() == sequences.suffix(keep).map { path(store, $0) })
            #expect(store.newestValid().snapshot?.header.sequence == 25)
        }
    }

    @Test func aTemporaryFileLeftByACrashIsIgnored() async throws {
        try await withTemporaryDirectory { directory in
            let store = SnapshotStore(dataDirectory: directory, logger: quietLogger)
            try store.write(sequence: 10, payload: payload(10))
            // A crash before the rename: a newer, complete-looking temporary file,
            // and one cut short.
            let newer = SnapshotHeader(sequence: 40, createdAtNanoseconds: 1, payloadLength: UInt64(payload(40).count), payloadChecksum: CRC32C.checksum(payload(40)))
            try writeFile(path(store, 40) + ".tmp", newer.encoded() + payload(40))
            try writeFile(path(store, 50) + ".tmp", Array(newer.encoded().prefix(20)))
            #expect(store.files() == [path(store, 10)])
            let (newest, skipped) = store.newestValid()
            #expect(newest?.header.sequence == 10)
            #expect(skipped.isEmpty)

            // The next write of that sequence replaces the leftover.
            try store.write(sequence: 40, payload: payload(40))
            #expect(store.newestValid().snapshot?.header.sequence == 40)
            #expect(!FileManager.default.fileExists(atPath: path(store, 40) + ".tmp"))
        }
    }
}
