@testable import CorridorStore
import Foundation
import Testing
import CorridorTestSupport

/// A seeded random run of appends, clean restarts, crashes and snapshots:
/// after every restart, recovery gives back exactly what was acknowledged,
/// and replay after the newest snapshot gives exactly what follows it.
@Suite struct RecoveryPropertyTests {
    private enum Operation: CustomStringConvertible {
        case append(count: Int)
        case restart(crash: Bool)
        case snapshot

        var description: String {
            switch self {
            case .append(let count): "append \(count)"
            case .restart(let crash): crash ? "crash+reopen" : "close+reopen"
            case .snapshot: "snapshot"
            }
        }
    }

    private static let options = smallSegments(16 * 1024)

    private func nextOperation(_ generator: inout SeededGenerator) -> Operation {
        switch Int.random(in: 0..<100, using: &generator) {
        case 0..<60: .append(count: Int.random(in: 1...5, using: &generator))
        case 60..<72: .restart(crash: false)
        case 72..<84: .restart(crash: true)
        default: .snapshot
        }
    }

    @Test(arguments: [1, 2, 3, 17, 4242] as [UInt64])
    func recoveryReturnsExactlyWhatWasAcknowledged(seed: UInt64) async throws {
        try await withTemporaryDirectory { directory in
            var generator = SeededGenerator(seed: seed)
            let snapshots = SnapshotStore(dataDirectory: directory, logger: quietLogger)
            var acknowledged: [StoredRecord] = []
            var snapshotPayloads: [UInt64: [UInt8]] = [:]
            var log: EventLog? = try openLog(directory, options: Self.options).log
            var history: [String] = []

            for step in 0..<80 {
                let operation = nextOperation(&generator)
                history.append(operation.description)
                let context = Comment(rawValue: "seed \(seed), step \(step): \(history.suffix(6).joined(separator: ", "))")
                switch operation {
                case .append(let count):
                    let batch = (0..<count).map { _ in
                        (type: UInt16.random(in: 0...UInt16.max, using: &generator),
                         payload: patternPayload(count: Int.random(in: 0...2000, using: &generator), seed: generator.next()))
                    }
                    let stored = try await #require(log).appendBatch(batch)
                    #expect(stored.first?.sequence == UInt64(acknowledged.count + 1), context)
                    acknowledged += stored

                case .snapshot:
                    let sequence = UInt64(acknowledged.count)
                    let payload = patternPayload(count: Int.random(in: 0...500, using: &generator), seed: generator.next())
                    try snapshots.write(sequence: sequence, payload: payload)
                    snapshotPayloads[sequence] = payload

                case .restart(let crash):
                    // Whole history, from nothing.
                    if crash { log = nil } else { try log?.close(); log = nil }
                    do {
                        let full = try openLog(directory, options: Self.options)
                        #expect(full.replayed == acknowledged, context)
                        #expect(full.log.records() == acknowledged, context)
                        #expect(full.report.lastSequence == UInt64(acknowledged.count), context)
                        #expect(full.report.droppedUncommittedRecords == 0, context)
                        #expect(full.report.truncatedTail == nil, "nothing torn: every append was waited for; \(context)")
                        // A crash again, or a clean stop; the log object goes away here either way.
                        if !crash { try full.log.close() }
                    }

                    // As the daemon starts: from the newest snapshot.
                    let (newest, skipped) = snapshots.newestValid()
                    #expect(skipped.isEmpty, context)
                    let after = newest?.header.sequence ?? 0
                    if let newest {
                        #expect(newest.payload == snapshotPayloads[after], context)
                    }
                    let resumed = try openLog(directory, options: Self.options, replayAfter: after)
                    #expect(resumed.replayed == Array(acknowledged.dropFirst(Int(after))), context)
                    #expect(resumed.report.replayed == UInt64(acknowledged.count) - after, context)
                    #expect(resumed.log.lastSequence == UInt64(acknowledged.count), context)
                    log = resumed.log
                }
            }
            try log?.close()
            let final = try openLog(directory, options: Self.options)
            #expect(final.replayed == acknowledged, "seed \(seed) at the end")
            try final.log.close()
        }
    }
}
