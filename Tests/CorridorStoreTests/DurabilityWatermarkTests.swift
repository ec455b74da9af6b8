@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Testing

/// The flusher records in the active segment's header how far records are
/// known durable. A crash can only tear what came after; missing or damaged
/// records below the watermark are damage to acknowledged records.
@Suite struct DurabilityWatermarkTests {
    static let options = smallSegments(64 * 1024)

    @Test func theWatermarkFollowsDurableAppends() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: Self.options)
            var last: StoredRecord?
            for index in 0..<10 { last = try await log.appendOne(type: 1, payload: patternPayload(count: 100, seed: UInt64(index))) }
            let header = try segmentHeader(ofFile: segmentFilePaths(directory).last!)
            #expect(header.durableLastSequence == last?.sequence)
            #expect(header.durableEndOffset > UInt64(SegmentFormat.headerSize))
            try log.close()
        }
    }

    @Test func recordsLostBelowTheWatermarkAreDataLossNotATornTail() async throws {
        try await withTemporaryDirectory { directory in
            do {
                let (log, _, _) = try openLog(directory, options: Self.options)
                for index in 0..<10 { _ = try await log.appendOne(type: 1, payload: patternPayload(count: 100, seed: UInt64(index))) }
                // Dropped without close: a crash.
            }
            let segment = segmentFilePaths(directory).last!
            let header = try segmentHeader(ofFile: segment)
            let placements = try recordPlacements(ofSegment: segment)
            let victim = try #require(placements.dropLast().last)
            #expect(UInt64(victim.offset) < header.durableEndOffset)
            try zeroBytes(segment, in: victim.offset..<Int(header.durableEndOffset))
            let before = try directoryContents(directory)
            do {
                _ = try openLog(directory, options: Self.options)
                Issue.record("acknowledged records below the watermark were cut as a torn tail")
            } catch let error as StoreError {
                #expect(error.isCorruption)
                #expect(error.description.contains("acknowledged"))
            }
            #expect(try directoryContents(directory) == before, "a refused start changes nothing")
        }
    }
}
