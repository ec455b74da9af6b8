import CorridorStore
import CorridorTestSupport
import Testing

/// Many concurrent durable appends: every one is answered, the sequences are
/// dense and unique, each lands where its writer was told, and one msync
/// covers several appends (group commit).
@Suite struct GroupCommitTests {
    private static let writers = 64
    private static let appendsPerWriter = 50

    /// The payload names its writer and its turn, so the log's contents can be
    /// checked against what each writer was told.
    private static func payload(writer: Int, turn: Int) -> [UInt8] {
        [UInt8(writer), UInt8(turn)] + patternPayload(count: 6 + (writer + turn) % 9, seed: UInt64(writer * 1000 + turn))
    }

    @Test func concurrentDurableAppendsShareSyncsAndGetDenseUniqueSequences() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: smallSegments(64 * 1024))
            let told: [[UInt64]] = try await withThrowingTaskGroup(of: (Int, [UInt64]).self) { group in
                for writer in 0..<Self.writers {
                    group.addTask {
                        var sequences: [UInt64] = []
                        for turn in 0..<Self.appendsPerWriter {
                            let range = try await log.appendDurably([
                                PendingRecord(type: UInt16(writer), payload: Self.payload(writer: writer, turn: turn), timestampNanoseconds: UInt64(turn)),
                            ])
                            sequences.append(range.lowerBound)
                            // Answered only once durable.
                            #expect(log.figures.durableSequence >= range.upperBound)
                        }
                        return (writer, sequences)
                    }
                }
                var told = [[UInt64]](repeating: [], count: Self.writers)
                for try await (writer, sequences) in group { told[writer] = sequences }
                return told
            }

            let total = Self.writers * Self.appendsPerWriter
            #expect(told.joined().sorted() == Array(1...UInt64(total)), "unique and dense")
            for sequences in told {
                #expect(sequences == sequences.sorted(), "one writer's appends keep its order")
            }

            var contents: [UInt64: StoredRecord] = [:]
            for record in log.records() { contents[record.sequence] = record }
            #expect(contents.count == total)
            for (writer, sequences) in told.enumerated() {
                for (turn, sequence) in sequences.enumerated() {
                    #expect(contents[sequence] == StoredRecord(sequence: sequence, type: UInt16(writer), payload: Self.payload(writer: writer, turn: turn)))
                }
            }

            let figures = log.figures
            #expect(figures.segments > 1, "the writers rolled the log at least once")
            #expect(figures.durableSequence == UInt64(total))
            #expect(figures.syncedRecords == UInt64(total))
            #expect(figures.syncs >= 1)
            #expect(figures.syncs < figures.syncedRecords, "with \(Self.writers) writers some msync must cover more than one append (\(figures.syncs) syncs for \(figures.syncedRecords) records)")
            try log.close()
        }
    }
}
