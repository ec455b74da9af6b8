@testable import CorridorStore
import Foundation
import Testing

/// A segment closed cleanly (offline) had nothing in flight when it was
/// closed, so a bad record in it cannot be a torn write: it is damage to
/// acknowledged records. Recovery refuses with DATA_LOSS and touches nothing,
/// unless repairing.
@Suite struct CleanlyClosedSegmentDamageTests {
    @Test func aZeroedTailAfterACleanCloseIsDataLoss() async throws {
        let fixture = try await TwentyRecordLog.make(cleanClose: true)
        defer { fixture.removeFiles() }
        let segment = try fixture.freshCopy()
        let lastRecord = try #require(fixture.placements.last)
        try zeroBytes(segment, in: (lastRecord.offset + 8)..<fixture.writtenEnd)
        let before = try directoryContents(fixture.work)
        do {
            _ = try openLog(fixture.work, options: TwentyRecordLog.options)
            Issue.record("damage in a cleanly closed segment was cut as a torn tail")
        } catch let error as StoreError {
            #expect(error.isCorruption)
            #expect(error.description.contains(segment))
            #expect(error.description.contains("offset \(lastRecord.offset)"))
        }
        #expect(try directoryContents(fixture.work) == before, "a refused start must change nothing on disk")
    }

    @Test func aFlippedBitAfterACleanCloseIsDataLossAndRepairCutsIt() async throws {
        let fixture = try await TwentyRecordLog.make(cleanClose: true)
        defer { fixture.removeFiles() }
        let segment = try fixture.freshCopy()
        let lastRecord = try #require(fixture.placements.last)
        try flipBit(segment, at: lastRecord.offset + 40, bit: 3)
        #expect(throws: StoreError.self) { _ = try openLog(fixture.work, options: TwentyRecordLog.options) }

        var repairing = TwentyRecordLog.options
        repairing.repair = true
        let (log, report, replayed) = try openLog(fixture.work, options: repairing)
        #expect(!report.repairs.isEmpty)
        #expect(replayed == fixture.recordsWhollyBefore(lastRecord.offset))
        try log.close()
    }
}
