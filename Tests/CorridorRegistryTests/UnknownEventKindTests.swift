@testable import CorridorRegistry
import CorridorModel
import CorridorStore
import CorridorTestSupport
import Testing

/// An event whose kind this build does not know (a newer build wrote it, or
/// damage its checksum missed) is not skipped: skipping it would start the
/// registry without a change that was acknowledged. Replay refuses, naming
/// the record, and so do history and watch when they reach it.
@Suite struct UnknownEventKindTests {
    /// An actor, a time, and field 200 of the kind oneof, which events.proto
    /// does not have.
    static let unknownKind: [UInt8] = [0x0A, 0x0A, 0x08, 0xE8, 0x07, 0x12, 0x05] + Array("amina".utf8)
        + [0x18, 0xA0, 0xC9, 0xFA, 0xD7, 0xA7, 0x33] + [0xC2, 0x0C, 0x00]

    /// A seeded directory with one more record, of the unknown kind, after the seed.
    private func directoryWithAnUnknownEvent(_ directory: String) async throws -> UInt64 {
        let seeded = try await withRegistryReleasedAfterwards(directory) { registry in
            try await World.seed(registry)
            await registry.close()
            return await registry.currentState.lastSequence
        }
        let (log, _) = try EventLog.open(directory: directory, options: smallSegmentOptions().store, logger: quietLogger)
        let appended = try await log.appendDurably([PendingRecord(type: 200, payload: Self.unknownKind, timestampNanoseconds: 1)])
        try log.close()
        #expect(appended == (seeded + 1)...(seeded + 1))
        return seeded + 1
    }

    @Test func replayRefusesNamingTheRecord() async throws {
        try await withTemporaryDirectory { directory in
            let sequence = try await directoryWithAnUnknownEvent(directory)
            let refusal: RegistryError
            do {
                _ = try openRegistry(directory)
                Issue.record("the registry opened over an event it cannot read")
                return
            } catch let error as RegistryError {
                refusal = error
            }
            #expect(refusal.code == .dataLoss, "\(refusal)")
            #expect(refusal.message.contains("record \(sequence) "), "names the record: \(refusal)")
            #expect(refusal.message.contains("an event of an unknown kind"), "says why: \(refusal)")
        }
    }

    /// Decoding refuses the same bytes, whichever way they come.
    @Test func theCodingRefusesTheBytes() {
        #expect(throws: RecordCodingError.self) { try testRecordCoding.decodeEvent(Self.unknownKind) }
    }
}
