@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import Testing

/// Every state-change refusal says where the record can go from its state, or
/// that the state is final, and names the request's field; the states it
/// offers are the ones the same table lets the decide function take.
@Suite struct LifecycleTests {
    // MARK: The words, for every state of every lifecycle

    @Test(arguments: [
        (Movement.Status.planned, "movement m4 is PLANNED; from PLANNED it can go to NOTIFIED or ABORTED"),
        (.notified, "movement m4 is NOTIFIED; from NOTIFIED it can go to DEPARTED or ABORTED"),
        (.departed, "movement m4 is DEPARTED; from DEPARTED it can go to ARRIVED or ABORTED"),
        (.arrived, "movement m4 is ARRIVED; from ARRIVED it can go to COMPLETED"),
        (.completed, "movement m4 is COMPLETED, which is final"),
        (.aborted, "movement m4 is ABORTED, which is final"),
        (.unspecified, "movement m4 is STATUS_UNSPECIFIED, which is final"),
    ])
    func movement(_ state: Movement.Status, _ expected: String) {
        #expect(state.whereItCanGo("movement m4") == expected)
    }

    @Test(arguments: [
        (Case.Status.waiting, "case C-000001 is WAITING; from WAITING it can go to LISTED, DECEASED or WITHDRAWN"),
        (.listed, "case C-000001 is LISTED; from LISTED it can go to WAITING, SCHEDULED, DECEASED or WITHDRAWN"),
        (.scheduled, "case C-000001 is SCHEDULED; from SCHEDULED it can go to LISTED, WAITING, IN_TRANSIT, DECEASED or WITHDRAWN"),
        (.inTransit, "case C-000001 is IN_TRANSIT; from IN_TRANSIT it can go to EVACUATED, DECEASED, LISTED or WAITING"),
        (.evacuated, "case C-000001 is EVACUATED, which is final"),
        (.deceased, "case C-000001 is DECEASED, which is final"),
        (.withdrawn, "case C-000001 is WITHDRAWN; from WITHDRAWN it can go to WAITING"),
        (.unspecified, "case C-000001 is STATUS_UNSPECIFIED, which is final"),
    ])
    func caseStatus(_ state: Case.Status, _ expected: String) {
        #expect(state.whereItCanGo("case C-000001") == expected)
    }

    @Test(arguments: [
        (Agreement.Status.negotiating, "agreement a1 is NEGOTIATING; from NEGOTIATING it can go to AGREED or COLLAPSED"),
        (.agreed, "agreement a1 is AGREED; from AGREED it can go to IMPLEMENTING, SUSPENDED or COLLAPSED"),
        (.implementing, "agreement a1 is IMPLEMENTING; from IMPLEMENTING it can go to COMPLETED, SUSPENDED or COLLAPSED"),
        (.suspended, "agreement a1 is SUSPENDED; from SUSPENDED it can go to AGREED, IMPLEMENTING or COLLAPSED"),
        (.completed, "agreement a1 is COMPLETED, which is final"),
        (.collapsed, "agreement a1 is COLLAPSED, which is final"),
        (.unspecified, "agreement a1 is STATUS_UNSPECIFIED, which is final"),
    ])
    func agreement(_ state: Agreement.Status, _ expected: String) {
        #expect(state.whereItCanGo("agreement a1") == expected)
    }

    @Test(arguments: [
        (AccessWindow.Status.announced, "window w1 is ANNOUNCED; from ANNOUNCED it can go to IN_EFFECT, CANCELLED or ENDED"),
        (.inEffect, "window w1 is IN_EFFECT; from IN_EFFECT it can go to VIOLATED or ENDED"),
        (.violated, "window w1 is VIOLATED; from VIOLATED it can go to VIOLATED, IN_EFFECT or ENDED"),
        (.ended, "window w1 is ENDED, which is final"),
        (.cancelled, "window w1 is CANCELLED, which is final"),
        (.unspecified, "window w1 is STATUS_UNSPECIFIED, which is final"),
    ])
    func window(_ state: AccessWindow.Status, _ expected: String) {
        #expect(state.whereItCanGo("window w1") == expected)
    }

    @Test(arguments: [
        (EvacuationList.Status.draft, "list l1 is DRAFT; from DRAFT it can go to SUBMITTED"),
        (.submitted, "list l1 is SUBMITTED; from SUBMITTED it can go to APPROVED"),
        (.approved, "list l1 is APPROVED; from APPROVED it can go to IN_PROGRESS or CLOSED"),
        (.inProgress, "list l1 is IN_PROGRESS; from IN_PROGRESS it can go to CLOSED"),
        (.closed, "list l1 is CLOSED, which is final"),
        (.unspecified, "list l1 is STATUS_UNSPECIFIED, which is final"),
    ])
    func list(_ state: EvacuationList.Status, _ expected: String) {
        #expect(state.whereItCanGo("list l1") == expected)
    }

