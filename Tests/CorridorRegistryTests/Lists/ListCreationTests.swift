@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

/// CreateList: the defaults it fills in and every refusal.
@Suite struct ListCreationTests {
    @Test func aListIsCreatedDraftWithTheAgreementsPartiesAsApprovers() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            let list = try await ListWorld.create(registry)
            #expect(list.status == .draft)
            #expect(list.version == 0)
            #expect(list.entries.isEmpty)
            #expect(list.policyVersion.isEmpty)
            #expect(list.requiredApprovals == ["gov", "jaish"])
            #expect(list.createdAtMs > 0)
            #expect(try await registry.getList("l1").list == list)
            #expect(await registry.currentState.listVersions["l1"] == nil)
        }
    }

    @Test func approvalsCanBeNamedAmongTheAgreementsParties() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            let list = try await ListWorld.create(registry, approvals: ["gov", "sarc"])
            #expect(list.requiredApprovals == ["gov", "sarc"])
            let error = try await #require(throws: RegistryError.self) { try await ListWorld.create(registry, id: "l2", approvals: ["gov", "msf"]) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["list.required_approvals[1]"])
        }
    }

    @Test func aTakenIDIsRefusedAlreadyExists() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            _ = try await ListWorld.create(registry)
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) { try await ListWorld.create(registry) }
            #expect(error.code == .alreadyExists)
            #expect(error.message.contains("l1"))
            #expect(await registry.currentState == before)
        }
    }

    @Test func badFieldsAreRefusedNamingEachOne() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.createList(EvacuationList(
                    id: "Bad Id", agreementID: "nope", originSiteID: "atlantis", quota: 0, ruleIDs: ["ghost"], status: .approved, version: 3
                ), actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["list.id", "list.agreement_id", "list.origin_site_id", "list.quota", "list.rule_ids[0]", "list.status", "list.version"])
            let missing = try await #require(throws: RegistryError.self) {
                try await registry.createList(EvacuationList(id: "l"), actor: registrar)
            }
            #expect(missing.fields == ["list.agreement_id", "list.origin_site_id", "list.quota"])
            let huge = try await #require(throws: RegistryError.self) { try await ListWorld.create(registry, quota: 10_001) }
            #expect(huge.fields == ["list.quota"])
            let none = try await #require(throws: RegistryError.self) { try await registry.createList(nil, actor: registrar) }
            #expect(none.fields == ["list"])
        }
    }

    @Test func aLiftedRuleCannotBeGivenToANewList() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            _ = try await registry.imposeRule(EligibilityRule(id: "r1", imposedBy: "gov", description: "no men", effect: .exclude, sex: .male), actor: registrar)
            _ = try await registry.liftRule(ruleID: "r1", reason: "renegotiated", actor: registrar)
            let error = try await #require(throws: RegistryError.self) { try await ListWorld.create(registry, rules: ["r1"]) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["list.rule_ids[0]"])
            #expect(error.fieldViolations.first?.reason.contains("lifted") == true)
        }
    }

    @Test func anAgreementWithoutAnApprovingPartyNeedsApproversNamed() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            try await registry.commit([.agreementRecorded(AgreementRecorded(agreement: Agreement(
                id: ListWorld.agreementID, parties: [.init(partyID: "sarc", role: .mediator)], status: .agreed
            )))], actor: registrar)
            let error = try await #require(throws: RegistryError.self) { try await ListWorld.create(registry) }
            #expect(error.fields == ["list.required_approvals"])
        }
    }

    @Test func aCollapsedAgreementTakesNoNewList() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            try await ListWorld.recordAgreement(registry, id: ListWorld.agreementID, status: .collapsed)
            let error = try await #require(throws: RegistryError.self) { try await ListWorld.create(registry) }
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("COLLAPSED") && error.message.contains("AGREED"))
        }
    }
}
