@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Companions of list entries travel: with their case by default, without it
/// only with a reason, after it on their own; arrival and abort move them
/// too; a companion who dies or withdraws leaves the entry and frees its place.
/// And a refusal names every reason, a party's rule first.
@Suite struct CompanionTests {
    /// The list l1 (companions count, quota 3) of agreement a-29, APPROVED:
    /// an urgent child with her mother as companion (2 places), and one more
    /// case; a fourth case waits for a free place. Plans evac-1 from l1.
    struct Family {
        var child: String
        var mother: String
        var other: String
        var waiting: String
    }

    func family(_ registry: Registry, terms: [Agreement.Term] = []) async throws -> Family {
        try await Corridor.seed(registry)
        let agreement = Agreement(
            id: ListWorld.agreementID, title: "29 for 29",
            parties: [.init(partyID: "gov", role: .party), .init(partyID: "jaish", role: .party)],
            terms: terms, agreedOn: "2017-04-12", status: .agreed
        )
        try await registry.commit([.agreementRecorded(AgreementRecorded(agreement: agreement))], actor: registrar)
        let mother = try await ListWorld.register(registry, "mother", precedence: .routine, ageMonths: 360)
        let child = try await ListWorld.register(registry, "child", precedence: .urgent, ageMonths: 60, companions: [mother])
        let other = try await ListWorld.register(registry, "other", precedence: .urgent, ageMonths: 500)
        let waiting = try await ListWorld.register(registry, "waiting", precedence: .routine, ageMonths: 600)
        _ = try await ListWorld.create(registry, quota: 3, companionsCount: true)
        try await ListWorld.select(registry)
        _ = try await registry.submitList(listID: "l1", actor: registrar)
        _ = try await registry.approveList(listID: "l1", partyID: "gov", actor: registrar)
        let list = try await registry.approveList(listID: "l1", partyID: "jaish", actor: registrar)
        try #require(list.activeCaseIDs.sorted() == [child, other].sorted())
        try #require(list.entries.first { $0.caseID == child }?.companionIDs == [mother])
        _ = try await registry.planMovement(Corridor.evacuation(list: "l1", agreement: ListWorld.agreementID), actor: registrar)
        return Family(child: child, mother: mother, other: other, waiting: waiting)
    }

    func add(_ registry: Registry, _ passengers: [Movement.Passenger], to id: String = "evac-1") async throws -> Movement {
        try await registry.changeManifest(movementID: id, add: passengers, actor: registrar)
    }

    func refusal(_ registry: Registry, _ passengers: [Movement.Passenger], to id: String = "evac-1") async throws -> RegistryError {
        let before = await registry.currentState
        let error = try await #require(throws: RegistryError.self) { try await add(registry, passengers, to: id) }
        #expect(await registry.currentState == before)
        return error
    }

