import CorridorStore
import Synchronization
import Testing
import CorridorTestSupport

/// Reads while writers append and roll segments: every read is a dense run
/// of sequences from where it started, of whole and correct records, and
/// never shows a record that was not yet durable.
@Suite struct ConcurrentReadTests {
    /// The payload says who wrote it and carries a checksum of itself, so a
    /// reader can tell a whole, correct record from a torn or misplaced one.
    private static func payload(writer: Int, turn: Int) -> [UInt8] {
        let body = [UInt8(writer), UInt8(turn & 0xFF), UInt8(turn >> 8)] + patternPayload(count: 50 + (writer * 31 + turn) % 400, seed: UInt64(writer * 10_000 + turn))
        let crc = CRC32C.checksum(body)
        return body + [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)]
    }

    private static func isWhole(_ payload: [UInt8], type: UInt16) -> Bool {
        guard payload.count > 7 else { return false }
        let body = Array(payload.dropLast(4))
        let turn = Int(payload[1]) | Int(payload[2]) << 8
        return UInt16(payload[0]) == type && payload == Self.payload(writer: Int(body[0]), turn: turn)
    }

    @Test func readersSeeDenseDurableWholeRecordsWhileWritersRoll() async throws {
        try await withTemporaryDirectory { directory in
            let (log, _, _) = try openLog(directory, options: smallSegments(32 * 1024))
            let writers = 8, turns = 150, readers = 4
            let finishedWriters = FinishedCount()
            let problems: [String] = try await withThrowingTaskGroup(of: [String].self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        // Counted even when an append fails, so the readers always stop.
                        defer { finishedWriters.count.add(1, ordering: .sequentiallyConsistent) }
                        for turn in 0..<turns {
                            _ = try await log.appendDurably([PendingRecord(type: UInt16(writer), payload: Self.payload(writer: writer, turn: turn), timestampNanoseconds: 1)])
                        }
                        return []
                    }
                }
                for reader in 0..<readers {
                    group.addTask {
                        var problems: [String] = []
                        var generator = SeededGenerator(seed: UInt64(reader))
                        var rounds = 0
                        while (finishedWriters.count.load(ordering: .sequentiallyConsistent) < writers || rounds < 20) && !Task.isCancelled {
                            rounds += 1
                            let durable = log.figures.durableSequence
                            let start = durable == 0 ? 1 : UInt64.random(in: 1...durable, using: &generator)
                            var expected = start
                            let next = log.read(from: start) { record in
                                if record.header.sequence != expected { problems.append("read from \(start): got \(record.header.sequence) where \(expected) was due") }
                                if record.header.sequence > log.figures.durableSequence { problems.append("record \(record.header.sequence) shown before it was durable") }
                                if !Self.isWhole(Array(record.payload), type: record.header.type) { problems.append("record \(record.header.sequence) is not whole") }
                                expected = record.header.sequence + 1
                                return true
                            }
                            if next != expected { problems.append("read from \(start) returned \(next), visited up to \(expected - 1)") }
                            if expected - 1 < durable { problems.append("read from \(start) stopped at \(expected - 1) though \(durable) was durable before it began") }
                            await Task.yield()
                        }
                        return problems
                    }
                }
                var problems: [String] = []
                for try await found in group { problems += found }
                return problems
            }
            #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(5))")
            #expect(log.figures.segments > 2, "the writers rolled the log while the readers read")
            #expect(log.records().count == writers * turns)
            try log.close()
        }
    }
}

private final class FinishedCount: Sendable {
    let count = Atomic<Int>(0)
}
