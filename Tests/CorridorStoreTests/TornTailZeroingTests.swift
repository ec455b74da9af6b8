@testable import CorridorStore
import Foundation
import Testing

/// A crash in the middle of writing the tail: the bytes of the last segment
/// from some offset on never reached the disk (they read as zeros, the
/// segment being preallocated). For every such offset across the last three
/// records, recovery keeps exactly the records wholly before it, zeroes the
/// torn remains, and the next append continues the sequence.
@Suite struct TornTailZeroingTests {
    // Only after a crash: a cleanly closed segment had nothing in flight, so
    // damage there is DATA_LOSS (CleanlyClosedSegmentDamageTests).
    @Test(arguments: [false])
    func recoveryKeepsExactlyTheRecordsWhollyBeforeTheTear(cleanClose: Bool) async throws {
        let fixture = try await TwentyRecordLog.make(cleanClose: cleanClose)
        defer { fixture.removeFiles() }
        var checked = 0
        for offset in fixture.tailOffsets {
            let context = Comment(rawValue: "zeroed from offset \(offset) (clean close: \(cleanClose))")
            let segment = try fixture.freshCopy()
            let fileLength = try fileSize(segment)
            try zeroBytes(segment, in: offset..<fixture.writtenEnd)
            let expected = fixture.recordsWhollyBefore(offset)

            let (log, report, replayed) = try openLog(fixture.work, options: TwentyRecordLog.options)
            #expect(replayed == expected, context)
            #expect(log.records() == expected, context)
            #expect(report.lastSequence == UInt64(expected.count), context)
            #expect(report.droppedUncommittedRecords == 0, "single-record commands: nothing uncommitted; \(context)")

            // Nothing of the torn record is left for a later scan to misread.
            let bytes = try fileBytes(segment)
            #expect(bytes.count == fileLength, "the reservation is kept; \(context)")
            #expect(bytes[fixture.keptEnd(expected)...].allSatisfy { $0 == 0 }, context)

            // The next command gets the next sequence and is durable.
            let next = try await log.appendOne(type: 7, payload: Array("after the tear".utf8))
            #expect(next.sequence == UInt64(expected.count + 1), context)
            try log.close()
            let (reopened, _, again) = try openLog(fixture.work, options: TwentyRecordLog.options)
            #expect(again == expected + [next], context)
            try reopened.close()
            checked += 1
        }
        #expect(checked == fixture.tailOffsets.count)
        #expect(checked > 100, "the last three records span \(checked) bytes")
    }
}
