@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Submit, approve, strike, top up, close, entries dropped on death, and the
/// refusals of each step.
@Suite struct ListLifecycleTests {
    /// The seeded world with `count` routine cases c-01… waiting at the hospital.
    func world(_ registry: Registry, cases count: Int = 5) async throws {
        try await ListWorld.seed(registry)
        for index in 1...count { try await ListWorld.register(registry, "c-\(index < 10 ? "0" : "")\(index)") }
    }

    @Test func submitNeedsADraftWithEntries() async throws {
        try await withRegistry { registry in
            try await world(registry)
            _ = try await ListWorld.create(registry, quota: 3)
            let empty = try await #require(throws: RegistryError.self) { try await registry.submitList(listID: "l1", actor: registrar) }
            #expect(empty.code == .failedPrecondition)
            #expect(empty.message.contains("no entries"))
            try await ListWorld.select(registry)
            let submitted = try await registry.submitList(listID: "l1", actor: registrar)
            #expect(submitted.status == .submitted)
            #expect(submitted.version == 1)
            let again = try await #require(throws: RegistryError.self) { try await registry.submitList(listID: "l1", actor: registrar) }
            #expect(again.code == .failedPrecondition)
            #expect(again.message.contains("is SUBMITTED; from SUBMITTED it can go to APPROVED"), "\(again)")
            let missing = try await #require(throws: RegistryError.self) { try await registry.submitList(listID: "zz", actor: registrar) }
            #expect(missing.code == .notFound)
        }
    }

