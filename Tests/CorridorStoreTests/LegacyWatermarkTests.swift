@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Testing

/// Segments written before the watermark became exact carry no
/// exact-watermark flag, and their watermark lagged up to a second behind
/// the acknowledged records. Upgrading after a crash must not cut those
/// records: above such a watermark, valid records are kept, and a bad record
/// that valid ones follow is damage (refused), not a torn write. Once opened,
/// the segment's watermark is exact from then on.
@Suite struct LegacyWatermarkTests {
    static let options = smallSegments(64 * 1024)

    /// Twenty single-record commands, then a crash, and the header made to
    /// look as an earlier build left it: no flag, watermark at sequence 5.
    private func legacyCrashedLog(_ directory: String) async throws -> (records: [StoredRecord], segment: String, placements: [RecordPlacement]) {
        var records: [StoredRecord] = []
        do {
            let (log, _, _) = try openLog(directory, options: Self.options)
            for index in 0..<20 { records.append(try await log.appendOne(type: 1, payload: patternPayload(count: 200, seed: UInt64(index)))) }
        }
        let segment = try #require(segmentFilePaths(directory).last)
        try rewindWatermark(ofSegment: segment, toSequence: 5)
        var header = try segmentHeader(ofFile: segment)
        header.compatibleFlags &= ~SegmentFormat.exactWatermarkFlag
        try overwrite(segment, at: 0, with: header.encoded())
        return (records, segment, try recordPlacements(ofSegment: segment))
    }

    @Test func newSegmentsCarryTheExactWatermarkFlag() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: Self.options)
            _ = try await log.appendOne(type: 1, payload: [1, 2, 3])
            let header = try segmentHeader(ofFile: try #require(segmentFilePaths(directory).last))
            #expect(header.hasExactWatermark)
            try log.close()
        }
    }

    @Test func validRecordsAboveALaggingWatermarkAreKeptAndTheWatermarkBecomesExact() async throws {
        try await withTemporaryDirectory { directory in
            let (records, segment, placements) = try await legacyCrashedLog(directory)
            let (log, report, replayed) = try openLog(directory, options: Self.options)
            #expect(replayed == records)
            #expect(report.lastSequence == 20)
            #expect(report.quarantined.isEmpty)
            let header = try segmentHeader(ofFile: segment)
            #expect(header.hasExactWatermark)
            #expect(header.durableLastSequence == 20)
            #expect(header.durableEndOffset == UInt64(try #require(placements.last).paddedEnd))
            #expect(try await log.appendOne(type: 2, payload: [1]).sequence == 21)
            try log.close()
        }
    }

    @Test func aFlippedByteAboveALaggingWatermarkThatValidRecordsFollowRefuses() async throws {
        try await withTemporaryDirectory { directory in
            let (_, segment, placements) = try await legacyCrashedLog(directory)
            let victim = placements[9]  // sequence 10, above the watermark at 5
            try flipBit(segment, at: victim.offset + SegmentFormat.recordHeaderSize + 7, bit: 1)
            let before = try directoryContents(directory)
            let error = try #require(throws: StoreError.self) { try openLog(directory, options: Self.options) }
            #expect(error.isCorruption)
            #expect(error.description.contains(segment), "\(error)")
            #expect(error.description.contains("offset \(victim.offset)"), "\(error)")
            #expect(error.description.contains("valid records follow"), "\(error)")
            #expect(try directoryContents(directory) == before, "a refused start changes nothing")
            // inspect verify agrees with the daemon.
            let verdict = try DataDirectoryInspector(directory: directory).verify()
            #expect(!verdict.isClean)
        }
    }

    @Test func aTornLastRecordAboveALaggingWatermarkIsStillCut() async throws {
        try await withTemporaryDirectory { directory in
            let (records, segment, placements) = try await legacyCrashedLog(directory)
            let last = try #require(placements.last)
            // A torn write: the last record's second half never reached the disk.
            try zeroBytes(segment, in: (last.offset + 40)..<last.paddedEnd)
            let (log, report, replayed) = try openLog(directory, options: Self.options)
            #expect(replayed == Array(records.prefix(19)))
            #expect(report.lastSequence == 19)
            #expect(report.quarantined.count == 1)
            #expect(try segmentHeader(ofFile: segment).hasExactWatermark)
            try log.close()
        }
    }
}