    @Test func addingTheCaseBringsItsCompanionBesideIt() async throws {
        try await withRegistry { registry in
            let f = try await family(registry)
            let movement = try await add(registry, [.init(caseID: f.child, destinationSiteID: "douma-shelter")])
            #expect(movement.passengers == [
                .init(caseID: f.child, destinationSiteID: "douma-shelter"),
                .init(caseID: f.mother, destinationSiteID: "douma-shelter", companionOf: f.child),
            ])
            #expect(await Corridor.caseStatus(registry, f.child) == .scheduled)
            #expect(await Corridor.caseStatus(registry, f.mother) == .scheduled)
            let event = try #require(try await registry.history(of: "evac-1").last?.event?.manifestChanged)
            #expect(event.addedCaseIDs == [f.child, f.mother])
        }
    }

    @Test func arrivalEvacuatesBothAndAbortSendsBothBack() async throws {
        try await withRegistry { registry in
            let f = try await family(registry)
            _ = try await add(registry, [.init(caseID: f.child)])
            _ = try await Corridor.depart(registry, "evac-1")
            #expect(await Corridor.caseStatus(registry, f.mother) == .inTransit)
            _ = try await Corridor.status(registry, "evac-1", .arrived, at: "2026-11-21T12:00")
            #expect(await Corridor.caseStatus(registry, f.child) == .evacuated)
            #expect(await Corridor.caseStatus(registry, f.mother) == .evacuated)
            #expect(await registry.currentState.cases[f.mother]?.siteID == "damascus")
            let summary = try await registry.getList("l1")
            #expect(summary.companions == 1 && summary.companionsEvacuated == 1)

            _ = try await registry.planMovement(Corridor.evacuation(id: "evac-2", list: "l1"), actor: registrar)
            _ = try await add(registry, [.init(caseID: f.other)], to: "evac-2")
            _ = try await Corridor.status(registry, "evac-2", .aborted, reason: "shelling on the road")
            #expect(await Corridor.caseStatus(registry, f.other) == .listed)
        }
    }

    @Test func anAbortedMovementSendsTheCompanionBackToListed() async throws {
        try await withRegistry { registry in
            let f = try await family(registry)
            _ = try await add(registry, [.init(caseID: f.child)])
            _ = try await Corridor.depart(registry, "evac-1")
            _ = try await Corridor.status(registry, "evac-1", .aborted, reason: "shelling on the road")
            #expect(await Corridor.caseStatus(registry, f.child) == .listed)
            #expect(await Corridor.caseStatus(registry, f.mother) == .listed)
            // Both can board again, together.
            _ = try await registry.planMovement(Corridor.evacuation(id: "evac-2", list: "l1"), actor: registrar)
            #expect(try await add(registry, [.init(caseID: f.child)], to: "evac-2").activePassengers.map(\.caseID) == [f.child, f.mother])
        }
    }

    @Test func leavingTheCompanionsBehindNeedsAReasonAndTheAnswerNamesThem() async throws {
        try await withRegistry { registry in
            let f = try await family(registry)
            let missing = try await refusal(registry, [.init(caseID: f.child, withoutCompanions: true)])
            #expect(missing.code == .invalidArgument)
            #expect(missing.fields == ["add[0].companions_left_reason"], "\(missing)")
            let stray = try await refusal(registry, [.init(caseID: f.child, companionsLeftReason: "no seat")])
            #expect(stray.fields == ["add[0].companions_left_reason"])

            let movement = try await add(registry, [.init(caseID: f.child, withoutCompanions: true, companionsLeftReason: "one seat left in the ambulance")])
            #expect(movement.passengers.map(\.caseID) == [f.child])
            #expect(movement.passengers[0].companionsLeft == [f.mother])
            #expect(movement.passengers[0].companionsLeftReason == "one seat left in the ambulance")
            #expect(await Corridor.caseStatus(registry, f.mother) == .listed)
            // After her child, on a later manifest, the mother goes on her own.
            _ = try await registry.planMovement(Corridor.evacuation(id: "evac-2", list: "l1"), actor: registrar)
            let later = try await add(registry, [.init(caseID: f.mother)], to: "evac-2")
            #expect(later.passengers == [.init(caseID: f.mother, destinationSiteID: "damascus", companionOf: f.child)])
        }
    }

    @Test func aCompanionDoesNotGoAheadOfItsCase() async throws {
        try await withRegistry { registry in
            let f = try await family(registry)
            let error = try await refusal(registry, [.init(caseID: f.mother)])
            #expect(error.code == .failedPrecondition)
            #expect(error.fieldViolations == [FieldViolation(
                field: "add[0].case_id",
                reason: "case \(f.mother) is a companion of \(f.child) and travels with or after it; \(f.child) is LISTED and on no manifest: add \(f.child) (its companions come along)"
            )], "\(error)")
            // Named together, they go together.
            let movement = try await add(registry, [.init(caseID: f.mother), .init(caseID: f.child)])
            #expect(movement.passengers.map(\.caseID) == [f.mother, f.child])
            #expect(movement.passengers.map(\.companionOf) == [f.child, ""])
        }
    }

    @Test func takingTheCaseOffTakesItsCompanionOffToo() async throws {
        try await withRegistry { registry in
            let f = try await family(registry)
            _ = try await add(registry, [.init(caseID: f.child)])
            let movement = try await registry.changeManifest(movementID: "evac-1", removeCaseIDs: [f.child], reason: "fever", actor: registrar)
            #expect(movement.activePassengers.isEmpty)
            #expect(await Corridor.caseStatus(registry, f.mother) == .listed)
            let event = try #require(try await registry.history(of: "evac-1").last?.event?.manifestChanged)
            #expect(event.removedCaseIDs == [f.child, f.mother])
        }
    }

    @Test(arguments: [Case.Status.deceased, .withdrawn])
    func theCompanionLeavingFreesItsPlaceForATopUp(status: Case.Status) async throws {
        try await withRegistry { registry in
            let f = try await family(registry)
            #expect(try await registry.getList("l1").placesTaken == 3)
            _ = try await registry.setCaseStatus(caseID: f.mother, status: status, date: "2026-11-20", reason: "shelling", actor: registrar)
            let summary = try await registry.getList("l1")
            let entry = try #require(summary.list?.entries.first { $0.caseID == f.child })
            #expect(entry.state == .active)
            #expect(entry.companionIDs.isEmpty)
            #expect(entry.companionsLeft == [.init(caseID: f.mother, reason: "\(status.rawValue) on 2026-11-20: shelling")])
            #expect(summary.placesTaken == 2 && summary.companions == 0 && summary.companionsLeft == 1)
            let event = try #require(try await registry.history(of: "l1").last?.event?.listEntryDropped)
            #expect(event.caseID == f.mother && event.companionOf == f.child)
            // `list diff` says what changed in the entry.
            let version = try #require(summary.list?.version)
            let diff = try await registry.diffList(listID: "l1", fromVersion: version - 1, toVersion: version)
            #expect(diff.changes == [ListEntryChange(
                caseID: f.child, change: "CHANGED", fromRank: entry.rank, toRank: entry.rank, fromState: .active, toState: .active,
                reason: "companion \(f.mother) left: \(status.rawValue) on 2026-11-20: shelling"
            )])
            // The freed place goes to the next waiting case.
            let toppedUp = try await registry.topUpList(listID: "l1", actor: registrar)
            #expect(toppedUp.activeCaseIDs.contains(f.waiting))
            #expect(await Corridor.caseStatus(registry, f.waiting) == .listed)
            // The child still boards, alone now, without a reason needed.
            #expect(try await add(registry, [.init(caseID: f.child)]).passengers.map(\.caseID) == [f.child])
        }
    }

    @Test func aRuleIsNamedFirstAmongEveryReasonOfTheRefusal() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let man = try #require(try await registry.registerCase(World.patient(ageMonths: 30 * 12, sex: .male), personal: nil, actor: registrar).case?.id)
            let rule = EligibilityRule(
                id: "no-men-15-55", imposedBy: "gov", description: "males aged 15 to 55 are excluded", effect: .exclude, sex: .male,
                hasAgeRange: true, minAgeMonths: 180, maxAgeMonths: 660
            )
            let listed = try await Corridor.listed(registry, count: 1, rules: [rule])
            _ = try await registry.planMovement(Corridor.evacuation(list: "list-1"), actor: registrar)
            // The man the rule left out is WAITING: the refusal names the rule first, then the state.
            let error = try await refusal(registry, [.init(caseID: listed[0]), .init(caseID: man)])
            #expect(error.code == .failedPrecondition)
            #expect(error.fields == ["add[1].case_id", "add[1].case_id"], "\(error)")
            #expect(error.fieldViolations.first?.reason == "case \(man) is excluded by rule no-men-15-55 (imposed by gov): males aged 15 to 55 are excluded (a rule of list list-1)")
            #expect(error.fieldViolations.last?.reason.hasPrefix("case \(man) is WAITING; a manifest takes LISTED cases") == true)
            #expect(error.message.contains("no-men-15-55"))
            // Planning names them the same way, at the movement's passengers.
            let planning = try await #require(throws: RegistryError.self) {
                try await registry.planMovement(Corridor.evacuation(id: "evac-2", list: "list-1", passengers: [.init(caseID: man)]), actor: registrar)
            }
            #expect(planning.code == .failedPrecondition)
            #expect(planning.fields == ["movement.passengers[0].case_id", "movement.passengers[0].case_id"])
            #expect(planning.fieldViolations.first?.reason.contains("excluded by rule no-men-15-55 (imposed by gov)") == true)
            // A movement naming no list: the rules of the open lists whose origin
            // holds the case's site (the hospital is within Ghouta).
            var list = try #require(await registry.currentState.lists["list-1"])
            list.originSiteID = "ghouta"
            try await registry.commit([.listStatusChanged(ListStatusChanged(list: list, from: .approved, to: .approved))], actor: registrar)
            _ = try await registry.planMovement(Corridor.evacuation(id: "evac-3"), actor: registrar)
            let anyList = try await refusal(registry, [.init(caseID: man)], to: "evac-3")
            #expect(anyList.fieldViolations.first?.reason.contains("excluded by rule no-men-15-55 (imposed by gov)") == true, "\(anyList)")
        }
    }

    @Test func progressCountsCasesOrPeopleAsTheTermSays() async throws {
        try await withRegistry { registry in
            let terms: [Agreement.Term] = [
                .init(id: "old", description: "as recorded before", obligorID: "gov", measure: .evacuations, target: 2, listID: "l1"),
                .init(id: "cases", description: "2 cases", obligorID: "gov", measure: .evacuations, target: 2, listID: "l1", counting: .cases),
                .init(id: "people", description: "2 people", obligorID: "gov", measure: .evacuations, target: 2, listID: "l1", counting: .people),
            ]
            let f = try await family(registry, terms: terms)
            _ = try await add(registry, [.init(caseID: f.child)])
            _ = try await Corridor.depart(registry, "evac-1")
            _ = try await Corridor.status(registry, "evac-1", .arrived, at: "2026-11-21T12:00")
            let progress = try await registry.getAgreementProgress(ListWorld.agreementID)
            #expect(progress.terms.map(\.done) == [1, 1, 2])
            #expect(progress.terms[2].source == "people (cases and their companions) evacuated by movements of this agreement from list l1")
        }
    }

    @Test func onlyAnEvacuationsTermCountsCasesOrPeople() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let term = Agreement.Term(id: "releases", description: "29 released", obligorID: "gov", measure: .detaineeReleases, target: 29, counting: .people)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.recordAgreement(Agreement(id: "a1", title: "t", parties: [.init(partyID: "gov", role: .party)], terms: [term]), actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["agreement.terms[0].counting"], "\(error)")
        }
    }

    @Test func replayGivesTheSameStateWithCompanionsOnTheWay() async throws {
        try await withTemporaryDirectory { directory in
            let before = try await withRegistryReleasedAfterwards(directory) { registry in
                let f = try await family(registry)
                _ = try await add(registry, [.init(caseID: f.child)])
                _ = try await registry.setCaseStatus(caseID: f.other, status: .withdrawn, date: "2026-11-20", reason: "left by other means", actor: registrar)
                _ = try await registry.setCaseStatus(caseID: f.mother, status: .withdrawn, date: "2026-11-20", reason: "stays with her other children", actor: registrar)
                #expect(await registry.currentState.lists["l1"]?.entries.first { $0.caseID == f.child }?.companionsLeft.count == 1)
                let state = await registry.currentState
                await registry.close()
                return state
            }
            let after = try await withRegistryReleasedAfterwards(directory) { registry in
                let state = await registry.currentState
                await registry.close()
                return state
            }
            #expect(after == before)
        }
    }
}
