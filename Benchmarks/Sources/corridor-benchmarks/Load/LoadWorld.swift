import CorridorClient
import LoadChecks

/// The registry the load runs against: two parties, three enclaves and a
/// crossing, an agreement and a selected list, and `cases` cases, all made
/// through the client as an operator would.
enum LoadWorld {
    static let siteIDs = ["enclave-1", "enclave-2", "enclave-3"]
    static let listID = "l-load"
    static let agreementID = "a-load"

    /// Registers the parties, sites, agreement and list, then `cases` cases
    /// (remembered in `ledger`), `callers` at a time over `clients`.
    static func seed(clients: [CorridorClient], cases: Int, callers: Int, ledger: LedgerBox) async throws {
        guard let client = clients.first else { return }
        do {
            _ = try await client.registerParty(Party(id: "gov", shortName: "Government", kind: .government))
            _ = try await client.registerParty(Party(id: "opp", shortName: "Opposition", kind: .armedGroup))
            for id in siteIDs {
                _ = try await client.registerSite(Site(id: id, name: "Enclave \(id.suffix(1))", kind: .enclave))
            }
            _ = try await client.registerSite(Site(id: "crossing", name: "The crossing", kind: .crossing, crossingStatus: .open))
            _ = try await client.recordAgreement(Corridor_V1_RecordAgreementRequest(agreement: Agreement(
                id: agreementID, title: "Medical evacuations", parties: [.init(partyID: "gov", role: .party), .init(partyID: "opp", role: .party)],
                agreedOn: "2026-01-10", status: .agreed
            )))
        } catch {
            throw BenchmarkFailure("seeding the registry (parties, sites, agreement) failed: \(error)")
        }
        // The list first, selected from cases of its own, so that the cases the
        // load writes and checks (`ledger`) are never moved by a selection.
        try await registerCases(listQuota * 2, clients: clients, callers: callers, seed: 0x1157, ledger: nil)
        do {
            _ = try await client.createList(Corridor_V1_CreateListRequest(list: EvacuationList(
                id: listID, title: "Medical evacuations, first convoy", agreementID: agreementID, originSiteID: siteIDs[0], quota: UInt32(listQuota)
            )))
            var select = Corridor_V1_SelectListRequest()
            select.listID = listID
            _ = try await client.selectList(select)
        } catch {
            throw BenchmarkFailure("seeding the registry (the list) failed: \(error)")
        }
        try await registerCases(cases, clients: clients, callers: callers, seed: 0xC0DE, ledger: ledger)
    }

    static let listQuota = 50

    /// `count` new cases, `callers` at a time: a day's intake. Those
    /// acknowledged go into `ledger` when there is one.
    private static func registerCases(_ count: Int, clients: [CorridorClient], callers: Int, seed: UInt64, ledger: LedgerBox?) async throws {
        let callers = max(1, min(callers, count))
        let perCaller = (count + callers - 1) / callers
        try await withThrowingTaskGroup(of: Void.self) { group in
            for caller in 0..<callers {
                let client = clients[caller % clients.count]
                let range = min(count, caller * perCaller)..<min(count, (caller + 1) * perCaller)
                guard !range.isEmpty else { continue }
                group.addTask {
                    var generator = SplitMix(seed: seed &+ UInt64(caller) &* 0x1_0000)
                    for _ in range {
                        let (record, personal) = newCase(&generator)
                        do {
                            let view = try await client.registerCase(record, personal: personal)
                            if let registered = view.case { ledger?.registered(registered, name: personal.name) }
                        } catch {
                            throw BenchmarkFailure("seeding the registry (cases) failed: \(error)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private static let names = ["Amal", "Huda", "Sami", "Rami", "Nour", "Yara", "Omar", "Lina", "Khaled", "Rana", "Tariq", "Maya"]
    private static let families = ["Haddad", "Khoury", "Saleh", "Nasser", "Darwish", "Hamdan", "Aziz", "Mansour"]

    /// A plausible case: any of the sites, precedences and sexes, a condition
    /// or none, consent given, a personal part with a name and a note.
    static func newCase(_ generator: inout SplitMix) -> (Case, CasePersonal) {
        let draw = generator.next()
        let sex: Case.Sex = draw & 1 == 0 ? .female : .male
        let precedences: [Case.Precedence] = [.urgent, .urgentSurgical, .priority, .routine, .routine]
        let conditions: [Case.Condition] = [.cancer, .kidneyFailure, .heartDisease, .trauma, .malnutrition]
        let record = Case(
            siteID: siteIDs[Int((draw >> 1) % UInt64(siteIDs.count))],
            ageMonths: UInt32((draw >> 8) % 960),
            sex: sex,
            precedence: precedences[Int((draw >> 20) % UInt64(precedences.count))],
            conditions: (draw >> 24) % 3 == 0 ? [] : [conditions[Int((draw >> 28) % UInt64(conditions.count))]],
            consentGiven: true
        )
        let name = "\(names[Int((draw >> 32) % UInt64(names.count))]) \(families[Int((draw >> 40) % UInt64(families.count))]) \(draw >> 48)"
        return (record, CasePersonal(name: name, clinicalNotes: "load generator: seen at the field clinic"))
    }

    /// The facts the soak checks of a case as corridord returns it.
    static func facts(_ view: CaseView) -> CaseFacts? {
        guard let record = view.case else { return nil }
        return CaseFacts(
            siteID: record.siteID, ageMonths: record.ageMonths, sex: record.sex.rawValue,
            precedence: record.precedence.rawValue, name: view.personal?.name ?? "", status: record.status.rawValue
        )
    }

    /// The status change the load makes from `status`, if any.
    static func nextStatus(from status: String) -> String? {
        switch status {
        case Case.Status.waiting.rawValue: Case.Status.withdrawn.rawValue
        case Case.Status.withdrawn.rawValue: Case.Status.waiting.rawValue
        default: nil
        }
    }
}
