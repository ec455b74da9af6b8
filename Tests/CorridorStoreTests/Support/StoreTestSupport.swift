@testable import CorridorStore
import Foundation
import Glibc
import Logging
import Testing
import CorridorTestSupport

// Shared helpers of the storage engine's tests: a quiet logger, records as
// plain values, raw file surgery for damage and crash simulation. Temporary
// directories and the seeded generator come from CorridorTestSupport.

let quietLogger = Logger(label: "corridor.store.tests") { _ in SwiftLogNoOpLogHandler() }

/// A record as the tests compare it: what was appended, and where it landed.
struct StoredRecord: Equatable, Sendable, CustomStringConvertible {
    var sequence: UInt64
    var type: UInt16
    var payload: [UInt8]

    init(sequence: UInt64, type: UInt16, payload: [UInt8]) {
        self.sequence = sequence
        self.type = type
        self.payload = payload
    }

    init(_ view: RecordView) {
        self.init(sequence: view.header.sequence, type: view.header.type, payload: Array(view.payload))
    }

    var description: String { "#\(sequence)(type \(type), \(payload.count) bytes)" }
}

/// Options with small segments so that rolls happen after a few records.
func smallSegments(_ bytes: Int = 64 * 1024, repair: Bool = false) -> StoreOptions {
    var options = StoreOptions()
    options.segmentBytes = bytes
    options.repair = repair
    return options
}

/// Opens the log and collects what recovery replayed.
func openLog(
    _ directory: String, options: StoreOptions, replayAfter: UInt64 = 0
) throws -> (log: EventLog, report: RecoveryReport, replayed: [StoredRecord]) {
    var replayed: [StoredRecord] = []
    let (log, report) = try EventLog.open(
        directory: directory, options: options, replayAfter: replayAfter, logger: quietLogger,
        replay: { replayed.append(StoredRecord($0)) }
    )
    return (log, report, replayed)
}

extension EventLog {
    /// Every durable record from `sequence` on, via `read(from:)`.
    func records(from sequence: UInt64 = 1) -> [StoredRecord] {
        var records: [StoredRecord] = []
        read(from: sequence) { records.append(StoredRecord($0)); return true }
        return records
    }

    /// Appends one record durably and returns it as stored.
    @discardableResult
    func appendOne(type: UInt16, payload: [UInt8]) async throws -> StoredRecord {
        let range = try await appendDurably([PendingRecord(type: type, payload: payload, timestampNanoseconds: 1)])
        #expect(range.count == 1)
        return StoredRecord(sequence: range.lowerBound, type: type, payload: payload)
    }

    /// Appends one batch durably and returns its records as stored.
    func appendBatch(_ batch: [(type: UInt16, payload: [UInt8])]) async throws -> [StoredRecord] {
        let range = try await appendDurably(batch.map { PendingRecord(type: $0.type, payload: $0.payload, timestampNanoseconds: 1) })
        #expect(range.count == batch.count)
        return zip(range, batch).map { StoredRecord(sequence: $0, type: $1.type, payload: $1.payload) }
    }
}

/// Payload bytes that differ from record to record, so a record read from
/// the wrong place never compares equal.
func patternPayload(count: Int, seed: UInt64) -> [UInt8] {
    var generator = SeededGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(count))
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
}

// MARK: Files on disk

func segmentsDirectory(_ dataDirectory: String) -> String {
    dataDirectory + "/" + DataDirectoryLayout.segments
}

/// Paths of the segment files, oldest first.
func segmentFilePaths(_ dataDirectory: String) -> [String] {
    let directory = segmentsDirectory(dataDirectory)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { SegmentFormat.firstSequence(fromFileName: $0) != nil }.sorted().map { directory + "/" + $0 }
}

func fileBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

func fileSize(_ path: String) throws -> Int {
    try (FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
}

/// Overwrites bytes of an existing file in place (the file keeps its size unless the write runs past it).
func overwrite(_ path: String, at offset: Int, with bytes: [UInt8]) throws {
    let descriptor = open(path, O_WRONLY)
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(descriptor) }
    let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
    guard written == bytes.count else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}

func zeroBytes(_ path: String, in range: Range<Int>) throws {
    try overwrite(path, at: range.lowerBound, with: [UInt8](repeating: 0, count: range.count))
}

func flipBit(_ path: String, at offset: Int, bit: Int) throws {
    var byte = try fileBytes(path)[offset]
    byte ^= UInt8(1) << UInt8(bit)
    try overwrite(path, at: offset, with: [byte])
}

func truncateFile(_ path: String, to length: Int) throws {
    guard truncate(path, off_t(length)) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}

func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Copies a whole data directory (for one damage experiment on a pristine log).
func copyDirectory(_ source: String, to destination: String) throws {
    if FileManager.default.fileExists(atPath: destination) {
        try FileManager.default.removeItem(atPath: destination)
    }
    try FileManager.default.copyItem(atPath: source, toPath: destination)
}

/// Every regular file under a directory with its bytes, for "nothing changed on disk".
func directoryContents(_ directory: String) throws -> [String: [UInt8]] {
    var contents: [String: [UInt8]] = [:]
    guard let walker = FileManager.default.enumerator(atPath: directory) else { return contents }
    while let relative = walker.nextObject() as? String {
        let path = directory + "/" + relative
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            contents[relative] = try fileBytes(path)
        } else {
            contents[relative + "/"] = []
        }
    }
    return contents
}

/// Where one record lies in its segment file.
struct RecordPlacement: Equatable {
    var sequence: UInt64
    var offset: Int
    /// Header plus payload, without padding.
    var length: Int
    var commit: Bool
    var end: Int { offset + length }
    var paddedEnd: Int { offset + SegmentFormat.paddedLength(payloadBytes: length - SegmentFormat.recordHeaderSize) }
}

/// The valid records of one segment file as the scanner sees them.
func recordPlacements(ofSegment path: String) throws -> [RecordPlacement] {
    let bytes = try fileBytes(path)
    return try bytes.withUnsafeBytes { raw in
        let header = try SegmentHeader(decoding: raw)
        var placements: [RecordPlacement] = []
        _ = RecordScanner.scan(raw, firstSequence: header.firstSequence) { view in
            placements.append(RecordPlacement(
                sequence: view.header.sequence, offset: view.offset, length: Int(view.header.length),
                commit: view.header.flags.contains(.commit)
            ))
        }
        return placements
    }
}

/// Moves the active segment's durability watermark back to just after the
/// record with `sequence` (nil: to no record at all), as a crash leaves it when
/// the syncs of the later records never completed: they were never
/// acknowledged, and are what a crash may tear.
func rewindWatermark(ofSegment path: String, toSequence sequence: UInt64?) throws {
    var header = try segmentHeader(ofFile: path)
    if let sequence {
        let placement = try #require(try recordPlacements(ofSegment: path).first { $0.sequence == sequence })
        header.durableLastSequence = sequence
        header.durableEndOffset = UInt64(placement.paddedEnd)
    } else {
        header.durableLastSequence = 0
        header.durableEndOffset = 0
    }
    try overwrite(path, at: 0, with: header.encoded())
}

func segmentHeader(ofFile path: String) throws -> SegmentHeader {
    let bytes = try fileBytes(path)
    return try bytes.withUnsafeBytes { try SegmentHeader(decoding: $0) }
}
