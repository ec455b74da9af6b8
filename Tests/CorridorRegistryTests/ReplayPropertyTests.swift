@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing
import CorridorTestSupport

/// Random commands, valid and not, with clean and unclean restarts and
/// snapshots at random points: after every restart the state is the state
/// before it, and a refused command never changes the state.
@Suite struct ReplayPropertyTests {
    @Test(arguments: [1, 2, 3, 4, 5, 20_240_229] as [UInt64])
    func randomCommandsSurviveRandomRestarts(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        try await withTemporaryDirectory { directory in
            var registry: Registry? = try openRegistry(directory)
            var tally = Tally()
            for step in 0..<400 {
                let roll = Int.random(in: 0..<100, using: &random)
                if roll < 4 {
                    try await restart(&registry, directory: directory, clean: true, "seed \(seed) step \(step), clean restart")
                    tally.restarts += 1
                } else if roll < 8 {
                    try await restart(&registry, directory: directory, clean: false, "seed \(seed) step \(step), crash")
                    tally.restarts += 1
                } else if roll < 11 {
                    try await #require(registry).snapshotNow()
                } else {
                    let current = try #require(registry)
                    let before = await current.currentState
                    let command = RandomCommand.make(from: before, using: &random)
                    do {
                        try await command.run(on: current)
                        tally.accepted += 1
                        let after = await current.currentState
                        #expect(after.lastSequence >= before.lastSequence, "seed \(seed) step \(step): \(command)")
                        // A command that moved a site's last case away (the case the
                        // empty-set bug needed) is in the mix.
                        if before.casesBySite.contains(where: { site, ids in !ids.isEmpty && (after.casesBySite[site]?.isEmpty ?? true) }) { tally.emptied += 1 }
                        let leftEmpty = after.casesBySite.values.contains { $0.isEmpty }
                        #expect(!leftEmpty, "seed \(seed) step \(step): an empty case set was left behind")
                    } catch {
                        tally.refused += 1
                        let after = await current.currentState
                        #expect(after == before, "seed \(seed) step \(step): the refused \(command) changed the state (\(error))")
                    }
                }
            }
            let answers = try await queryAnswers(try #require(registry))
            try await restart(&registry, directory: directory, clean: false, "seed \(seed), final crash")
            #expect(try await queryAnswers(try #require(registry)) == answers, "seed \(seed): the queries answer the same after the final restart")
            await registry?.close()
            // The mix really had both kinds of command in it.
            #expect(tally.accepted >= 30, "\(tally)")
            #expect(tally.refused >= 20, "\(tally)")
            #expect(tally.restarts >= 2, "\(tally)")
            #expect(tally.emptied >= 1, "some accepted command left a site without cases: \(tally)")
        }
    }

    private struct Tally: CustomStringConvertible {
        var accepted = 0, refused = 0, restarts = 0, emptied = 0
        var description: String { "accepted \(accepted), refused \(refused), restarts \(restarts), commands leaving a site with an empty case set \(emptied)" }
    }

    /// Closes (or just drops) the registry and opens the directory again;
    /// the state must be the one before.
    private func restart(_ registry: inout Registry?, directory: String, clean: Bool, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let current = try #require(registry)
        let before = await current.currentState
        if clean {
            await current.close()
        } else {
            // An in-process "crash" cannot stop a snapshot being written in the
            // background, which keeps the directory locked until it is done;
            // the kill -9 crash loop covers real crashes.
            await current.waitForBackgroundWork()
        }
        weak let old = current
        _ = consume current
        registry = nil
        #expect(old == nil, "\(context): the old registry is still referenced", sourceLocation: sourceLocation)
        registry = try openRegistry(directory)
        expectSameState(await registry!.currentState, before, context, sourceLocation: sourceLocation)
    }
}

/// One command with random arguments, drawn against the current state so
/// that about half are valid.
enum RandomCommand: CustomStringConvertible {
    case registerParty(Party)
    case updateParty(Party, [String])
    case registerSite(Site)
    case updateSite(Site, [String])
    case setCrossingStatus(String, Site.CrossingStatus)
    case registerCase(Case, CasePersonal?)
    case updateCase(Case, CasePersonal?, [String])
    case setCaseStatus(String, Case.Status, String, String)

