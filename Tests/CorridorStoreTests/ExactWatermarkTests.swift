@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Testing

/// Issue 8, finding 1: the watermark was written at most once a second, so
/// damage to acknowledged records just past it was cut as a torn tail (one
/// flipped byte cut 13 acknowledged cases, logging that none of it was
/// acknowledged). The watermark is now exact: durable before any append it
/// covers is answered. At or below it, damage refuses to start; above it,
/// what is cut was never acknowledged, and a copy is kept in quarantine/.
@Suite struct ExactWatermarkTests {
    static let options = smallSegments(64 * 1024)

    /// Twenty acknowledged single-record commands, then a crash (no close).
    private func crashedLog(_ directory: String) async throws -> (records: [StoredRecord], segment: String, placements: [RecordPlacement]) {
        var records: [StoredRecord] = []
        do {
            let (log, _, _) = try openLog(directory, options: Self.options)
            for index in 0..<20 { records.append(try await log.appendOne(type: 1, payload: patternPayload(count: 200, seed: UInt64(index)))) }
        }
        let segment = try #require(segmentFilePaths(directory).last)
        return (records, segment, try recordPlacements(ofSegment: segment))
    }

    private func expectRefusal(_ directory: String, naming segment: String, offset: Int, _ comment: Comment) throws {
        let before = try directoryContents(directory)
        let error = try #require(throws: StoreError.self, comment) { try openLog(directory, options: Self.options) }
        #expect(error.isCorruption, comment)
        #expect(error.description.contains(segment), "names the file: \(error)")
        #expect(error.description.contains("offset \(offset)"), "names the offset: \(error)")
        #expect(error.description.contains("acknowledged"), comment)
        #expect(try directoryContents(directory) == before, "a refused start changes nothing")
    }

