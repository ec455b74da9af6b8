@testable import CorridorStore
import Foundation
import Testing
import CorridorTestSupport

/// What is appended durably comes back from `read(from:)`, in order, with
/// its sequence, type and payload, across segment rolls.
@Suite struct AppendReadRoundTripTests {
    private static let segmentBytes = 64 * 1024

    /// Batches of 1-6 records of 0-3000 bytes (edge sizes included).
    private func appendVariedBatches(to log: EventLog) async throws -> [StoredRecord] {
        var generator = SeededGenerator(seed: 2024)
        var sizes = [0, 1, 7, 8, 9, 3000, 2999]
        while sizes.count < 200 { sizes.append(Int.random(in: 0...3000, using: &generator)) }
        var appended: [StoredRecord] = []
        var index = 0
        while index < sizes.count {
            let count = min(Int.random(in: 1...6, using: &generator), sizes.count - index)
            let batch = (index..<(index + count)).map { (type: UInt16($0 % 60_000), payload: patternPayload(count: sizes[$0], seed: UInt64($0))) }
            let stored = try await log.appendBatch(batch)
            #expect(stored.first?.sequence == UInt64(appended.count + 1), "batches are numbered densely")
            appended += stored
            index += count
        }
        return appended
    }

    @Test func everyRecordReadsBackInOrderAcrossSeveralSegments() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: smallSegments(Self.segmentBytes))
            let appended = try await appendVariedBatches(to: log)

            let read = log.records(from: 1)
            #expect(read.count == appended.count)
            #expect(read == appended)

            let figures = log.figures
            #expect(figures.segments > 2, "200 records of up to 3000 bytes need several 64 KiB segments")
            #expect(figures.segments == segmentFilePaths(directory).count)
            #expect(figures.lastSequence == UInt64(appended.count))
            #expect(figures.durableSequence == figures.lastSequence)
            #expect(figures.recordBytes == UInt64(appended.reduce(0) { $0 + SegmentFormat.paddedLength(payloadBytes: $1.payload.count) }))
            #expect(figures.reservedBytes == UInt64(figures.segments * Self.segmentBytes))
            #expect(figures.syncedRecords == UInt64(appended.count))
            try log.close()
        }
    }

    @Test func readingFromTheMiddleStartsThere() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: smallSegments(Self.segmentBytes))
            let appended = try await appendVariedBatches(to: log)
            for start in [1, 2, 57, 100, 143, appended.count] {
                #expect(log.records(from: UInt64(start)) == Array(appended[(start - 1)...]), "from \(start)")
            }
            #expect(log.records(from: 0) == appended, "sequence 0 reads from the first record")
            #expect(log.records(from: UInt64(appended.count + 1)).isEmpty)
            try log.close()
        }
    }

    /// Every starting point, before and after a restart (reads may start
    /// from remembered positions inside a segment; each must be exact).
    @Test func readingFromEverySequenceStartsExactlyThere() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: smallSegments(Self.segmentBytes))
            let appended = try await appendVariedBatches(to: log)
            func checkEveryStart(_ log: EventLog, _ phase: String) {
                for start in 1...appended.count {
                    var seen: [StoredRecord] = []
                    let next = log.read(from: UInt64(start)) { seen.append(StoredRecord($0)); return seen.count < 3 }
                    let expected = Array(appended[(start - 1)..<min(start + 2, appended.count)])
                    #expect(seen == expected, "\(phase): from \(start)")
                    #expect(next == UInt64(start + expected.count), "\(phase): from \(start)")
                }
            }
            checkEveryStart(log, "as appended")
            try log.close()
            let (reopened, _, _) = try openLog(directory, options: smallSegments(Self.segmentBytes))
            checkEveryStart(reopened, "after a restart")
            try reopened.close()
        }
    }

    @Test func aVisitorThatStopsGetsTheSequenceToContinueFrom() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: smallSegments(Self.segmentBytes))
            let appended = try await appendVariedBatches(to: log)
            var seen: [StoredRecord] = []
            let next = log.read(from: 10) { record in
                seen.append(StoredRecord(record))
                return seen.count < 75
            }
            #expect(seen == Array(appended[9..<84]))
            #expect(next == 85)
            #expect(log.records(from: next).first == appended[84])
            try log.close()
        }
    }

    @Test func recordsSurviveACleanCloseAndReopen() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: smallSegments(Self.segmentBytes))
            let appended = try await appendVariedBatches(to: log)
            try log.close()
            let (reopened, report, replayed) = try openLog(directory, options: smallSegments(Self.segmentBytes))
            #expect(replayed == appended)
            #expect(reopened.records() == appended)
            #expect(report.lastSequence == UInt64(appended.count))
            #expect(report.truncatedTail == nil)
            #expect(report.droppedUncommittedRecords == 0)
            try reopened.close()
        }
    }

    @Test func aBatchLargerThanASegmentIsRefusedAsInvalid() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: smallSegments(Self.segmentBytes))
            let tooBig = PendingRecord(type: 1, payload: [UInt8](repeating: 1, count: Self.segmentBytes), timestampNanoseconds: 1)
            let error = try #require(throws: StoreError.self) { try log.append([tooBig]) }
            #expect(error.kind == .tooLarge)
            #expect(log.lastSequence == 0)
            // The log is unharmed.
            #expect(try await log.appendOne(type: 1, payload: [1]).sequence == 1)
            try log.close()
        }
    }

    @Test func appendsAfterCloseAreRefusedAsUnavailable() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: smallSegments(Self.segmentBytes))
            let first = try await log.appendOne(type: 1, payload: [1, 2, 3])
            try log.close()
            let error = try #require(throws: StoreError.self) { try log.append([PendingRecord(type: 1, payload: [], timestampNanoseconds: 1)]) }
            #expect(error.kind == .closed)
            #expect(log.records() == [first], "reads go on after close")
        }
    }
}
