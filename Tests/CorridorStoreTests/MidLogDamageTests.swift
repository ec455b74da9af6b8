@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Testing

/// Damage before the tail, where acknowledged records follow it, is never
/// cut silently: opening fails with DATA_LOSS naming the file and offset and
/// touches nothing; only with `repair` does the log start, cut at the
/// damage, with the later segments moved to DIR/quarantine.
@Suite struct MidLogDamageTests {
    private static let options = smallSegments(16 * 1024)
    private static let recordCount = 50

    /// 50 records of 1000 bytes: eleven to a 16 KiB segment, five segments.
    private func fiveSegmentLog(_ directory: String) async throws -> [StoredRecord] {
        let (log, _, _) = try openLog(directory, options: Self.options)
        var records: [StoredRecord] = []
        for index in 0..<Self.recordCount {
            records.append(try await log.appendOne(type: UInt16(index), payload: patternPayload(count: 1000, seed: UInt64(index))))
        }
        try log.close()
        try #require(segmentFilePaths(directory).count == 5)
        return records
    }

    /// Flips a payload byte of the fifth record of segment `index`; returns
    /// the segment's path and the damaged record's placement.
    private func damageFifthRecord(ofSegment index: Int, in directory: String) throws -> (path: String, record: RecordPlacement) {
        let path = segmentFilePaths(directory)[index]
        let record = try recordPlacements(ofSegment: path)[4]
        try flipBit(path, at: record.offset + SegmentFormat.recordHeaderSize + 10, bit: 5)
        return (path, record)
    }

    @Test(arguments: [0, 2])
    func damageInASealedSegmentIsDataLossAndChangesNothing(segmentIndex: Int) async throws {
        try await withTemporaryDirectory { directory in
            _ = try await fiveSegmentLog(directory)
            let damage = try damageFifthRecord(ofSegment: segmentIndex, in: directory)
            let before = try directoryContents(directory)

            let error = try #require(throws: StoreError.self) { try openLog(directory, options: Self.options) }
            #expect(error.isCorruption)
            #expect(error.description.contains((damage.path as NSString).lastPathComponent), "names the file: \(error)")
            #expect(error.description.contains("offset \(damage.record.offset)"), "names the offset: \(error)")
            #expect(error.description.contains("--repair"), "says how to get going again: \(error)")

            let after = try directoryContents(directory)
            #expect(after.keys.sorted() == before.keys.sorted(), "no file created, moved or removed")
            #expect(after == before, "not one byte changed")
        }
    }

    @Test(arguments: [0, 2])
    func repairCutsAtTheDamageAndQuarantinesLaterSegments(segmentIndex: Int) async throws {
        try await withTemporaryDirectory { directory in
            let records = try await fiveSegmentLog(directory)
            let damage = try damageFifthRecord(ofSegment: segmentIndex, in: directory)
            let laterSegments = Array(segmentFilePaths(directory)[(segmentIndex + 1)...])
            let laterContents = try laterSegments.map(fileBytes)
            let kept = Array(records.prefix(Int(damage.record.sequence - 1)))

            let (log, report, replayed) = try openLog(directory, options: smallSegments(16 * 1024, repair: true))
            #expect(!report.repairs.isEmpty)
            #expect(report.repairs.joined().contains((damage.path as NSString).lastPathComponent))
            #expect(report.lastSequence == damage.record.sequence - 1)
            #expect(log.lastSequence == damage.record.sequence - 1)
            #expect(replayed == kept)
            #expect(log.records() == kept)

            let quarantine = directory + "/" + DataDirectoryLayout.quarantine
            let contents = try FileManager.default.contentsOfDirectory(atPath: quarantine).sorted()
            let quarantined = contents.filter { $0.hasSuffix(".log") }
            #expect(quarantined == laterSegments.map { ($0 as NSString).lastPathComponent })
            // What was cut off the damaged segment itself is kept too.
            let cutName = (damage.path as NSString).lastPathComponent + "@\(damage.record.offset).cut"
            #expect(contents.filter { $0.hasSuffix(".cut") } == [cutName])
            #expect(try quarantined.map { try fileBytes(quarantine + "/" + $0) } == laterContents, "moved, not altered")
            #expect(segmentFilePaths(directory).count == segmentIndex + 1)

            // The log goes on from the cut, and starts again without repair.
            let next = try await log.appendOne(type: 999, payload: Array("after repair".utf8))
            #expect(next.sequence == damage.record.sequence)
            try log.close()
            let (reopened, again, all) = try openLog(directory, options: Self.options)
            #expect(all == kept + [next])
            #expect(again.repairs.isEmpty)
            try reopened.close()
        }
    }

    @Test func aDamagedHeaderOfASealedSegmentIsDataLoss() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await fiveSegmentLog(directory)
            let path = segmentFilePaths(directory)[1]
            try flipBit(path, at: 30, bit: 0)
            let before = try directoryContents(directory)
            let error = try #require(throws: StoreError.self) { try openLog(directory, options: Self.options) }
            #expect(error.isCorruption)
            #expect(error.description.contains((path as NSString).lastPathComponent))
            #expect(try directoryContents(directory) == before)
        }
    }

    @Test func aMissingMiddleSegmentIsDataLoss() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await fiveSegmentLog(directory)
            try FileManager.default.removeItem(atPath: segmentFilePaths(directory)[2])
            let before = try directoryContents(directory)
            let error = try #require(throws: StoreError.self) { try openLog(directory, options: Self.options) }
            #expect(error.isCorruption)
            #expect(error.description.contains("missing"))
            #expect(try directoryContents(directory) == before)
        }
    }
}
