@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Evacuation manifests: LISTED cases of an open list only, one active
/// manifest per case, the list's rules checked again, removals.
@Suite struct ManifestTests {
    func change(_ registry: Registry, _ id: String = "evac-1", add: [Movement.Passenger] = [], remove: [String] = [], reason: String = "") async throws -> Movement {
        try await registry.changeManifest(movementID: id, add: add, removeCaseIDs: remove, reason: reason, actor: registrar)
    }

    func refusal(_ registry: Registry, _ id: String = "evac-1", add: [Movement.Passenger] = [], remove: [String] = [], reason: String = "") async throws -> RegistryError {
        let before = await registry.currentState
        let error = try await #require(throws: RegistryError.self) { try await change(registry, id, add: add, remove: remove, reason: reason) }
        #expect(await registry.currentState == before)
        return error
    }

    func planEvacuation(_ registry: Registry, id: String = "evac-1", list: String = "") async throws {
        _ = try await registry.planMovement(Corridor.evacuation(id: id, list: list), actor: registrar)
    }

    @Test func listedCasesAreAddedAndScheduled() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let ids = try await Corridor.listed(registry, count: 3)
            try await planEvacuation(registry, list: "list-1")
            let movement = try await change(registry, add: [.init(caseID: ids[0]), .init(caseID: ids[2], destinationSiteID: "douma-shelter")])
            #expect(movement.passengers.map(\.caseID) == [ids[0], ids[2]])
            #expect(movement.passengers.map(\.destinationSiteID) == ["damascus", "douma-shelter"])
            #expect(await Corridor.caseStatus(registry, ids[0]) == .scheduled)
            #expect(await Corridor.caseStatus(registry, ids[1]) == .listed)
            let event = try #require(try await registry.history(of: "evac-1").last?.event?.manifestChanged)
            #expect(event.addedCaseIDs == [ids[0], ids[2]])
        }
    }

    @Test func anUnknownCaseIsNotFound() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            try await planEvacuation(registry)
            let error = try await refusal(registry, add: [.init(caseID: "C-999")])
            #expect(error.code == .notFound)
            #expect(error.message.contains("C-999"))
            #expect(try await refusal(registry, "nope", add: [.init(caseID: "C-1")]).code == .notFound)
        }
    }

    @Test(arguments: [Case.Status.waiting, .withdrawn, .deceased])
    func aCaseNotListedIsRefusedNamingItsStatus(status: Case.Status) async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let id = try #require(try await registry.registerCase(World.patient(), personal: nil, actor: registrar).case?.id)
            if status != .waiting {
                _ = try await registry.setCaseStatus(caseID: id, status: status, date: "2026-11-20", reason: "left", actor: registrar)
            }
            try await planEvacuation(registry)
            let error = try await refusal(registry, add: [.init(caseID: id)])
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("case \(id) is \(status.rawValue)"), "\(error)")
        }
    }

    @Test func aCaseMustBeAnActiveEntryOfTheMovementsList() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let onOne = try await Corridor.listed(registry, count: 1, list: "list-1")
            try await Corridor.listed(registry, count: 1, list: "list-2")
            try await planEvacuation(registry, list: "list-2")
            let error = try await refusal(registry, add: [.init(caseID: onOne[0])])
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("not an ACTIVE entry of list list-2"), "\(error)")
        }
    }

    @Test func aCaseStruckFromItsListIsRefused() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let ids = try await Corridor.listed(registry, count: 1)
            var list = try #require(await registry.currentState.lists["list-1"])
            list.entries[0].state = .struck
            list.version += 1
            try await registry.commit([.listEntryStruck(ListEntryStruck(list: list, caseID: ids[0], partyID: "gov"))], actor: registrar)
            try await planEvacuation(registry)
            let error = try await refusal(registry, add: [.init(caseID: ids[0])])
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("any APPROVED or IN_PROGRESS list"))
        }
    }

    @Test func aCaseIsOnOneActiveManifestOnly() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let ids = try await Corridor.listed(registry, count: 1)
            try await planEvacuation(registry, id: "evac-1")
            try await planEvacuation(registry, id: "evac-2")
            _ = try await change(registry, "evac-1", add: [.init(caseID: ids[0])])
            var error = try await refusal(registry, "evac-2", add: [.init(caseID: ids[0])])
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("movement evac-1"), "\(error)")
            error = try await refusal(registry, "evac-1", add: [.init(caseID: ids[0])])
            #expect(error.message.contains("already on this movement's manifest"), "\(error)")
            // Once evac-1 is aborted, the case is LISTED again and free to go on evac-2.
            _ = try await Corridor.status(registry, "evac-1", .aborted, reason: "buses did not arrive")
            #expect(await Corridor.caseStatus(registry, ids[0]) == .listed)
            #expect(try await change(registry, "evac-2", add: [.init(caseID: ids[0])]).passengers.count == 1)
        }
    }

    @Test func theListsRulesAreCheckedAgainNamingTheRuleAndItsParty() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let man = World.patient(ageMonths: 30 * 12, sex: .male)
            let ids = try await Corridor.listed(registry, count: 1, patients: [man])
            try await planEvacuation(registry, list: "list-1")
            // A rule the government imposes after the list was approved.
            let rule = EligibilityRule(
                id: "no-men-15-55", imposedBy: "gov", description: "males aged 15 to 55 are excluded", effect: .exclude, sex: .male,
                hasAgeRange: true, minAgeMonths: 180, maxAgeMonths: 660
            )
            var list = try #require(await registry.currentState.lists["list-1"])
            list.ruleIDs = [rule.id]
            try await registry.commit([.ruleImposed(RuleImposed(rule: rule)), .listStatusChanged(ListStatusChanged(list: list, from: .approved, to: .approved))], actor: registrar)
            let error = try await refusal(registry, add: [.init(caseID: ids[0])])
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("excluded by rule no-men-15-55 (imposed by gov): males aged 15 to 55 are excluded"), "\(error)")
            // Lifted, the case goes.
            var lifted = rule
            lifted.lifted = true
            try await registry.commit([.ruleLifted(RuleLifted(rule: lifted))], actor: registrar)
            #expect(try await change(registry, add: [.init(caseID: ids[0])]).passengers.count == 1)
        }
    }

    @Test func aRemovedPassengerIsMarkedAndTheCaseListedAgain() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let ids = try await Corridor.listed(registry, count: 2)
            try await planEvacuation(registry, list: "list-1")
            _ = try await change(registry, add: [.init(caseID: ids[0]), .init(caseID: ids[1])])
            // A reason is required.
            let missing = try await refusal(registry, remove: [ids[0]])
            #expect(missing.fields == ["reason"])
            let movement = try await change(registry, remove: [ids[0]], reason: "too ill to travel")
            #expect(movement.passengers[0] == .init(caseID: ids[0], destinationSiteID: "damascus", removed: true, removedReason: "too ill to travel"))
            #expect(movement.activePassengers.map(\.caseID) == [ids[1]])
            #expect(await Corridor.caseStatus(registry, ids[0]) == .listed)
            // Not on the manifest (any more): NOT_FOUND.
            #expect(try await refusal(registry, remove: [ids[0]], reason: "again").code == .notFound)
            // It can be added again.
            #expect(try await change(registry, add: [.init(caseID: ids[0])]).activePassengers.count == 2)
        }
    }

    @Test func theManifestIsFixedOnceDeparted() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let ids = try await Corridor.listed(registry, count: 2)
            try await planEvacuation(registry, list: "list-1")
            _ = try await change(registry, add: [.init(caseID: ids[0])])
            _ = try await Corridor.depart(registry, "evac-1")
            let error = try await refusal(registry, add: [.init(caseID: ids[1])])
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("movement evac-1 is DEPARTED; changing its manifest needs one of: PLANNED, NOTIFIED"), "\(error)")
        }
    }

    @Test func badManifestFieldsAreNamed() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let ids = try await Corridor.listed(registry, count: 1)
            try await planEvacuation(registry)
            let error = try await refusal(registry, add: [.init(caseID: ""), .init(caseID: ids[0], destinationSiteID: "douma"), .init(caseID: ids[0])])
            #expect(Set(error.fields) == ["add[0].case_id", "add[1].destination_site_id", "add[2].case_id"], "\(error)")
            #expect(try await refusal(registry).fields == ["add"])
            _ = try await registry.planMovement(Corridor.convoy(), actor: registrar)
            #expect(try await refusal(registry, "convoy-1", add: [.init(caseID: ids[0])]).fields == ["add"])
        }
    }
}
