@testable import CorridorRegistry
import CorridorStore
import CorridorWire
import Foundation
import FuzzSupport

// Recovery over a damaged data directory. A small valid directory (a few
// segments of real events, two snapshots, records after the newer one) is
// built once; each input is a list of mutations applied to a fresh copy of
// it, then `inspect verify` reads it and the registry opens it, as corridord
// would at start, and with --repair when that refuses. Neither may crash;
// opening either succeeds or fails with the store's own error (StoreError,
// or DATA_LOSS for records that pass their checksum and do not decode).
//
// Input: records of 6 bytes: an operation, a file (index into the sorted
// file list), a 24-bit little-endian offset, a value.
//   operation % 4 = 0: set the byte at offset % size to value
//                   1: xor the byte with value (| 1, so it changes)
//                   2: truncate the file to offset % (size + 1)
//                   3: remove the file

private let storeOptions: StoreOptions = {
    var options = StoreOptions()
    options.segmentBytes = 16 * 1024
    return options
}()

private func registryOptions(repair: Bool) -> RegistryOptions {
    var options = RegistryOptions()
    options.store = storeOptions
    options.store.repair = repair
    return options
}

/// The valid directory's files, relative path → bytes, made once per process.
private let pristine: [(path: String, bytes: [UInt8])] = {
    let directory = SampleWorld.makeTemporaryDirectory("corridor-fuzz-recovery-base")
    runBlocking {
        do {
            let ids = try await firstRun(directory)
            try await secondRun(directory, ids: ids)
        } catch {
            fatalError("building the sample data directory in \(directory) failed: \(error)")
        }
    }
    var files: [(String, [UInt8])] = []
    for sub in [DataDirectoryLayout.segments, DataDirectoryLayout.snapshots] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + sub)) ?? []
        for name in names.sorted() {
            guard let bytes = FuzzSeeds.read(directory + "/" + sub + "/" + name) else { continue }
            files.append((sub + "/" + name, bytes))
        }
    }
    try? FileManager.default.removeItem(atPath: directory)
    guard files.count >= 4 else { fatalError("the sample data directory has only \(files.map(\.0))") }
    return files
}()

/// The sample world, closed cleanly (a snapshot). Returns the cases' ids.
private func firstRun(_ directory: String) async throws -> [String] {
    let (registry, _) = try Registry.open(dataDirectory: directory, recordCoding: ProtobufRecordCoding(), options: registryOptions(repair: false), logger: SampleWorld.quietLogger)
    let ids = try await SampleWorld.seed(registry, cases: 150)
    await registry.close()
    return ids
}

/// More records, a snapshot in the middle of them, and no clean close: the
/// last record is only in the log, as after a crash.
private func secondRun(_ directory: String, ids: [String]) async throws {
    let (registry, _) = try Registry.open(dataDirectory: directory, recordCoding: ProtobufRecordCoding(), options: registryOptions(repair: false), logger: SampleWorld.quietLogger)
    for index in 0..<8 {
        _ = try await registry.registerCase(SampleWorld.patient(100 + index), personal: SampleWorld.personal(100 + index), actor: SampleWorld.actor)
    }
    _ = try await registry.setCaseStatus(caseID: ids[5], status: .deceased, date: "2019-01-02", reason: "died waiting", actor: SampleWorld.actor)
    try await registry.snapshotNow()
    _ = try await registry.setCaseStatus(caseID: ids[6], status: .withdrawn, date: "", reason: "left", actor: SampleWorld.actor)
}

private let scratchRoot = SampleWorld.makeTemporaryDirectory("corridor-fuzz-recovery")
nonisolated(unsafe) private var runs = 0

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecovery(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var files = pristine.map { (path: $0.path, bytes: Optional($0.bytes)) }
    var reader = ByteReader(UnsafeRawBufferPointer(start: start, count: count))
    while reader.remainingCount >= 6 {
        let operation = reader.readByte() % 4
        let index = Int(reader.readByte()) % files.count
        let offset = Int(reader.readInteger(bytes: 3))
        let value = reader.readByte()
        guard var bytes = files[index].bytes else { continue }
        switch operation {
        case 0: if !bytes.isEmpty { bytes[offset % bytes.count] = value }
        case 1: if !bytes.isEmpty { bytes[offset % bytes.count] ^= value | 1 }
        case 2: bytes.removeLast(bytes.count - offset % (bytes.count + 1))
        default: files[index].bytes = nil; continue
        }
        files[index].bytes = bytes
    }

    runs += 1
    let directory = scratchRoot + "/\(runs)"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    write(files, to: directory)

    let inspector: DataDirectoryInspector
    do {
        inspector = try DataDirectoryInspector(directory: directory)
    } catch {
        fatalError("inspect refused a directory that has segments/: \(error)")
    }
    _ = inspector.verify()
    _ = try? inspector.stats()
    let cursor = inspector.records()
    while let _ = cursor.next() {}

    if !open(directory, repair: false) {
        // What an operator does next: `corridord --repair` on what is left.
        _ = open(directory, repair: true)
    }
    return 0
}

/// Opens the registry as corridord does; false when it refused with the store's own error.
private func open(_ directory: String, repair: Bool) -> Bool {
    let registry: Registry
    do {
        (registry, _) = try Registry.open(dataDirectory: directory, recordCoding: ProtobufRecordCoding(), options: registryOptions(repair: repair), logger: SampleWorld.quietLogger)
    } catch is StoreError {
        return false
    } catch let error as RegistryError where error.code == .dataLoss {
        return false
    } catch {
        fatalError("opening the registry (repair: \(repair)) failed with neither a StoreError nor DATA_LOSS: \(type(of: error)): \(error)")
    }
    runBlocking { await registry.close() }
    return true
}

private func write(_ files: [(path: String, bytes: [UInt8]?)], to directory: String) {
    do {
        for sub in [DataDirectoryLayout.segments, DataDirectoryLayout.snapshots] {
            try FileManager.default.createDirectory(atPath: directory + "/" + sub, withIntermediateDirectories: true)
        }
        for file in files {
            guard let bytes = file.bytes else { continue }
            try FuzzSeeds.write(bytes, to: directory + "/" + file.path)
        }
    } catch {
        fatalError("cannot write the scratch data directory \(directory): \(error)")
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    FuzzSeeds.writeIfAsked {
        // Mutation lists, each a kind of damage a crash or a disk leaves.
        func mutation(_ operation: UInt8, file: Int, offset: Int, value: UInt8 = 0) -> [UInt8] {
            [operation, UInt8(file), UInt8(offset & 0xff), UInt8(offset >> 8 & 0xff), UInt8(offset >> 16 & 0xff), value]
        }
        let segments = pristine.indices.filter { pristine[$0].path.hasPrefix(DataDirectoryLayout.segments) }
        let snapshots = pristine.indices.filter { pristine[$0].path.hasPrefix(DataDirectoryLayout.snapshots) }
        let last = segments.last ?? 0
        return [
            ("untouched", []),
            ("torn-tail", mutation(2, file: last, offset: pristine[last].bytes.count / 3)),
            ("bit-flip-first-segment-record", mutation(1, file: segments[0], offset: 200, value: 0x10)),
            ("header-magic", mutation(0, file: segments[0], offset: 0, value: 0x00)),
            ("newest-snapshot-flipped", mutation(1, file: snapshots.last ?? 0, offset: 80, value: 0x01)),
            ("every-snapshot-gone", snapshots.flatMap { mutation(3, file: $0, offset: 0) }),
            ("middle-segment-gone", mutation(3, file: segments[segments.count / 2], offset: 0)),
        ]
    }
    return 0
}