    var description: String {
        switch self {
        case .registerParty(let party): "registerParty(\(party.id))"
        case .updateParty(let party, let fields): "updateParty(\(party.id), \(fields))"
        case .registerSite(let site): "registerSite(\(site.id))"
        case .updateSite(let site, let fields): "updateSite(\(site.id), \(fields))"
        case .setCrossingStatus(let id, let status): "setCrossingStatus(\(id), \(status.rawValue))"
        case .registerCase(let record, _): "registerCase(\(record.id.isEmpty ? "new" : record.id))"
        case .updateCase(let record, _, let fields): "updateCase(\(record.id), \(fields))"
        case .setCaseStatus(let id, let status, _, _): "setCaseStatus(\(id), \(status.rawValue))"
        }
    }

    func run(on registry: Registry) async throws(RegistryError) {
        let actor = Operator(uid: 1000, userName: "random", pid: 1, requestID: description)
        switch self {
        case .registerParty(let party): _ = try await registry.registerParty(party, actor: actor)
        case .updateParty(let party, let fields): _ = try await registry.updateParty(party, fields: fields, reason: "random", actor: actor)
        case .registerSite(let site): _ = try await registry.registerSite(site, actor: actor)
        case .updateSite(let site, let fields): _ = try await registry.updateSite(site, fields: fields, reason: "", actor: actor)
        case .setCrossingStatus(let id, let status): _ = try await registry.setCrossingStatus(siteID: id, status: status, reason: "", actor: actor)
        case .registerCase(let record, let personal): _ = try await registry.registerCase(record, personal: personal, actor: actor)
        case .updateCase(let record, let personal, let fields):
            _ = try await registry.updateCase(record, personal: personal, fields: fields, reason: "random", actor: actor)
        case .setCaseStatus(let id, let status, let date, let reason):
            _ = try await registry.setCaseStatus(caseID: id, status: status, date: date, reason: reason, actor: actor)
        }
    }

