@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Lists and rules rebuilt after a restart, from the log and from a snapshot,
/// are the lists and rules before it.
@Suite struct ListReplayTests {
    /// Rules, a list through strike, top-up and a death, a closed list.
    func runListScenario(_ registry: Registry, draftWithoutVersions: Bool = true) async throws {
        try await ListWorld.seed(registry)
        _ = try await registry.imposeRule(RuleTests.menRule, actor: registrar)
        _ = try await registry.imposeRule(EligibilityRule(id: "lifted", imposedBy: "jaish", description: "x", effect: .exclude, sex: .female), actor: registrar)
        _ = try await registry.liftRule(ruleID: "lifted", reason: "amended", actor: registrar)
        try await ListWorld.register(registry, "infant", precedence: .urgent, ageMonths: 6)
        for index in 1...8 { try await ListWorld.register(registry, "c-0\(index)", sex: index.isMultiple(of: 3) ? .male : .female, companions: index == 5 ? ["c-04"] : []) }
        _ = try await registry.createList(EvacuationList(id: "l1", agreementID: ListWorld.agreementID, originSiteID: "ghouta", quota: 4, ruleIDs: ["no-men-15-55"], companionsCount: true), actor: registrar)
        try await ListWorld.select(registry)
        _ = try await registry.submitList(listID: "l1", actor: registrar)
        _ = try await registry.approveList(listID: "l1", partyID: "gov", actor: registrar)
        _ = try await registry.approveList(listID: "l1", partyID: "jaish", actor: registrar)
        _ = try await registry.setCaseStatus(caseID: "infant", status: .deceased, date: "2026-11-20", reason: "died waiting", actor: registrar)
        _ = try await registry.strikeEntry(listID: "l1", caseID: "c-01", partyID: "gov", reason: "objection", topUp: true, actor: registrar)
        _ = try await registry.createList(EvacuationList(id: "l2", agreementID: ListWorld.agreementID, originSiteID: "ghouta", quota: 1), actor: registrar)
        if !draftWithoutVersions { try await ListWorld.select(registry, "l2") }
    }

    @Test func aReopenFromTheLogGivesTheSameListsAndRules() async throws {
        try await withTemporaryDirectory { directory in
            let before = try await withRegistryReleasedAfterwards(directory) { registry in
                try await runListScenario(registry)
                return (await registry.currentState, try await registry.listLists())
            }
            let second = try openRegistry(directory)
            let after = await second.currentState
            expectSameState(after, before.0)
            #expect(after.lists == before.0.lists)
            #expect(after.listVersions == before.0.listVersions)
            #expect(after.rules == before.0.rules)
            #expect(try await second.listLists() == before.1)
            await second.close()
        }
    }

    @Test func aReopenFromASnapshotGivesTheSameListsAndRules() async throws {
        try await reopenFromASnapshot(draftWithoutVersions: false)
    }

    /// A list only created has no version yet: the snapshot must restore
    /// exactly that, not an empty array of versions where replay keeps none.
    @Test func aCreatedListWithoutVersionsSurvivesASnapshot() async throws {
        try await reopenFromASnapshot(draftWithoutVersions: true)
    }

    func reopenFromASnapshot(draftWithoutVersions: Bool) async throws {
        try await withTemporaryDirectory { directory in
            let before = try await withRegistryReleasedAfterwards(directory) { registry in
                try await runListScenario(registry, draftWithoutVersions: draftWithoutVersions)
                try await registry.snapshotNow()
                let state = await registry.currentState
                await registry.close()
                return state
            }
            let (second, report) = try Registry.open(dataDirectory: directory, recordCoding: testRecordCoding, options: smallSegmentOptions(), logger: quietLogger)
            #expect(report.replayed == 0)
            let after = await second.currentState
            #expect(after.lists == before.lists)
            #expect(after.listVersions == before.listVersions)
            #expect(after.rules == before.rules)
            expectSameState(after, before)
            await second.close()
        }
    }
}
