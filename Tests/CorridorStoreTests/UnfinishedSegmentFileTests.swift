@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Testing

/// Segments are created whole: under a temporary name until reserved and
/// their header is durable. A file under a segment's name that is short or
/// has no header is damage; a temporary one is a crash during creation.
@Suite struct UnfinishedSegmentFileTests {
    private static let options = smallSegments(16 * 1024)

    enum Leftover: String, CaseIterable, CustomTestStringConvertible {
        case empty, shorterThanFieldsWithJunk, shorterThanHeaderArea, fullSizeZeros
        var testDescription: String { rawValue }

        func bytes() -> [UInt8] {
            switch self {
            case .empty: []
            case .shorterThanFieldsWithJunk: patternPayload(count: 63, seed: 5)
            case .shorterThanHeaderArea: [UInt8](repeating: 0, count: SegmentFormat.headerSize - 1)
            case .fullSizeZeros: [UInt8](repeating: 0, count: 16 * 1024)
            }
        }
    }

    /// Issue 8: the active segment cut below its header was deleted as "left
    /// unfinished by a crash", and numbering restarted at 1 with every
    /// acknowledged record gone. Segments are now created whole under a
    /// temporary name, so a short or headerless file under a segment's name
    /// is damage: recovery refuses, names the file, and changes nothing.
    @Test(arguments: Leftover.allCases)
    func aSegmentShorterThanItsHeaderOrWithoutOneRefuses(leftover: Leftover) async throws {
        try await withTemporaryDirectory { directory in
            do {
                let (log, _, _) = try openLog(directory, options: Self.options)
                for index in 0..<15 { try await log.appendOne(type: 1, payload: patternPayload(count: 1000, seed: UInt64(index))) }
                // A crash: no close.
            }
            let last = try #require(segmentFilePaths(directory).last)
            try writeFile(last, leftover.bytes())
            let before = try directoryContents(directory)

            let error = try #require(throws: StoreError.self) { try openLog(directory, options: Self.options) }
            #expect(error.isCorruption)
            #expect(error.description.contains(last), "names the file: \(error)")
            #expect(try directoryContents(directory) == before, "a refused start changes nothing")
        }
    }

