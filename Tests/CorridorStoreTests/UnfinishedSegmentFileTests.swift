@testable import CorridorStore
import Foundation
import Testing

/// A crash while a segment file was being created leaves a last file that is
/// all zeros or shorter than a header: it never held a record, and recovery
/// removes it. It must remove nothing else.
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

    @Test(arguments: Leftover.allCases)
    func anUnfinishedOnlySegmentIsReplacedByAFreshOne(leftover: Leftover) async throws {
        try await withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: segmentsDirectory(directory), withIntermediateDirectories: true)
            let path = segmentsDirectory(directory) + "/" + SegmentFormat.fileName(firstSequence: 1)
            try writeFile(path, leftover.bytes())

            let (log, report, replayed) = try openLog(directory, options: Self.options)
            #expect(replayed.isEmpty)
            #expect(report.lastSequence == 0)
            #expect(try segmentHeader(ofFile: path).firstSequence == 1, "a fresh segment took its place")
            #expect(try fileSize(path) == 16 * 1024)
            #expect(try await log.appendOne(type: 1, payload: [1]).sequence == 1)
            try log.close()
        }
    }

    @Test(arguments: Leftover.allCases)
    func anUnfinishedLastSegmentIsRemovedAndTheLogContinuesBeforeIt(leftover: Leftover) async throws {
        try await withTemporaryDirectory { directory in
            var records: [StoredRecord] = []
            do {
                let (log, _, _) = try openLog(directory, options: Self.options)
                for index in 0..<15 { records.append(try await log.appendOne(type: 1, payload: patternPayload(count: 1000, seed: UInt64(index)))) }
                try log.close()
            }
            let real = segmentFilePaths(directory)
            try #require(real.count == 2)
            let unfinished = segmentsDirectory(directory) + "/" + SegmentFormat.fileName(firstSequence: 16)
            try writeFile(unfinished, leftover.bytes())

            let (log, report, replayed) = try openLog(directory, options: Self.options)
            #expect(replayed == records)
            #expect(report.lastSequence == 15)
            #expect(!FileManager.default.fileExists(atPath: unfinished), "the unfinished file is removed")
            #expect(segmentFilePaths(directory) == real)
            let next = try await log.appendOne(type: 2, payload: [2])
            #expect(next.sequence == 16)
            try log.close()
            let (reopened, _, again) = try openLog(directory, options: Self.options)
            #expect(again == records + [next])
            try reopened.close()
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
            #expect(error.rpcStatus.code == .dataLoss)
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
            #expect((failure as? StoreError)?.rpcStatus.code == .dataLoss, "opening should fail with DATA_LOSS, got \(String(describing: failure))")
        }
    }
}