    @Test func everyAcknowledgedAppendIsCoveredByTheWatermarkAtOnce() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: Self.options)
            for index in 0..<10 {
                let record = try await log.appendOne(type: 1, payload: patternPayload(count: 100, seed: UInt64(index)))
                let path = try #require(segmentFilePaths(directory).last)
                let header = try segmentHeader(ofFile: path)
                #expect(header.durableLastSequence == record.sequence, "append \(index)")
                let placement = try #require(try recordPlacements(ofSegment: path).last)
                #expect(header.durableEndOffset == UInt64(placement.paddedEnd))
            }
            try log.close()
        }
    }

    /// The case: one flipped byte in an acknowledged record with
    /// valid acknowledged records after it.
    @Test func aFlippedByteFollowedByValidAcknowledgedRecordsRefuses() async throws {
        try await withTemporaryDirectory { directory in
            let (_, segment, placements) = try await crashedLog(directory)
            let victim = placements[7]
            try flipBit(segment, at: victim.offset + SegmentFormat.recordHeaderSize + 3, bit: 2)
            try expectRefusal(directory, naming: segment, offset: victim.offset, "a flipped byte in record 8 of 20")
        }
    }

    @Test func aFlippedByteInTheLastAcknowledgedRecordRefuses() async throws {
        try await withTemporaryDirectory { directory in
            let (_, segment, placements) = try await crashedLog(directory)
            let last = try #require(placements.last)
            for offset in [last.offset, last.offset + 4, last.offset + 8, last.offset + 26, last.end - 1] {
                try withCopy(of: directory) { copy in
                    let path = segmentFilePaths(copy).last!
                    try flipBit(path, at: offset, bit: 0)
                    try expectRefusal(copy, naming: path, offset: last.offset, "byte \(offset - last.offset) of the last record")
                }
            }
        }
    }

    @Test func truncationBelowTheWatermarkRefuses() async throws {
        try await withTemporaryDirectory { directory in
            let (_, segment, placements) = try await crashedLog(directory)
            for cut in [placements[3].offset + 5, placements[19].offset, placements[19].end - 1] {
                try withCopy(of: directory) { copy in
                    let path = segmentFilePaths(copy).last!
                    try truncateFile(path, to: cut)
                    let before = try directoryContents(copy)
                    let error = try #require(throws: StoreError.self) { try openLog(copy, options: Self.options) }
                    #expect(error.isCorruption, "cut at \(cut)")
                    #expect(error.description.contains(path))
                    #expect(try directoryContents(copy) == before)
                }
            }
            _ = segment
        }
    }

    /// Power loss with a mapping: pages of a sync that never completed can
    /// reach the disk in any order, so above the watermark a bad record
    /// followed by valid ones is a torn write. It is cut — none of it was
    /// acknowledged — and a copy of the cut bytes is kept.
    @Test func aboveTheWatermarkABadRecordFollowedByValidOnesIsCutWithACopyKept() async throws {
        try await withTemporaryDirectory { directory in
            let (records, segment, placements) = try await crashedLog(directory)
            try rewindWatermark(ofSegment: segment, toSequence: 12)
            // placements[12] is sequence 13, the first record above the watermark.
            try flipBit(segment, at: placements[12].offset + SegmentFormat.recordHeaderSize + 1, bit: 4)
            let cutBytes = Array(try fileBytes(segment)[placements[11].paddedEnd..<placements[19].paddedEnd])

            let (log, report, replayed) = try openLog(directory, options: Self.options)
            #expect(replayed == Array(records.prefix(12)))
            #expect(report.lastSequence == 12)
            let copy = directory + "/" + DataDirectoryLayout.quarantine + "/" + (segment as NSString).lastPathComponent + "@\(placements[11].paddedEnd).cut"
            #expect(report.quarantined == [copy])
            try expectCopy(copy, holds: cutBytes)
            #expect(try await log.appendOne(type: 2, payload: [1]).sequence == 13)
            try log.close()
        }
    }

    /// A header with a valid checksum but a watermark beyond any file is
    /// damage like any other, never an overflow trap.
    @Test func anImpossibleWatermarkRefusesWithoutATrap() async throws {
        try await withTemporaryDirectory { directory in
            let (_, segment, _) = try await crashedLog(directory)
            var header = try segmentHeader(ofFile: segment)
            header.durableEndOffset = UInt64.max
            try overwrite(segment, at: 0, with: header.encoded())
            let error = try #require(throws: StoreError.self) { try openLog(directory, options: Self.options) }
            #expect(error.isCorruption)
            #expect(!(try DataDirectoryInspector(directory: directory).verify().isClean))
        }
    }

    /// --repair cuts acknowledged damage too, but never without a copy.
    @Test func repairCutsDamageBelowTheWatermarkAndKeepsACopy() async throws {
        try await withTemporaryDirectory { directory in
            let (records, segment, placements) = try await crashedLog(directory)
            try flipBit(segment, at: placements[15].offset + 40, bit: 1)
            let cutBytes = Array(try fileBytes(segment)[placements[15].offset..<placements[19].paddedEnd])
            let (log, report, replayed) = try openLog(directory, options: smallSegments(64 * 1024, repair: true))
            #expect(replayed == Array(records.prefix(15)))
            #expect(!report.repairs.isEmpty)
            let copy = try #require(report.quarantined.first)
            try expectCopy(copy, holds: cutBytes)
            try log.close()
            // The watermark now ends at the cut: the next start is clean.
            let (reopened, again, _) = try openLog(directory, options: Self.options)
            #expect(again.lastSequence == 15)
            try reopened.close()
        }
    }

    /// Group commit still batches: many appends share one records msync and
    /// one header msync.
    @Test func concurrentAppendsShareSyncs() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: smallSegments(1024 * 1024))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<32 {
                    group.addTask {
                        for index in 0..<20 { try await log.appendOne(type: 1, payload: patternPayload(count: 64, seed: UInt64(writer * 100 + index))) }
                    }
                }
                try await group.waitForAll()
            }
            let figures = log.figures
            #expect(figures.syncedRecords == 640)
            #expect(figures.syncs < 640, "\(figures.syncs) syncs for 640 appends")
            let header = try segmentHeader(ofFile: segmentFilePaths(directory).last!)
            #expect(header.durableLastSequence == 640)
            try log.close()
        }
    }
}

/// The copy holds the cut records, then only the zeros up to the end of
/// the page they ended in (recovery cuts whole pages of the unused tail).
func expectCopy(_ path: String, holds bytes: [UInt8]) throws {
    let copy = try fileBytes(path)
    #expect(Array(copy.prefix(bytes.count)) == bytes, "the copy holds what was cut")
    #expect(copy.dropFirst(bytes.count).allSatisfy { $0 == 0 })
}

/// Runs `body` on a copy of a data directory, removed afterwards.
func withCopy(of directory: String, _ body: (String) throws -> Void) throws {
    let copy = directory + "-copy"
    try copyDirectory(directory, to: copy)
    defer { try? FileManager.default.removeItem(atPath: copy) }
    try body(copy)
}