    @Test func everyRequiredPartyApprovesOnce() async throws {
        try await withRegistry { registry in
            try await world(registry)
            _ = try await ListWorld.create(registry, quota: 3)
            try await ListWorld.select(registry)
            let draft = try await #require(throws: RegistryError.self) {
                try await registry.approveList(listID: "l1", partyID: "gov", actor: registrar)
            }
            #expect(draft.message.contains("is DRAFT; from DRAFT it can go to SUBMITTED"), "\(draft)")
            _ = try await registry.submitList(listID: "l1", actor: registrar)
            let first = try await registry.approveList(listID: "l1", partyID: "gov", actor: registrar)
            #expect(first.status == .submitted)
            #expect(first.approvedBy == ["gov"])
            let twice = try await #require(throws: RegistryError.self) {
                try await registry.approveList(listID: "l1", partyID: "gov", actor: registrar)
            }
            #expect(twice.code == .failedPrecondition && twice.message.contains("already approved"))
            let outsider = try await #require(throws: RegistryError.self) {
                try await registry.approveList(listID: "l1", partyID: "sarc", actor: registrar)
            }
            #expect(outsider.code == .failedPrecondition && outsider.message.contains("gov, jaish"))
            let noParty = try await #require(throws: RegistryError.self) {
                try await registry.approveList(listID: "l1", partyID: "", actor: registrar)
            }
            #expect(noParty.fields == ["party_id"])
            let unknown = try await #require(throws: RegistryError.self) {
                try await registry.approveList(listID: "l1", partyID: "msf", actor: registrar)
            }
            #expect(unknown.code == .notFound)
            let second = try await registry.approveList(listID: "l1", partyID: "jaish", actor: registrar)
            #expect(second.status == .approved)
            #expect(second.approvedBy == ["gov", "jaish"])
        }
    }

    @Test func aStruckEntryGoesBackToWaitingAndTheListIsToppedUp() async throws {
        try await withRegistry { registry in
            try await world(registry)
            _ = try await ListWorld.approved(registry, quota: 3)
            let struck = try await registry.strikeEntry(listID: "l1", caseID: "c-02", partyID: "gov", reason: "security objection", actor: registrar)
            #expect(struck.version == 2)
            #expect(struck.entries[1].state == .struck)
            #expect(struck.entries[1].struckBy == "gov")
            #expect(struck.entries[1].reason == "security objection")
            #expect(await ListWorld.status(registry, "c-02") == .waiting)
            #expect(try await registry.getList("l1").struck == 1)
            let toppedUp = try await registry.topUpList(listID: "l1", actor: registrar)
            #expect(toppedUp.version == 3)
            #expect(toppedUp.activeCaseIDs == ["c-01", "c-03", "c-04"])
            #expect(toppedUp.entries.last?.rank == 4)
            #expect(toppedUp.entries.last?.addedInVersion == 3)
            #expect(toppedUp.entries.last?.explanation.hasPrefix("ROUTINE; waiting ") == true)
            #expect(await ListWorld.status(registry, "c-04") == .listed)
            let full = try await #require(throws: RegistryError.self) { try await registry.topUpList(listID: "l1", actor: registrar) }
            #expect(full.code == .failedPrecondition && full.message.contains("full"))
            let diff = try await registry.diffList(listID: "l1", fromVersion: 1, toVersion: 3)
            #expect(diff.changes == [
                ListEntryChange(caseID: "c-02", change: "CHANGED", fromRank: 2, toRank: 2, fromState: .active, toState: .struck, reason: "security objection"),
                ListEntryChange(caseID: "c-04", change: "ADDED", toRank: 4, toState: .active, reason: toppedUp.entries[3].explanation),
            ])
        }
    }

    @Test func topUpRefusals() async throws {
        try await withRegistry { registry in
            try await world(registry, cases: 3)
            _ = try await ListWorld.create(registry, quota: 3)
            let draft = try await #require(throws: RegistryError.self) { try await registry.topUpList(listID: "l1", actor: registrar) }
            #expect(draft.code == .failedPrecondition)
            #expect(draft.message.contains("is DRAFT; topping up needs one of: SUBMITTED, APPROVED, IN_PROGRESS"))
            try await ListWorld.select(registry)
            _ = try await registry.submitList(listID: "l1", actor: registrar)
            _ = try await registry.strikeEntry(listID: "l1", caseID: "c-03", partyID: "gov", reason: "x", actor: registrar)
            // The only waiting case was struck from this list: it is not put back.
            let nobody = try await #require(throws: RegistryError.self) { try await registry.topUpList(listID: "l1", actor: registrar) }
            #expect(nobody.code == .failedPrecondition)
            #expect(nobody.message.contains("no eligible waiting case"))
            let missing = try await #require(throws: RegistryError.self) { try await registry.topUpList(listID: "nope", actor: registrar) }
            #expect(missing.code == .notFound)
        }
    }

    @Test func strikeWithTopUpFillsThePlaceInTheSameCommand() async throws {
        try await withRegistry { registry in
            try await world(registry)
            _ = try await ListWorld.approved(registry, quota: 3)
            let before = await registry.currentState.lastSequence
            let list = try await registry.strikeEntry(listID: "l1", caseID: "c-01", partyID: "jaish", reason: "objection", topUp: true, actor: registrar)
            #expect(list.version == 3)
            #expect(list.activeCaseIDs == ["c-02", "c-03", "c-04"])
            let events = registry.allRecordedEvents().filter { $0.sequence > before }.compactMap(\.event)
            #expect(events.count == 4)
            #expect(events.map { $0.reason }.allSatisfy { $0 == "objection" })
            #expect(await registry.currentState.listVersions["l1"]?.map(\.change).suffix(2) == ["c-01 struck by jaish: objection", "topped up with c-04"])
        }
    }

    @Test func strikeRefusals() async throws {
        try await withRegistry { registry in
            try await world(registry)
            _ = try await ListWorld.create(registry, quota: 3)
            try await ListWorld.select(registry)
            let draft = try await #require(throws: RegistryError.self) {
                try await registry.strikeEntry(listID: "l1", caseID: "c-01", partyID: "gov", reason: "x", actor: registrar)
            }
            #expect(draft.message.contains("is DRAFT; striking an entry needs one of: SUBMITTED, APPROVED, IN_PROGRESS"))
            _ = try await registry.submitList(listID: "l1", actor: registrar)
            let fields = try await #require(throws: RegistryError.self) {
                try await registry.strikeEntry(listID: "l1", caseID: "", partyID: "", reason: " ", actor: registrar)
            }
            #expect(fields.fields == ["case_id", "party_id", "reason"])
            let notOn = try await #require(throws: RegistryError.self) {
                try await registry.strikeEntry(listID: "l1", caseID: "c-05", partyID: "gov", reason: "x", actor: registrar)
            }
            #expect(notOn.code == .notFound)
            try await registry.commit([.partyRegistered(PartyRegistered(party: Party(id: "msf", shortName: "MSF", kind: .ngo)))], actor: registrar)
            let outsider = try await #require(throws: RegistryError.self) {
                try await registry.strikeEntry(listID: "l1", caseID: "c-01", partyID: "msf", reason: "x", actor: registrar)
            }
            #expect(outsider.code == .failedPrecondition)
            try await registry.commit([.caseStatusChanged(CaseStatusChanged(caseID: "c-02", from: .listed, to: .scheduled, date: ""))], actor: registrar)
            let scheduled = try await #require(throws: RegistryError.self) {
                try await registry.strikeEntry(listID: "l1", caseID: "c-02", partyID: "gov", reason: "x", actor: registrar)
            }
            #expect(scheduled.code == .failedPrecondition)
            #expect(scheduled.message.contains("case c-02 is SCHEDULED; striking needs one of: LISTED"), "\(scheduled.message)")
            _ = try await registry.strikeEntry(listID: "l1", caseID: "c-01", partyID: "gov", reason: "x", actor: registrar)
            let twice = try await #require(throws: RegistryError.self) {
                try await registry.strikeEntry(listID: "l1", caseID: "c-01", partyID: "gov", reason: "x", actor: registrar)
            }
            #expect(twice.code == .failedPrecondition && twice.message.contains("is STRUCK"))
        }
    }

    @Test func aDeathOnTheListDropsTheEntryAndCountsOnTheList() async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            try await ListWorld.register(registry, "infant", precedence: .urgent, ageMonths: 6)
            for index in 1...4 { try await ListWorld.register(registry, "c-0\(index)") }
            _ = try await ListWorld.approved(registry, quota: 3)
            _ = try await registry.setCaseStatus(caseID: "infant", status: .deceased, date: "2026-11-20", reason: "sepsis", actor: registrar)
            let summary = try await registry.getList("l1")
            let list = try #require(summary.list)
            #expect(list.version == 2)
            #expect(list.entries[0].state == .dropped)
            #expect(list.entries[0].reason == "DECEASED on 2026-11-20: sepsis")
            #expect(summary.died == 1)
            #expect(summary.waiting == 2)
            #expect(summary.placesTaken == 2)
            let toppedUp = try await registry.topUpList(listID: "l1", actor: registrar)
            #expect(toppedUp.activeCaseIDs == ["c-01", "c-02", "c-03"])
            #expect(try await registry.getList("l1").died == 1)
            let history = try await registry.history(of: "infant").compactMap { $0.event?.caseStatusChanged?.to }
            #expect(history == [.listed, .deceased])
            #expect(await registry.currentState.listVersions["l1"]?[1].change == "infant dropped: sepsis")
        }
    }

    @Test func closingReturnsUnevacuatedCasesToWaiting() async throws {
        try await withRegistry { registry in
            try await world(registry)
            _ = try await ListWorld.create(registry, quota: 3)
            try await ListWorld.select(registry)
            let draft = try await #require(throws: RegistryError.self) { try await registry.closeList(listID: "l1", actor: registrar) }
            #expect(draft.message.contains("is DRAFT; from DRAFT it can go to SUBMITTED"), "\(draft)")
            _ = try await registry.submitList(listID: "l1", actor: registrar)
            _ = try await registry.approveList(listID: "l1", partyID: "gov", actor: registrar)
            _ = try await registry.approveList(listID: "l1", partyID: "jaish", actor: registrar)
            // A case on a movement holds the list open.
            try await registry.commit([.caseStatusChanged(CaseStatusChanged(caseID: "c-02", from: .listed, to: .scheduled, date: ""))], actor: registrar)
            let moving = try await #require(throws: RegistryError.self) { try await registry.closeList(listID: "l1", actor: registrar) }
            #expect(moving.code == .failedPrecondition && moving.message.contains("c-02 (SCHEDULED)"))
            try await registry.commit([.caseStatusChanged(CaseStatusChanged(caseID: "c-02", from: .scheduled, to: .listed, date: ""))], actor: registrar)
            let closed = try await registry.closeList(listID: "l1", reason: "window ended", actor: registrar)
            #expect(closed.status == .closed)
            #expect(closed.closedReason == "window ended")
            let event = try #require(try await registry.history(of: "list:l1").last?.event?.listStatusChanged)
            #expect(event.returnedCaseIDs == ["c-01", "c-02", "c-03"])
            #expect(event.from == .approved && event.to == .closed)
            for id in ["c-01", "c-02", "c-03"] { #expect(await ListWorld.status(registry, id) == .waiting) }
            let strike = try await #require(throws: RegistryError.self) {
                try await registry.strikeEntry(listID: "l1", caseID: "c-01", partyID: "gov", reason: "x", actor: registrar)
            }
            #expect(strike.message.contains("is CLOSED"))
        }
    }

    @Test func aFirstDepartureTakesAnApprovedListInProgressWhereItCanStillBeClosed() async throws {
        try await withRegistry { registry in
            try await world(registry)
            _ = try await ListWorld.approved(registry, quota: 2)
            let state = await registry.currentState
            #expect(state.listDepartureEvents(listID: "nope").isEmpty)
            try await registry.commit(state.listDepartureEvents(listID: "l1"), actor: registrar)
            #expect(await registry.currentState.lists["l1"]?.status == .inProgress)
            #expect(await registry.currentState.listDepartureEvents(listID: "l1").isEmpty)
            let strike = try await registry.strikeEntry(listID: "l1", caseID: "c-02", partyID: "gov", reason: "x", topUp: true, actor: registrar)
            #expect(strike.activeCaseIDs == ["c-01", "c-03"])
            let closed = try await registry.closeList(listID: "l1", actor: registrar)
            #expect(closed.status == .closed)
        }
    }

    @Test func versionsAreKeptAndUnknownOnesAreNotFound() async throws {
        try await withRegistry { registry in
            try await world(registry)
            _ = try await ListWorld.approved(registry, quota: 2)
            _ = try await registry.strikeEntry(listID: "l1", caseID: "c-01", partyID: "gov", reason: "x", topUp: true, actor: registrar)
            let one = try await registry.getListVersion(listID: "l1", version: 1)
            #expect(one.entries.map(\.caseID) == ["c-01", "c-02"])
            #expect(one.change.hasPrefix("selected under policy priority-v1"))
            let zero = try await registry.getListVersion(listID: "l1", version: 0)
            #expect(zero.entries.isEmpty)
            let error = try await #require(throws: RegistryError.self) { try await registry.getListVersion(listID: "l1", version: 9) }
            #expect(error.code == .notFound && error.message.contains("0 to 3"))
            let diff = try await registry.diffList(listID: "l1", fromVersion: 0, toVersion: 3)
            #expect(diff.changes.map(\.change) == ["ADDED", "ADDED", "ADDED"])
            #expect(diff.changes[0].toState == .struck)
        }
    }

    @Test func listsAreListedByAgreementAndStatus() async throws {
        try await withRegistry { registry in
            try await world(registry)
            try await ListWorld.recordAgreement(registry, id: "a-other")
            _ = try await ListWorld.create(registry, id: "l1", quota: 2)
            _ = try await ListWorld.create(registry, id: "l2", quota: 2)
            try await ListWorld.select(registry, "l2")
            _ = try await registry.submitList(listID: "l2", actor: registrar)
            _ = try await registry.createList(EvacuationList(id: "l3", agreementID: "a-other", originSiteID: "ghouta", quota: 1), actor: registrar)
            #expect(try await registry.listLists().compactMap(\.list?.id) == ["l1", "l2", "l3"])
            #expect(try await registry.listLists(agreementID: ListWorld.agreementID).compactMap(\.list?.id) == ["l1", "l2"])
            #expect(try await registry.listLists(status: .submitted).compactMap(\.list?.id) == ["l2"])
            let summary = try #require(try await registry.listLists(status: .submitted).first)
            #expect(summary.waiting == 2 && summary.placesTaken == 2)
            let missing = try await #require(throws: RegistryError.self) { try await registry.getList("l9") }
            #expect(missing.code == .notFound)
        }
    }
}
