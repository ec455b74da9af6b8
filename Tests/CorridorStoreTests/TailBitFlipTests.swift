@testable import CorridorStore
import Foundation
import Testing

/// One flipped bit anywhere in the last record (header or payload) fails its
/// checksum: recovery keeps exactly the intact prefix, the records before it.
/// A flipped bit in the padding after the payload damages no record.
@Suite struct TailBitFlipTests {
    // Only after a crash: a cleanly closed segment had nothing in flight, so
    // damage there is DATA_LOSS (CleanlyClosedSegmentDamageTests).
    @Test(arguments: [false])
    func aFlippedBitInTheLastRecordCutsExactlyThatRecord(cleanClose: Bool) async throws {
        let fixture = try await TwentyRecordLog.make(cleanClose: cleanClose)
        defer { fixture.removeFiles() }
        let last = try #require(fixture.placements.last)
        let intact = Array(fixture.records.dropLast())
        for offset in last.offset..<last.end {
            let bit = (offset - last.offset) % 8
            let context = Comment(rawValue: "bit \(bit) of byte \(offset - last.offset) of the last record (clean close: \(cleanClose))")
            let segment = try fixture.freshCopy()
            try flipBit(segment, at: offset, bit: bit)

            let (log, report, replayed) = try openLog(fixture.work, options: TwentyRecordLog.options)
            #expect(replayed == intact, context)
            #expect(report.lastSequence == 19, context)
            #expect(report.truncatedTail?.offset == last.offset, context)
            #expect(try fileBytes(segment)[last.offset...].allSatisfy { $0 == 0 }, "the damaged record is zeroed; \(context)")
            let next = try await log.appendOne(type: 9, payload: [0xAB])
            #expect(next.sequence == 20, context)
            #expect(log.records() == intact + [next], context)
            try log.close()
        }
    }

    @Test(arguments: [true, false])
    func aFlippedBitInThePaddingLosesNothing(cleanClose: Bool) async throws {
        let fixture = try await TwentyRecordLog.make(cleanClose: cleanClose)
        defer { fixture.removeFiles() }
        let last = try #require(fixture.placements.last)
        try #require(last.paddedEnd > last.end, "the fixture's last record has padding")
        for offset in last.end..<last.paddedEnd {
            let segment = try fixture.freshCopy()
            try flipBit(segment, at: offset, bit: 3)
            let (log, report, replayed) = try openLog(fixture.work, options: TwentyRecordLog.options)
            #expect(replayed == fixture.records, "padding byte \(offset - last.end)")
            #expect(report.lastSequence == 20)
            #expect(try await log.appendOne(type: 9, payload: [1]).sequence == 21)
            try log.close()
        }
    }
}