    /// The only segment cut short: numbering must not restart below a snapshot
    /// either (issue 8: 60 of 160 lost with a snapshot at 100).
    @Test func theOnlySegmentCutBelowItsHeaderBesideASnapshotRefuses() async throws {
        try await withTemporaryDirectory { directory in
            do {
                let (log, _, _) = try openLog(directory, options: smallSegments(1024 * 1024))
                for index in 0..<160 { try await log.appendOne(type: 1, payload: patternPayload(count: 50, seed: UInt64(index))) }
            }
            let only = try #require(segmentFilePaths(directory).first)
            try truncateFile(only, to: 1000)
            let error = try #require(throws: StoreError.self) {
                try openLog(directory, options: smallSegments(1024 * 1024), replayAfter: 100)
            }
            #expect(error.isCorruption)
            #expect(error.description.contains(only))
            #expect(try fileSize(only) == 1000, "left as it was")
        }
    }

    /// A snapshot beside a segments/ directory that holds no segment: the
    /// log is gone, and a new one must not number records from the snapshot
    /// on as if nothing came after it.
    @Test func aSnapshotWithoutAnySegmentRefusesUnlessRepairing() async throws {
        try await withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: segmentsDirectory(directory), withIntermediateDirectories: true)
            let error = try #require(throws: StoreError.self) { try openLog(directory, options: Self.options, replayAfter: 100) }
            #expect(error.isCorruption)
            #expect(segmentFilePaths(directory).isEmpty)

            let (log, report, _) = try openLog(directory, options: smallSegments(16 * 1024, repair: true), replayAfter: 100)
            #expect(report.lastSequence == 100)
            #expect(try await log.appendOne(type: 1, payload: [1]).sequence == 101, "never below the snapshot")
            try log.close()
        }
    }

    /// With --repair, a short last segment is moved to quarantine/ (not
    /// deleted) and the log goes on from the segment before it.
    @Test func repairMovesAShortLastSegmentToQuarantine() async throws {
        try await withTemporaryDirectory { directory in
            var records: [StoredRecord] = []
            do {
                let (log, _, _) = try openLog(directory, options: Self.options)
                for index in 0..<15 { records.append(try await log.appendOne(type: 1, payload: patternPayload(count: 1000, seed: UInt64(index)))) }
            }
            let segments = segmentFilePaths(directory)
            try #require(segments.count == 2)
            let firstOfLast = try recordPlacements(ofSegment: segments[1])[0].sequence
            try truncateFile(segments[1], to: 100)
            let cut = try fileBytes(segments[1])

            let (log, report, replayed) = try openLog(directory, options: smallSegments(16 * 1024, repair: true))
            #expect(replayed == Array(records.prefix(Int(firstOfLast - 1))))
            #expect(!report.repairs.isEmpty)
            let moved = directory + "/" + DataDirectoryLayout.quarantine + "/" + (segments[1] as NSString).lastPathComponent
            #expect(try fileBytes(moved) == cut, "moved, not deleted")
            try log.close()
        }
    }

    /// A crash while a segment was being created leaves only a temporary
    /// file, never a segment: recovery removes it and loses nothing.
    @Test func aTemporarySegmentLeftByACrashIsRemoved() async throws {
        try await withTemporaryDirectory { directory in
            var records: [StoredRecord] = []
            do {
                let (log, _, _) = try openLog(directory, options: Self.options)
                for index in 0..<5 { records.append(try await log.appendOne(type: 1, payload: patternPayload(count: 1000, seed: UInt64(index)))) }
            }
            let leftover = segmentsDirectory(directory) + "/" + SegmentFormat.fileName(firstSequence: 6) + Segment.temporarySuffix
            try writeFile(leftover, [UInt8](repeating: 0, count: 100))
            let (log, _, replayed) = try openLog(directory, options: Self.options)
            #expect(replayed == records)
            #expect(!FileManager.default.fileExists(atPath: leftover))
            try log.close()
        }
    }

    /// Creating a segment never leaves a file under a segment's name without
    /// its durable header, nor a temporary file behind.
    @Test func aCreatedSegmentHasItsHeaderAndNoTemporaryFileRemains() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: Self.options)
            for index in 0..<30 { try await log.appendOne(type: 1, payload: patternPayload(count: 1000, seed: UInt64(index))) }
            let names = try FileManager.default.contentsOfDirectory(atPath: segmentsDirectory(directory))
            #expect(names.allSatisfy { SegmentFormat.firstSequence(fromFileName: $0) != nil }, "\(names)")
            for path in segmentFilePaths(directory) {
                #expect(try segmentHeader(ofFile: path).firstSequence == SegmentFormat.firstSequence(fromFileName: (path as NSString).lastPathComponent))
            }
            try log.close()
        }
    }

    @Test func anEmptyFileBeforeOtherSegmentsIsDataLossNotRemoved() async throws {
        try await withTemporaryDirectory { directory in
            do {
                let (log, _, _) = try openLog(directory, options: Self.options)
                for index in 0..<15 { try await log.appendOne(type: 1, payload: patternPayload(count: 1000, seed: UInt64(index))) }
                try log.close()
            }
            let stray = segmentsDirectory(directory) + "/" + SegmentFormat.fileName(firstSequence: 5)
            try writeFile(stray, [])
            let error = try #require(throws: StoreError.self) { try openLog(directory, options: Self.options) }
            #expect(error.isCorruption)
            #expect(FileManager.default.fileExists(atPath: stray))
        }
    }

    /// Segment.create makes the header durable before any record is written,
    /// so a header area of zeros in front of records is damage, not a crash
    /// during creation: the records in it were acknowledged and must not be
    /// deleted with the file.
    @Test func aLastSegmentWithRecordsBehindAZeroedHeaderIsNotDeleted() async throws {
        try await withTemporaryDirectory { directory in
            do {
                let (log, _, _) = try openLog(directory, options: Self.options)
                for index in 0..<15 { try await log.appendOne(type: 1, payload: patternPayload(count: 1000, seed: UInt64(index))) }
                try log.close()
            }
            let last = try #require(segmentFilePaths(directory).last)
            try #require(try recordPlacements(ofSegment: last).count == 4)
            try zeroBytes(last, in: 0..<SegmentFormat.headerSize)
            let damaged = try fileBytes(last)

            var opened: EventLog?
            var failure: (any Error)?
            do {
                opened = try openLog(directory, options: Self.options).log
            } catch {
                failure = error
            }
            try opened?.close()
            #expect(FileManager.default.fileExists(atPath: last), "a segment holding acknowledged records was deleted")
            #expect((try? fileBytes(last)) == damaged, "the damaged segment is left as it was for inspection")
            #expect((failure as? StoreError)?.isCorruption == true, "opening should fail with DATA_LOSS, got \(String(describing: failure))")
        }
    }
}
