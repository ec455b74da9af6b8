@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

/// A day's work at the registry: every kind of command, both parts of cases,
/// deaths and withdrawals. Returns the ids of the cases it registered.
@discardableResult
func runScenario(_ registry: Registry, cases count: Int = 12) async throws -> [String] {
    try await World.seed(registry)
    var ids: [String] = []
    for index in 0..<count {
        let personal = index.isMultiple(of: 2) ? CasePersonal(name: "Person \(index)", contacts: ["+963 \(index)"]) : nil
        let site = index.isMultiple(of: 3) ? "douma-shelter" : "douma-hospital"
        let view = try await registry.registerCase(
            World.patient(site: site, ageMonths: UInt32(12 * index + 3), sex: index.isMultiple(of: 2) ? .female : .male,
                          companions: ids.last.map { [$0] } ?? []),
            personal: personal, actor: registrar
        )
        ids.append(try #require(view.case?.id))
    }
    _ = try await registry.registerCase(World.patient(id: "msf-17", precedence: .priority), personal: World.personal, actor: registrar)
    ids.append("msf-17")
    var changes = World.patient(ageMonths: 200, precedence: .routine, conditions: [.cancer, .heartDisease])
    changes.id = ids[1]
    var personal = World.personal
    personal.clinicalNotes = "stable"
    _ = try await registry.updateCase(changes, personal: personal, fields: ["precedence", "conditions", "personal.clinical_notes"], reason: "triage", actor: registrar)
    _ = try await registry.setCaseStatus(caseID: ids[2], status: .deceased, date: "2018-02-20", reason: "died waiting", actor: registrar)
    _ = try await registry.setCaseStatus(caseID: ids[3], status: .withdrawn, date: "", reason: "recovered", actor: registrar)
    _ = try await registry.setCrossingStatus(siteID: "wafideen", status: .restricted, reason: "shelling", actor: registrar)
    _ = try await registry.updateParty(Party(id: "sarc", shortName: "SARC-Rif", kind: .ngo), fields: ["short_name"], reason: "", actor: registrar)
    _ = try await registry.updateSite(Site(id: "ghouta", name: "East Ghouta", kind: .enclave), fields: ["name"], reason: "", actor: registrar)
    return ids
}

/// What the queries answer, for comparing a registry before and after a restart.
struct QueryAnswers: Equatable {
    var parties: [Party]
    var sites: [Site]
    var cases: [CaseView]
    var total: UInt32
    var views: [CaseView]
    var histories: [String: [RecordedEvent]]
}

func queryAnswers(_ registry: Registry) async throws -> QueryAnswers {
    let state = await registry.currentState
    let listing = try await registry.cases(siteID: "", status: .unspecified, limit: 10_000, after: "")
    var views: [CaseView] = []
    for id in state.cases.keys.sorted() { views.append(try await registry.caseView(id)) }
    var histories: [String: [RecordedEvent]] = [:]
    for key in state.history.keys {
        let name = "\(key.kind.rawValue):\(key.id)"
        histories[name] = try await registry.history(of: name)
    }
    return QueryAnswers(
        parties: try await registry.parties(), sites: try await registry.sites(kind: .unspecified, parentID: ""),
        cases: listing.cases, total: listing.total, views: views, histories: histories
    )
}

/// Compares two states part by part, so that a failure says which part differs.
func expectSameState(_ after: RegistryState, _ before: RegistryState, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(after.lastSequence == before.lastSequence, "lastSequence \(context)", sourceLocation: sourceLocation)
    #expect(after.nextCaseNumber == before.nextCaseNumber, "nextCaseNumber \(context)", sourceLocation: sourceLocation)
    #expect(after.parties == before.parties, "parties \(context)", sourceLocation: sourceLocation)
    #expect(after.sites == before.sites, "sites \(context)", sourceLocation: sourceLocation)
    #expect(after.cases == before.cases, "cases \(context)", sourceLocation: sourceLocation)
    #expect(after.personal == before.personal, "personal \(context)", sourceLocation: sourceLocation)
    #expect(after.history == before.history, "history \(context)", sourceLocation: sourceLocation)
    #expect(after.casesBySite == before.casesBySite, "casesBySite \(context)", sourceLocation: sourceLocation)
    #expect(after.caseTable.inconsistency() == nil, "case table \(context): \(after.caseTable.inconsistency() ?? "")", sourceLocation: sourceLocation)
    #expect(after == before, "whole state \(context)", sourceLocation: sourceLocation)
}
