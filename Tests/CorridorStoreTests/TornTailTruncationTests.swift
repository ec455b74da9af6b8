@testable import CorridorStore
import Foundation
import Glibc
import Testing

/// The last segment file cut short (ftruncate to an offset inside the last
/// three records): a file shorter than its reservation, as a copy that ran
/// out of room, or a file system without fallocate, can leave it. Recovery
/// must keep exactly the records wholly before the cut, and what is appended
/// afterwards must be as durable as anything else the log acknowledges.
@Suite struct TornTailTruncationTests {
    // Only after a crash: a cleanly closed segment had nothing in flight, so
    // damage there is DATA_LOSS (CleanlyClosedSegmentDamageTests).
    @Test(arguments: [false])
    func recoveryOfAShortFileKeepsExactlyTheRecordsWhollyBeforeItsEnd(cleanClose: Bool) async throws {
        let fixture = try await TwentyRecordLog.make(cleanClose: cleanClose)
        defer { fixture.removeFiles() }
        for offset in fixture.tailOffsets {
            let context = Comment(rawValue: "file cut at offset \(offset) (clean close: \(cleanClose))")
            let segment = try fixture.freshCopy()
            try truncateFile(segment, to: offset)
            let expected = fixture.recordsWhollyBefore(offset)

            let (log, report, replayed) = try openLog(fixture.work, options: TwentyRecordLog.options)
            #expect(replayed == expected, context)
            #expect(log.records() == expected, context)
            #expect(report.lastSequence == UInt64(expected.count), context)
            #expect(log.lastSequence == UInt64(expected.count), "the next append continues at \(expected.count + 1); \(context)")
            let bytes = try fileBytes(segment)
            #expect(bytes[min(fixture.keptEnd(expected), bytes.count)...].allSatisfy { $0 == 0 }, context)
            try log.close()
        }
    }

    /// After recovering a short last segment, one small durable append; then
    /// a restart must still hold it. (The append stays inside the mapped last
    /// page of the short file, so this cannot fault; see
    /// ActiveSegmentSizeTests for appends that go further.)
    // Only after a crash: a cleanly closed segment had nothing in flight, so
    // damage there is DATA_LOSS (CleanlyClosedSegmentDamageTests).
    @Test(arguments: [false])
    func aRecordAppendedAfterRecoveringAShortFileSurvivesARestart(cleanClose: Bool) async throws {
        let fixture = try await TwentyRecordLog.make(cleanClose: cleanClose)
        defer { fixture.removeFiles() }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        var lost: [Int] = []
        for offset in fixture.tailOffsets {
            let segment = try fixture.freshCopy()
            try truncateFile(segment, to: offset)
            let expected = fixture.recordsWhollyBefore(offset)
            let mappedEnd = (offset + pageSize - 1) / pageSize * pageSize
            try #require(fixture.keptEnd(expected) + SegmentFormat.paddedLength(payloadBytes: 8) <= mappedEnd, "the append must stay inside the mapping")

            let (log, _, _) = try openLog(fixture.work, options: TwentyRecordLog.options)
            let next = try await log.appendOne(type: 7, payload: Array("acknowl.".utf8))
            #expect(next.sequence == UInt64(expected.count + 1))
            try log.close()
            let (reopened, _, replayed) = try openLog(fixture.work, options: TwentyRecordLog.options)
            if replayed != expected + [next] { lost.append(offset) }
            try reopened.close()
        }
        let noAcknowledgedAppendWasLost = lost.isEmpty
        #expect(
            noAcknowledgedAppendWasLost,
            "an acknowledged append was lost after a restart for \(lost.count) of \(fixture.tailOffsets.count) cut offsets (first: \(lost.prefix(5)))"
        )
    }
}