    @Test(arguments: [
        (ListEntry.State.active, "entry C-000001 of list l1 is ACTIVE; from ACTIVE it can go to STRUCK or DROPPED"),
        (.struck, "entry C-000001 of list l1 is STRUCK, which is final"),
        (.dropped, "entry C-000001 of list l1 is DROPPED, which is final"),
        (.unspecified, "entry C-000001 of list l1 is STATE_UNSPECIFIED, which is final"),
    ])
    func listEntry(_ state: ListEntry.State, _ expected: String) {
        #expect(state.whereItCanGo("entry C-000001 of list l1") == expected)
    }

    @Test(arguments: [
        (Site.CrossingStatus.open, "crossing wafideen is OPEN; from OPEN it can go to RESTRICTED or CLOSED"),
        (.restricted, "crossing wafideen is RESTRICTED; from RESTRICTED it can go to OPEN or CLOSED"),
        (.closed, "crossing wafideen is CLOSED; from CLOSED it can go to OPEN or RESTRICTED"),
        (.unspecified, "crossing wafideen is CROSSING_STATUS_UNSPECIFIED; from CROSSING_STATUS_UNSPECIFIED it can go to OPEN, RESTRICTED or CLOSED"),
    ])
    func crossing(_ state: Site.CrossingStatus, _ expected: String) {
        #expect(state.whereItCanGo("crossing wafideen") == expected)
    }

    @Test(arguments: [
        (RuleState.inForce, "rule r1 is IN_FORCE; from IN_FORCE it can go to LIFTED"),
        (.lifted, "rule r1 is LIFTED, which is final"),
    ])
    func rule(_ state: RuleState, _ expected: String) {
        #expect(state.whereItCanGo("rule r1") == expected)
    }

    @Test func theRefusalIsAFailedPreconditionNamingTheField() {
        let error = refusedTransition("movement m4", is: Movement.Status.planned, to: .departed, field: "status")
        #expect(error.code == .failedPrecondition)
        #expect(error.message == "movement m4 is PLANNED; from PLANNED it can go to NOTIFIED or ABORTED")
        #expect(error.fieldViolations == [FieldViolation(field: "status", reason: "DEPARTED is not a state movement m4 can go to from PLANNED")])
    }

    // MARK: The decide functions refuse exactly what the table refuses, in its words

    static let nowMs: UInt64 = 1_800_000_000_000

    /// The refusal a decide function throws, if any.
    static func refusal(_ decide: () throws(RegistryError) -> Void) -> RegistryError? {
        do { try decide() } catch { return error }
        return nil
    }

    /// Nil when `error` is not a state-change refusal (an allowed change may still fail for other reasons).
    static func transitionRefusal(_ error: RegistryError?) -> RegistryError? {
        guard let error, error.code == .failedPrecondition, error.message.contains("it can go to") || error.message.contains("which is final") else { return nil }
        return error
    }

    @Test(arguments: Movement.Status.allCases.filter { $0 != .unspecified })
    func movementChanges(from: Movement.Status) {
        var state = RegistryState()
        state.movements["m4"] = Movement(id: "m4", kind: .aidConvoy, status: from)
        for to in Movement.Status.allCases where to != .unspecified {
            let command = SetMovementStatusCommand(movementID: "m4", status: to, at: "", timeZone: "", overrideReason: "outside the window", reason: "why")
            let refused = Self.transitionRefusal(Self.refusal { () throws(RegistryError) in _ = try state.decideSetMovementStatus(command, nowMs: Self.nowMs) })
            if from.allowedNext.contains(to) {
                #expect(refused == nil, "\(from) → \(to): \(String(describing: refused))")
            } else {
                #expect(refused?.message == from.whereItCanGo("movement m4"), "\(from) → \(to)")
                #expect(refused?.fieldViolations.map(\.field) == ["status"])
            }
        }
    }

    @Test(arguments: AccessWindow.Status.allCases.filter { $0 != .unspecified })
    func windowChanges(from: AccessWindow.Status) {
        var state = RegistryState()
        state.windows["w1"] = AccessWindow(id: "w1", status: from)
        for to in AccessWindow.Status.allCases where to != .unspecified {
            let command = SetWindowStatusCommand(windowID: "w1", status: to, report: "shelling", reason: "", at: "", timeZone: "")
            let refused = Self.transitionRefusal(Self.refusal { () throws(RegistryError) in _ = try state.decideSetWindowStatus(command, nowMs: Self.nowMs) })
            if from.allowedNext.contains(to) {
                #expect(refused == nil, "\(from) → \(to): \(String(describing: refused))")
            } else {
                #expect(refused?.message == from.whereItCanGo("window w1"), "\(from) → \(to)")
                #expect(refused?.fieldViolations.map(\.field) == ["status"])
            }
        }
    }

