@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

// Helpers of the lists' and rules' tests. Agreements are recorded by
// committing their event directly (their commands belong to another part).

enum ListWorld {
    static let agreementID = "a-29"

    /// The known world, plus an AGREED agreement: gov and jaish are PARTY,
    /// sarc MEDIATOR, un-ocha FACILITATOR.
    static func seed(_ registry: Registry, agreementID: String = agreementID) async throws {
        try await World.seed(registry)
        try await recordAgreement(registry, id: agreementID)
    }

    static func recordAgreement(_ registry: Registry, id: String, status: Agreement.Status = .agreed) async throws {
        let agreement = Agreement(
            id: id, title: "29 for 29",
            parties: [
                .init(partyID: "gov", role: .party), .init(partyID: "jaish", role: .party),
                .init(partyID: "sarc", role: .mediator), .init(partyID: "un-ocha", role: .facilitator),
            ],
            agreedOn: "2017-04-12", status: status
        )
        try await registry.commit([.agreementRecorded(AgreementRecorded(agreement: agreement))], actor: registrar)
    }

    /// Registers a waiting case with the given id at the hospital (within the enclave).
    @discardableResult
    static func register(
        _ registry: Registry, _ id: String, site: String = "douma-hospital", precedence: Case.Precedence = .routine,
        ageMonths: UInt32 = 480, sex: Case.Sex = .female, conditions: [Case.Condition] = [.cancer], consent: Bool = true,
        companions: [String] = [], pregnant: Bool = false
    ) async throws -> String {
        let record = Case(
            id: id, siteID: site, ageMonths: ageMonths, sex: sex, precedence: precedence, conditions: conditions,
            consentGiven: consent, companionIDs: companions, pregnant: pregnant
        )
        return try #require(try await registry.registerCase(record, personal: nil, actor: registrar).case?.id)
    }

    static func create(
        _ registry: Registry, id: String = "l1", quota: UInt32 = 29, origin: String = "ghouta", rules: [String] = [],
        companionsCount: Bool = false, approvals: [String] = []
    ) async throws -> EvacuationList {
        try await registry.createList(EvacuationList(
            id: id, title: "Medical evacuations", agreementID: agreementID, originSiteID: origin, quota: quota,
            ruleIDs: rules, companionsCount: companionsCount, requiredApprovals: approvals
        ), actor: registrar)
    }

    @discardableResult
    static func select(_ registry: Registry, _ id: String = "l1", asOf: String = "2026-11-21") async throws -> SelectListResponse {
        try await registry.selectList(listID: id, asOf: asOf, actor: registrar)
    }

    /// Created, selected, submitted and approved by both parties.
    @discardableResult
    static func approved(_ registry: Registry, id: String = "l1", quota: UInt32 = 29) async throws -> EvacuationList {
        _ = try await create(registry, id: id, quota: quota)
        try await select(registry, id)
        _ = try await registry.submitList(listID: id, actor: registrar)
        _ = try await registry.approveList(listID: id, partyID: "gov", actor: registrar)
        return try await registry.approveList(listID: id, partyID: "jaish", actor: registrar)
    }

    static func status(_ registry: Registry, _ caseID: String) async -> Case.Status? {
        await registry.currentState.cases[caseID]?.status
    }
}

extension EvacuationList {
    var activeCaseIDs: [String] { entries.filter { $0.state == .active }.map(\.caseID) }
}

/// A case for the pure selection tests, registered at `day` (days since 1970).
func candidate(
    _ id: String, precedence: Case.Precedence = .routine, ageMonths: UInt32 = 480, sex: Case.Sex = .female,
    pregnant: Bool = false, consent: Bool = true, day: Int64 = 20_000, companions: [String] = []
) -> Case {
    Case(
        id: id, siteID: "douma-hospital", ageMonths: ageMonths, sex: sex, precedence: precedence, conditions: [.cancer],
        consentGiven: consent, companionIDs: companions, pregnant: pregnant, registeredAtMs: UInt64(day) * 86_400_000 + 3_600_000
    )
}
