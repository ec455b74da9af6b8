@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Progress per term derived from events: evacuations from the movements of
/// the agreement (cases EVACUATED, still on the manifest), releases from
/// recorded fulfilments.
@Suite struct AgreementProgressTests {
    @Test func scenarioOneAfterDayOneReadsFourOfTwentyNineAndTwentyNineOfTwentyNine() async throws {
        try await withRegistry { registry in
            let ids = try await Deal.setUp(registry, cases: 29)
            try await Deal.evacuate(registry, movementID: "m-day1", caseIDs: Array(ids.prefix(4)))
            _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 29, date: "2017-12-28", actor: registrar)
            var progress = try await Deal.progress(registry)
            #expect(progress["evacuations"]! == (4, 29))
            #expect(progress["releases"]! == (29, 29))
            #expect(try await registry.getAgreementProgress("a-29").allMet == false)

            try await Deal.evacuate(registry, movementID: "m-day2", caseIDs: Array(ids[4..<17]))
            try await Deal.evacuate(registry, movementID: "m-day3", caseIDs: Array(ids[17...]))
            progress = try await Deal.progress(registry)
            #expect(progress["evacuations"]! == (29, 29))
            let full = try await registry.getAgreementProgress("a-29")
            #expect(full.allMet)
            #expect(full.terms.first { $0.term?.id == "evacuations" }?.source == "cases evacuated by movements of this agreement")
            #expect(try await registry.setAgreementStatus(agreementID: "a-29", status: .completed, actor: registrar).status == .completed)
        }
    }

    @Test func onlyEvacuatedCasesStillOnTheManifestOfThisAgreementCount() async throws {
        try await withRegistry { registry in
            let ids = try await Deal.setUp(registry, cases: 8)
            _ = try await registry.recordAgreement(Deal.agreement(id: "a-other"), actor: registrar)
            // Removed from the manifest before departure: not counted.
            try await Deal.evacuate(registry, movementID: "m-1", caseIDs: [ids[0], ids[1]], removed: [ids[1]])
            // On the manifest but not (yet) evacuated: not counted.
            try await Deal.evacuate(registry, movementID: "m-2", caseIDs: [ids[2], ids[3]], evacuated: false)
            // Another agreement's movement: not counted here.
            try await Deal.evacuate(registry, movementID: "m-3", agreementID: "a-other", caseIDs: [ids[4]])
            // The same case on two manifests counts once.
            try await Deal.evacuate(registry, movementID: "m-4", caseIDs: [ids[5]])
            try await Deal.evacuate(registry, movementID: "m-5", caseIDs: [ids[5], ids[0]], evacuated: false)
            #expect(try await Deal.progress(registry)["evacuations"]! == (2, 29))
            #expect(try await Deal.progress(registry, "a-other")["evacuations"]! == (1, 29))
        }
    }

    @Test func anEvacuationsTermWithAListCountsOnlyThatListsMovements() async throws {
        try await withRegistry { registry in
            let ids = try await Deal.setUp(registry, agreement: Deal.agreement(terms: [Deal.releases]), cases: 5)
            try await Deal.list(registry, id: "l-a", caseIDs: Array(ids.prefix(3)))
            try await Deal.list(registry, id: "l-b", caseIDs: Array(ids.suffix(2)))
            var throughA = Deal.evacuations
            throughA.id = "through-a"
            throughA.listID = "l-a"
            var any = Deal.evacuations
            any.id = "any"
            _ = try await registry.updateAgreement(Deal.agreement(terms: [Deal.releases, throughA, any]), fields: ["terms"], actor: registrar)
            try await Deal.evacuate(registry, movementID: "m-a", listID: "l-a", caseIDs: [ids[0], ids[1]])
            try await Deal.evacuate(registry, movementID: "m-b", listID: "l-b", caseIDs: [ids[3]])
            let progress = try await registry.getAgreementProgress("a-29")
            let rows = Dictionary(uniqueKeysWithValues: progress.terms.map { ($0.term!.id, $0) })
            #expect(rows["through-a"]?.done == 2)
            #expect(rows["through-a"]?.source == "cases evacuated by movements of this agreement from list l-a")
            #expect(rows["any"]?.done == 3)
            #expect(rows["releases"]?.done == 0)
        }
    }

    @Test func progressIsTheSameAfterReopening() async throws {
        try await withTemporaryDirectory { directory in
            let before: AgreementProgress = try await withRegistryReleasedAfterwards(directory) { registry in
                let ids = try await Deal.setUp(registry, cases: 6)
                try await Deal.evacuate(registry, movementID: "m-1", caseIDs: Array(ids.prefix(4)))
                _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 29, date: "2017-12-28", actor: registrar)
                _ = try await registry.setAgreementStatus(agreementID: "a-29", status: .suspended, reason: "shelling", actor: registrar)
                let progress = try await registry.getAgreementProgress("a-29")
                await registry.close()
                return progress
            }
            // Replayed from the log, then from the snapshot close() wrote.
            let reopened = try openRegistry(directory)
            #expect(try await reopened.getAgreementProgress("a-29") == before)
            #expect(try await reopened.listAgreements() == [before.agreement!])
            await reopened.close()
        }
    }

    @Test func progressIsTheSameAfterReplayingTheLogWithoutASnapshot() async throws {
        try await withTemporaryDirectory { directory in
            let before: AgreementProgress = try await withRegistryReleasedAfterwards(directory) { registry in
                let ids = try await Deal.setUp(registry, cases: 3)
                try await Deal.evacuate(registry, movementID: "m-1", caseIDs: ids)
                _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 7, actor: registrar)
                // Not closed: what a crash leaves; the next open replays the log.
                return try await registry.getAgreementProgress("a-29")
            }
            let reopened = try openRegistry(directory)
            #expect(try await reopened.getAgreementProgress("a-29") == before)
            await reopened.close()
        }
    }
}
