@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

// Fixtures of the agreements, figures and reports tests: the "29 for 29"
// agreement, cases registered at the enclave, and movements and lists built
// by committing their events directly (they are another area's commands).

enum Deal {
    static let releases = Agreement.Term(id: "releases", description: "the armed group releases 29 detainees", obligorID: "jaish", measure: .detaineeReleases, target: 29)
    static let evacuations = Agreement.Term(id: "evacuations", description: "the government allows 29 medical evacuations", obligorID: "gov", measure: .evacuations, target: 29)

    static func agreement(id: String = "a-29", status: Agreement.Status = .agreed, terms: [Agreement.Term] = [releases, evacuations]) -> Agreement {
        Agreement(
            id: id, title: "Twenty-nine for twenty-nine",
            parties: [.init(partyID: "gov", role: .party), .init(partyID: "jaish", role: .party), .init(partyID: "sarc", role: .mediator)],
            terms: terms, agreedOn: status == .agreed ? "2017-12-26" : "", status: status
        )
    }

    /// Seeds the world, records the agreement and registers `cases` waiting cases at the hospital.
    @discardableResult
    static func setUp(_ registry: Registry, agreement: Agreement = agreement(), cases: Int = 0) async throws -> [String] {
        try await World.seed(registry)
        _ = try await registry.recordAgreement(agreement, actor: registrar)
        return try await registerCases(registry, count: cases)
    }

    static func registerCases(_ registry: Registry, count: Int, site: String = "douma-hospital", precedence: Case.Precedence = .urgent) async throws -> [String] {
        var ids: [String] = []
        for _ in 0..<count {
            ids.append(try #require(try await registry.registerCase(World.patient(site: site, precedence: precedence), personal: nil, actor: registrar).case?.id))
        }
        return ids
    }

    /// A movement of the agreement carrying `caseIDs` (those in `removed` taken
    /// off the manifest), and every carried case EVACUATED, as the movements
    /// area would record them.
    static func evacuate(
        _ registry: Registry, movementID: String, agreementID: String = "a-29", listID: String = "",
        caseIDs: [String], removed: Set<String> = [], evacuated: Bool = true
    ) async throws {
        let state = await registry.currentState
        let movement = Movement(
            id: movementID, kind: .evacuation, agreementID: agreementID, listID: listID, originSiteID: "douma-hospital",
            crossingSiteID: "wafideen", destinationSiteIDs: ["damascus"], status: .completed,
            passengers: caseIDs.map { Movement.Passenger(caseID: $0, destinationSiteID: "damascus", removed: removed.contains($0), removedReason: removed.contains($0) ? "too ill" : "") }
        )
        var events: [EventKind] = [.movementPlanned(MovementPlanned(movement: movement))]
        if evacuated {
            for id in caseIDs where !removed.contains(id) {
                let from = state.cases[id]?.status ?? .waiting
                events.append(.caseStatusChanged(CaseStatusChanged(caseID: id, from: from, to: .inTransit, date: "2017-12-28")))
                events.append(.caseStatusChanged(CaseStatusChanged(caseID: id, from: .inTransit, to: .evacuated, date: "2017-12-28")))
            }
        }
        try await registry.commit(events, actor: registrar)
    }

    static func kill(_ registry: Registry, _ caseID: String, on date: String) async throws {
        _ = try await registry.setCaseStatus(caseID: caseID, status: .deceased, date: date, reason: "died waiting", actor: registrar)
    }

    /// A list of the agreement holding `caseIDs`, as the lists area would record it.
    static func list(_ registry: Registry, id: String, agreementID: String = "a-29", caseIDs: [String]) async throws {
        let list = EvacuationList(
            id: id, title: "List \(id)", agreementID: agreementID, originSiteID: "ghouta", quota: UInt32(caseIDs.count), status: .approved,
            entries: caseIDs.enumerated().map { ListEntry(rank: UInt32($0.offset + 1), caseID: $0.element, state: .active, addedInVersion: 1) },
            version: 1
        )
        try await registry.commit([.listCreated(ListCreated(list: list))], actor: registrar)
    }

    static func progress(_ registry: Registry, _ id: String = "a-29") async throws -> [String: (done: UInt32, target: UInt32)] {
        let progress = try await registry.getAgreementProgress(id)
        var rows: [String: (UInt32, UInt32)] = [:]
        for row in progress.terms { rows[row.term?.id ?? ""] = (row.done, row.target) }
        return rows
    }
}
