@testable import CorridorRegistry
import CorridorModel
import CorridorStore
import CorridorTestSupport
import CorridorWire
import Foundation
import Testing

/// What was acknowledged survives a restart, clean or not: the state rebuilt
/// from the snapshot and the log equals the state before, and the queries
/// answer the same.
@Suite struct ReopenDurabilityTests {
    @Test func aCleanCloseAndReopenRestoresTheStateAndTheAnswers() async throws {
        try await withTemporaryDirectory { directory in
            let (before, answersBefore) = try await withRegistryReleasedAfterwards(directory) { first in
                try await runScenario(first)
                let answers = (await first.currentState, try await queryAnswers(first))
                await first.close()
                return answers
            }

            let (second, report) = try Registry.open(dataDirectory: directory, recordCoding: testRecordCoding, options: smallSegmentOptions(), logger: quietLogger)
            expectSameState(await second.currentState, before)
            #expect(try await queryAnswers(second) == answersBefore)
            // close() wrote a snapshot of everything: nothing is left to replay.
            #expect(await second.figures.lastSnapshotSequence == before.lastSequence)
            #expect(report.replayed == 0)
            await second.close()
        }
    }

    @Test func aRegistryDroppedWithoutClosingIsRebuiltFromTheLog() async throws {
        try await withTemporaryDirectory { directory in
            let (before, answersBefore) = try await withRegistryReleasedAfterwards(directory) { registry in
                try await runScenario(registry)
                return (await registry.currentState, try await queryAnswers(registry))
            }
            let (second, report) = try Registry.open(dataDirectory: directory, recordCoding: testRecordCoding, options: smallSegmentOptions(), logger: quietLogger)
            expectSameState(await second.currentState, before)
            #expect(try await queryAnswers(second) == answersBefore)
            #expect(report.replayed == before.lastSequence, "no snapshot: every event is replayed")
            #expect(await second.figures.lastSnapshotSequence == 0)
            await second.close()
        }
    }

    @Test func aSnapshotIsUsedAndOnlyTheLaterEventsAreReplayed() async throws {
        try await withTemporaryDirectory { directory in
            let (snapshotSequence, before) = try await withRegistryReleasedAfterwards(directory) { registry in
                try await runScenario(registry, cases: 6)
                try await registry.snapshotNow()
                let snapshotSequence = await registry.currentState.lastSequence
                #expect(await registry.figures.lastSnapshotSequence == snapshotSequence)
                #expect(await registry.figures.lastSnapshotSequence == snapshotSequence)
                // More after the snapshot, then a crash.
                for index in 0..<5 {
                    _ = try await registry.registerCase(World.patient(ageMonths: 96 + UInt32(index)), personal: World.personal, actor: registrar)
                }
                _ = try await registry.setCrossingStatus(siteID: "wafideen", status: .closed, reason: "", actor: registrar)
                return (snapshotSequence, await registry.currentState)
            }
            #expect(before.lastSequence == snapshotSequence + 6)

            let (second, report) = try Registry.open(dataDirectory: directory, recordCoding: testRecordCoding, options: smallSegmentOptions(), logger: quietLogger)
            expectSameState(await second.currentState, before)
            #expect(await second.figures.lastSnapshotSequence == snapshotSequence)
            #expect(await second.figures.lastSnapshotSequence == snapshotSequence)
            #expect(report.replayed == 6)
            await second.close()
        }
    }

    @Test func aDamagedNewestSnapshotFallsBackToTheOlderOneAndTheLog() async throws {
        try await withTemporaryDirectory { directory in
            let (olderSequence, before) = try await withRegistryReleasedAfterwards(directory) { registry in
                try await runScenario(registry, cases: 4)
                try await registry.snapshotNow()
                let olderSequence = await registry.currentState.lastSequence
                _ = try await registry.registerCase(World.patient(), personal: nil, actor: registrar)
                try await registry.snapshotNow()
                _ = try await registry.registerCase(World.patient(), personal: nil, actor: registrar)
                return (olderSequence, await registry.currentState)
            }
            let snapshots = SnapshotStore(dataDirectory: directory, logger: quietLogger).files()
            #expect(snapshots.count == 2)
            let newest = try #require(snapshots.last)
            var bytes = try #require(FileManager.default.contents(atPath: newest))
            bytes[bytes.count - 1] ^= 0xFF
            try bytes.write(to: URL(fileURLWithPath: newest))

            let (second, report) = try Registry.open(dataDirectory: directory, recordCoding: testRecordCoding, options: smallSegmentOptions(), logger: quietLogger)
            expectSameState(await second.currentState, before)
            #expect(await second.figures.lastSnapshotSequence == olderSequence)
            #expect(report.replayed == before.lastSequence - olderSequence)
            await second.close()
        }
    }

    @Test func numberingAndSequencesContinueAfterAReopen() async throws {
        try await withTemporaryDirectory { directory in
            let lastSequence = try await withRegistryReleasedAfterwards(directory) { first in
                let ids = try await runScenario(first, cases: 3)
                #expect(ids.prefix(3) == ["C-000001", "C-000002", "C-000003"])
                await first.close()
                return await first.currentState.lastSequence
            }

            let second = try openRegistry(directory)
            let view = try await second.registerCase(World.patient(), personal: nil, actor: registrar)
            #expect(view.case?.id == "C-000004")
            #expect(await second.currentState.lastSequence == lastSequence + 1)
            #expect(try await second.history(of: "C-000004").map(\.sequence) == [lastSequence + 1])
            await second.close()
        }
    }

    @Test func aCommandAfterCloseIsUnavailableAndChangesNothing() async throws {
        try await withTemporaryDirectory { directory in
            let registry = try openRegistry(directory)
            try await World.seed(registry)
            await registry.close()
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) {
                try await registry.registerParty(Party(id: "late", shortName: "Late", kind: .ngo), actor: registrar)
            }
            #expect(error.code == .store && error.storeError?.kind == .closed, "\(error)")
            #expect(await registry.currentState == before)
            // Reads of what is durable still answer.
            #expect(try await registry.party("gov") == World.government)
        }
    }

    @Test func aCrashInTheMiddleOfTheLogsSecondSegmentLosesNothingAcknowledged() async throws {
        try await withTemporaryDirectory { directory in
            // Enough events to roll 64 KiB segments more than once.
            let before = try await withRegistryReleasedAfterwards(directory) { registry in
                try await World.seed(registry)
                let notes = String(repeating: "n", count: 2_000)
                for index in 0..<80 {
                    _ = try await registry.registerCase(
                        World.patient(ageMonths: UInt32(index)), personal: CasePersonal(name: "P\(index)", clinicalNotes: notes), actor: registrar
                    )
                }
                #expect(await registry.figures.log.segments >= 3)
                return await registry.currentState
            }
            let second = try openRegistry(directory)
            expectSameState(await second.currentState, before)
            await second.close()
        }
    }
}
