@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Testing

/// A command's records are one unit: when a crash leaves records after the
/// last commit mark, they were never acknowledged, and recovery drops them
/// without ever replaying them.
@Suite struct UnfinishedCommandTests {
    private static let options = smallSegments(64 * 1024)

    private func threeRecordCommand(_ directory: String, cleanClose: Bool) async throws -> [StoredRecord] {
        let (log, _, _) = try openLog(directory, options: Self.options)
        let stored = try await log.appendBatch([
            (type: 1, payload: Array("case opened".utf8)),
            (type: 2, payload: Array("party added".utf8)),
            (type: 3, payload: Array("site assigned".utf8)),
        ])
        if cleanClose { try log.close() }
        return stored
    }

    /// Two records of a next command, without its commit record, written
    /// straight into the segment file after the last record, as a crash
    /// between them and the commit record would leave them.
    private func writeUncommittedRecords(after stored: [StoredRecord], in directory: String) throws -> Range<Int> {
        let segment = try #require(segmentFilePaths(directory).last)
        let end = try #require(recordPlacements(ofSegment: segment).last?.paddedEnd)
        let size = 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        var offset = RecordWriter.write(
            PendingRecord(type: 4, payload: Array("never acknowledged".utf8), timestampNanoseconds: 1),
            sequence: UInt64(stored.count + 1), commit: false, to: buffer, at: 0
        )
        offset = RecordWriter.write(
            PendingRecord(type: 5, payload: Array("nor this".utf8), timestampNanoseconds: 1),
            sequence: UInt64(stored.count + 2), commit: false, to: buffer, at: offset
        )
        try overwrite(segment, at: end, with: Array(UnsafeRawBufferPointer(start: buffer, count: offset)))
        // The scanner sees them as valid records without a commit mark.
        let placements = try recordPlacements(ofSegment: segment)
        try #require(placements.count == stored.count + 2)
        try #require(placements.suffix(2).allSatisfy { !$0.commit })
        return end..<(end + offset)
    }

    @Test(arguments: [true, false])
    func recordsAfterTheLastCommitMarkAreDroppedAndNeverReplayed(cleanClose: Bool) async throws {
        try await withTemporaryDirectory { directory in
            let stored = try await threeRecordCommand(directory, cleanClose: cleanClose)
            let uncommitted = try writeUncommittedRecords(after: stored, in: directory)

            let (log, report, replayed) = try openLog(directory, options: Self.options)
            #expect(replayed == stored, "replay never delivers the unfinished command")
            #expect(report.droppedUncommittedRecords == 2)
            #expect(report.lastSequence == 3)
            #expect(report.truncatedTail?.offset == uncommitted.lowerBound)
            #expect(log.records() == stored)
            let segment = try #require(segmentFilePaths(directory).last)
            #expect(try fileBytes(segment)[uncommitted].allSatisfy { $0 == 0 }, "the dropped records are zeroed on disk")

            // Their sequences are given to the next command, not resurrected.
            let next = try await log.appendOne(type: 6, payload: Array("next command".utf8))
            #expect(next.sequence == 4)
            try log.close()
            let (reopened, again, all) = try openLog(directory, options: Self.options)
            #expect(all == stored + [next])
            #expect(again.droppedUncommittedRecords == 0)
            try reopened.close()
        }
    }

    /// The same from the other side: a command whose commit record is torn
    /// loses its earlier records too.
    @Test func aTornCommitRecordDropsTheWholeCommand() async throws {
        try await withTemporaryDirectory { directory in
            var first: [StoredRecord] = []
            do {
                let (log, _, _) = try openLog(directory, options: Self.options)
                first = try await log.appendBatch([(type: 1, payload: [1]), (type: 1, payload: [2])])
                _ = try await log.appendBatch([(type: 2, payload: [3]), (type: 2, payload: [4]), (type: 2, payload: [5])])
            }
            let segment = try #require(segmentFilePaths(directory).last)
            // The crash came before the second command's sync completed.
            try rewindWatermark(ofSegment: segment, toSequence: 2)
            let commit = try #require(recordPlacements(ofSegment: segment).last)
            try #require(commit.commit && commit.sequence == 5)
            try zeroBytes(segment, in: (commit.offset + 20)..<commit.paddedEnd)

            let (log, report, replayed) = try openLog(directory, options: Self.options)
            #expect(replayed == first)
            #expect(report.droppedUncommittedRecords == 2)
            #expect(report.lastSequence == 2)
            #expect(try await log.appendOne(type: 3, payload: [6]).sequence == 3)
            try log.close()
        }
    }
}