    @Test(arguments: Agreement.Status.allCases.filter { $0 != .unspecified })
    func agreementChanges(from: Agreement.Status) {
        var state = RegistryState()
        state.agreements["a1"] = Agreement(id: "a1", status: from)
        for to in Agreement.Status.allCases where to != .unspecified {
            let command = SetAgreementStatusCommand(agreementID: "a1", status: to, reason: "why", date: "")
            let refused = Self.transitionRefusal(Self.refusal { () throws(RegistryError) in
                _ = try state.decideSetAgreementStatus(command, today: CivilDate.utcDay(ofUnixMs: Self.nowMs))
            })
            if from.allowedNext.contains(to) {
                #expect(refused == nil, "\(from) → \(to): \(String(describing: refused))")
            } else {
                #expect(refused?.message == from.whereItCanGo("agreement a1"), "\(from) → \(to)")
                #expect(refused?.fieldViolations.map(\.field) == ["status"])
            }
        }
    }

    /// Submit, approve and close are a list's state changes; striking is an entry's.
    @Test(arguments: EvacuationList.Status.allCases.filter { $0 != .unspecified })
    func listChanges(from: EvacuationList.Status) {
        var state = RegistryState()
        state.lists["l1"] = EvacuationList(id: "l1", status: from, entries: [ListEntry(caseID: "C-000001", state: .struck)])
        let changes: [(EvacuationList.Status, () throws(RegistryError) -> Void)] = [
            (.submitted, { () throws(RegistryError) in _ = try state.decideSubmitList(ListActionCommand(listID: "l1", reason: "")) }),
            (.approved, { () throws(RegistryError) in _ = try state.decideApproveList(ApproveListCommand(listID: "l1", partyID: "gov")) }),
            (.closed, { () throws(RegistryError) in _ = try state.decideCloseList(ListActionCommand(listID: "l1", reason: "")) }),
        ]
        for (to, change) in changes {
            let refused = Self.transitionRefusal(Self.refusal(change))
            if from.allowedNext.contains(to) {
                #expect(refused == nil, "\(from) → \(to): \(String(describing: refused))")
            } else {
                #expect(refused?.message == from.whereItCanGo("list l1"), "\(from) → \(to)")
                #expect(refused?.fieldViolations.map(\.field) == ["list_id"])
            }
        }
    }

    @Test(arguments: Site.CrossingStatus.allCases)
    func crossingChanges(from: Site.CrossingStatus) {
        var state = RegistryState()
        state.sites["wafideen"] = Site(id: "wafideen", name: "Al-Wafideen", kind: .crossing, crossingStatus: from)
        for to in Site.CrossingStatus.allCases where to != .unspecified {
            let refused = Self.transitionRefusal(Self.refusal { () throws(RegistryError) in _ = try state.decideSetCrossingStatus(siteID: "wafideen", status: to) })
            if from.allowedNext.contains(to) {
                #expect(refused == nil, "\(from) → \(to): \(String(describing: refused))")
            } else {
                #expect(refused?.message == from.whereItCanGo("crossing wafideen"), "\(from) → \(to)")
                #expect(refused?.fieldViolations.map(\.field) == ["status"])
            }
        }
    }

    @Test func aLiftedRuleIsFinal() {
        var state = RegistryState()
        state.rules["r1"] = EligibilityRule(id: "r1", lifted: true, liftedReason: "deal signed")
        let refused = Self.refusal { () throws(RegistryError) in _ = try state.decideLiftRule(ruleID: "r1", reason: "again") }
        #expect(refused?.code == .failedPrecondition)
        #expect(refused?.message == "rule r1 is LIFTED, which is final")
        #expect(refused?.fieldViolations.map(\.field) == ["rule_id"])
    }

    // MARK: Through the registry

    @Test func aCaseStatusRefusalSaysWhereTheCaseCanGoOrThatItIsFinal() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let id = try #require(try await registry.registerCase(World.patient(), personal: nil, actor: registrar).case?.id)
            var error = try await #require(throws: RegistryError.self) {
                try await registry.setCaseStatus(caseID: id, status: .waiting, date: "", reason: "", actor: registrar)
            }
            #expect(error.code == .failedPrecondition)
            #expect(error.message == "case \(id) is WAITING; from WAITING it can go to LISTED, DECEASED or WITHDRAWN")
            #expect(error.fields == ["status"])
            _ = try await registry.setCaseStatus(caseID: id, status: .deceased, date: "2018-02-20", reason: "died waiting", actor: registrar)
            error = try await #require(throws: RegistryError.self) {
                try await registry.setCaseStatus(caseID: id, status: .withdrawn, date: "", reason: "left", actor: registrar)
            }
            #expect(error.message == "case \(id) is DECEASED, which is final")
            #expect(error.fields == ["status"])
        }
    }
}