    static func make(from state: RegistryState, using random: inout SeededGenerator) -> RandomCommand {
        func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &random)] }
        func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
        /// Up to `max` of `options`, each once.
        func distinct<T>(_ options: [T], max: Int) -> [T] {
            Array(options.shuffled(using: &random).prefix(Int.random(in: 0...max, using: &random)))
        }
        /// Up to `max` of `options`, possibly twice.
        func any<T>(_ options: [T], max: Int) -> [T] {
            (0..<Int.random(in: 0...max, using: &random)).map { _ in options[Int.random(in: 0..<options.count, using: &random)] }
        }
        let partyIDs = state.parties.keys.sorted()
        let siteIDs = state.sites.keys.sorted()
        let caseIDs = state.cases.keys.sorted()
        func someParty() -> String { partyIDs.isEmpty || chance(8) ? pick(["p9", "Bad Id!"]) : pick(partyIDs) }
        func someSite() -> String { siteIDs.isEmpty || chance(6) ? "s-unknown" : pick(siteIDs) }
        func someCase() -> String { caseIDs.isEmpty || chance(6) ? "C-999999" : pick(caseIDs) }
        func date() -> String { chance(90) ? pick(["2013-04-01", "2018-02-20", "2016-02-29"]) : pick(["2013-02-30", "2018-2-1"]) }
        func personal() -> CasePersonal? {
            if chance(40) { return nil }
            return CasePersonal(
                name: pick(["", "A. B.", "Layla"]), dateOfBirth: chance(90) ? pick(["", "2010-01-01"]) : "2010-13-01",
                contacts: distinct(["+963 1", "+963 2"], max: 2), identityNumbers: chance(95) ? distinct(["N1", "N2"], max: 1) : [""],
                clinicalNotes: pick(["", "stable"])
            )
        }
        func site(id: String) -> Site {
            let kind = chance(95) ? pick(Array(Site.Kind.allCases.dropFirst())) : .unspecified
            let besiegers = chance(70) ? [] : (chance(90) ? distinct(partyIDs, max: 2) : ["p9"])
            return Site(
                id: id, name: chance(93) ? pick(["Place", "Other place"]) : " ", kind: kind,
                parentID: chance(50) ? "" : someSite(), controlledBy: chance(50) ? "" : someParty(),
                besiegedBy: besiegers,
                besiegedSince: besiegers.isEmpty ? (chance(95) ? "" : "2013-04-01") : date(),
                designations: chance(95) ? distinct(["UN", "ICRC"], max: 1) : [""],
                crossingStatus: kind == .crossing && chance(30) ? pick(Array(Site.CrossingStatus.allCases.dropFirst())) : (chance(3) ? .open : .unspecified)
            )
        }
        func record(id: String) -> Case {
            let sex = chance(95) ? pick([Case.Sex.female, .male]) : .unspecified
            return Case(
                id: id, siteID: someSite(), ageMonths: chance(97) ? UInt32.random(in: 0...1_560, using: &random) : 1_561,
                sex: sex, precedence: chance(95) ? pick(Array(Case.Precedence.allCases.dropFirst())) : .unspecified,
                conditions: chance(95) ? distinct(Array(Case.Condition.allCases.dropFirst()), max: 2) : [.cancer, .cancer],
                needs: chance(97) ? distinct(Array(Case.Need.allCases.dropFirst()), max: 1) : [.unspecified],
                consentGiven: chance(80), companionIDs: caseIDs.isEmpty || chance(70) ? [] : [someCase()],
                pregnant: sex == .female ? chance(20) : chance(3)
            )
        }

        switch Int.random(in: 0..<100, using: &random) {
        case 0..<8:
            return .registerParty(Party(
                id: chance(92) ? "p\(Int.random(in: 0..<8, using: &random))" : "Bad Id!",
                shortName: chance(93) ? pick(["Party", "Another"]) : "", fullName: pick(["", "Full name"]),
                kind: chance(95) ? pick(Array(Party.Kind.allCases.dropFirst())) : .unspecified, aliases: chance(95) ? distinct(["a", "b"], max: 2) : [""]
            ))
        case 8..<14:
            return .updateParty(
                Party(id: someParty(), shortName: chance(90) ? "Renamed" : "", fullName: pick(["", "Full"]),
                      kind: chance(90) ? pick(Array(Party.Kind.allCases.dropFirst())) : .unspecified, aliases: distinct(["x"], max: 1)),
                (chance(95) ? distinct(["short_name", "full_name", "kind", "aliases", "shortName"], max: 3) : []) + (chance(4) ? ["id"] : [])
            )
        case 14..<26:
            return .registerSite(site(id: chance(93) ? "s\(Int.random(in: 0..<12, using: &random))" : "Bad Site"))
        case 26..<32:
            return .updateSite(site(id: someSite()), distinct(["name", "kind", "parent_id", "controlled_by", "besieged_by", "besieged_since", "designations"], max: 3))
        case 32..<38:
            return .setCrossingStatus(someSite(), pick(Site.CrossingStatus.allCases))
        case 38..<62:
            let id = chance(88) ? "" : pick(["own-\(Int.random(in: 0..<4, using: &random))", "C-000001", "Bad Case"])
            return .registerCase(record(id: id), personal())
        case 62..<82:
            // Often the only case at its site, so that moves empty a site.
            let alone = state.casesBySite.values.filter { $0.count == 1 }.flatMap { $0 }.sorted()
            var changes = record(id: !alone.isEmpty && chance(60) ? pick(alone) : someCase())
            if let current = state.cases[changes.id], chance(60) {
                changes.sex = current.sex
                changes.pregnant = current.pregnant
            }
            let fields = ["site_id", "age_months", "sex", "precedence", "conditions", "needs", "consent_given", "companion_ids", "pregnant",
                          "personal.name", "personal.dateOfBirth", "personal.contacts", "personal.clinical_notes"]
            return .updateCase(changes, personal(), chance(97) ? Array(fields.shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random))) : [])
        default:
            let status = chance(85) ? pick([Case.Status.waiting, .deceased, .withdrawn]) : pick(Case.Status.allCases)
            return .setCaseStatus(someCase(), status, status == .deceased || chance(20) ? date() : "", chance(85) ? "recovered" : pick(["", " "]))
        }
    }
}
