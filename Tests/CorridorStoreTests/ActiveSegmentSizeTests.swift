@testable import CorridorStore
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// Appends into the segment recovery reopened must stay inside that
/// segment's file and mapping, whatever its size: a last segment shorter
/// than its reservation, or a data directory reopened with a different
/// `segmentBytes`. The appends that could fault run in a child process
/// (exit tests), so a SIGSEGV/SIGBUS fails the test instead of the suite.
@Suite struct ActiveSegmentSizeTests {
    /// In the child: appends `count` records of 100 bytes durably, closes,
    /// reopens, and exits 0 only if every acknowledged record is there.
    private static func appendAndVerifyInChild(directory: String, segmentBytes: Int, count: Int) async throws {
        let options = smallSegments(segmentBytes)
        let (log, _, before) = try openLog(directory, options: options)
        var expected = before
        for index in 0..<count {
            expected.append(try await log.appendOne(type: 3, payload: patternPayload(count: 100, seed: UInt64(index))))
        }
        try log.close()
        let (reopened, _, after) = try openLog(directory, options: options)
        try reopened.close()
        guard after == expected else {
            FileHandle.standardError.write(Data("acknowledged \(expected.count) records, found \(after.count) after a restart\n".utf8))
            exit(1)
        }
    }

    private static func fiveRecordLog(_ directory: String, segmentBytes: Int) async throws {
        let (log, _, _) = try openLog(directory, options: smallSegments(segmentBytes))
        for index in 0..<5 { try await log.appendOne(type: 3, payload: patternPayload(count: 100, seed: UInt64(1000 + index))) }
        try log.close()
    }

    @Test func appendsAfterRecoveringAShortLastSegmentStayDurableAndDoNotFault() async throws {
        try await withTemporaryDirectory { directory in
            try await Self.fiveRecordLog(directory, segmentBytes: 16 * 1024)
            let segment = try #require(segmentFilePaths(directory).last)
            let end = try #require(recordPlacements(ofSegment: segment).last?.paddedEnd)
            // Cut at the end of the last record: no record is lost by the cut
            // itself, the file is just shorter than its 16 KiB reservation.
            try truncateFile(segment, to: end)

            let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) { [directory = directory as String] in
                try await Self.appendAndVerifyInChild(directory: directory, segmentBytes: 16 * 1024, count: 60)
            }
            if let result, result.exitStatus != .exitCode(0) {
                Issue.record("child: \(result.exitStatus); \(String(decoding: result.standardErrorContent, as: UTF8.self).suffix(300))")
            }
        }
    }

    @Test func reopeningWithLargerSegmentsDoesNotWritePastTheOldSegment() async throws {
        try await withTemporaryDirectory { directory in
            try await Self.fiveRecordLog(directory, segmentBytes: 16 * 1024)
            let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) { [directory = directory as String] in
                try await Self.appendAndVerifyInChild(directory: directory, segmentBytes: 64 * 1024, count: 200)
            }
            if let result, result.exitStatus != .exitCode(0) {
                Issue.record("child: \(result.exitStatus); \(String(decoding: result.standardErrorContent, as: UTF8.self).suffix(300))")
            }
        }
    }

    /// The other direction is safe in-process: the reopened segment is
    /// already past the new size, so the first append rolls.
    @Test func reopeningWithSmallerSegmentsRollsAndKeepsEverything() async throws {
        try await withTemporaryDirectory { directory in
            var expected: [StoredRecord] = []
            do {
                let (log, _, _) = try openLog(directory, options: smallSegments(64 * 1024))
                for index in 0..<200 { expected.append(try await log.appendOne(type: 1, payload: patternPayload(count: 100, seed: UInt64(index)))) }
                try log.close()
            }
            let (log, _, replayed) = try openLog(directory, options: smallSegments(16 * 1024))
            #expect(replayed == expected)
            for index in 0..<200 { expected.append(try await log.appendOne(type: 2, payload: patternPayload(count: 100, seed: UInt64(500 + index)))) }
            #expect(log.figures.segments > 2)
            #expect(log.records() == expected)
            try log.close()
            let (reopened, report, again) = try openLog(directory, options: smallSegments(16 * 1024))
            #expect(again == expected)
            #expect(report.truncatedTail == nil)
            try reopened.close()
        }
    }
}
