@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Foundation
import Testing

// Issue 8: every date a client sends goes through one calendar (CivilDate),
// and no odd one reaches a force-unwrap. Dates of things that have happened
// cannot be after the day the command is decided.

/// Today in UTC, as the registry's clock sees it.
private func todayUTC() -> CivilDate {
    CivilDate.utcDay(ofUnixMs: UInt64(Date().timeIntervalSince1970 * 1000))
}

/// A registry with the known world, agreement a-29 (AGREED, with a counted
/// term), a draft list l1 and case C-000001 with a personal part.
private func withDatedWorld(_ body: (Registry) async throws -> Void) async throws {
    try await withRegistry { registry in
        try await Deal.setUp(registry)
        _ = try await ListWorld.create(registry)
        _ = try await registry.registerCase(World.patient(), personal: World.personal, actor: registrar)
        try await body(registry)
    }
}

/// Each command of the registry that takes a date, with the field it names.
private let dateTakingCommands: [(field: String, run: @Sendable (Registry, String) async throws -> Void)] = [
    ("as_of", { registry, date in _ = try await registry.selectList(listID: "l1", asOf: date, actor: registrar) }),
    ("date", { registry, date in _ = try await registry.setCaseStatus(caseID: "C-000001", status: .deceased, date: date, reason: "died waiting", actor: registrar) }),
    ("personal.date_of_birth", { registry, date in
        _ = try await registry.registerCase(World.patient(), personal: CasePersonal(dateOfBirth: date), actor: registrar)
    }),
    ("personal.date_of_birth", { registry, date in
        _ = try await registry.updateCase(World.patient(id: "C-000001"), personal: CasePersonal(dateOfBirth: date), fields: ["personal.date_of_birth"], reason: "", actor: registrar)
    }),
    ("site.besieged_since", { registry, date in
        _ = try await registry.registerSite(Site(id: "madaya", name: "Madaya", kind: .city, besiegedBy: ["gov"], besiegedSince: date), actor: registrar)
    }),
    ("site.besieged_since", { registry, date in
        _ = try await registry.updateSite(Site(id: "ghouta", name: "", kind: .enclave, besiegedSince: date), fields: ["besieged_since"], reason: "", actor: registrar)
    }),
    ("figure.as_of", { registry, date in _ = try await registry.reportFigure(FigureTests.claim(asOf: date), actor: registrar) }),
    ("figure.as_of_end", { registry, date in
        var figure = FigureTests.claim(asOf: "2017-11-20")
        figure.asOfEnd = date
        _ = try await registry.reportFigure(figure, actor: registrar)
    }),
    ("agreement.agreed_on", { registry, date in
        var agreement = Deal.agreement(id: "a-30")
        agreement.agreedOn = date
        _ = try await registry.recordAgreement(agreement, actor: registrar)
    }),
    ("agreement.implementation_started_on", { registry, date in
        var agreement = Deal.agreement(id: "a-31")
        agreement.implementationStartedOn = date
        _ = try await registry.recordAgreement(agreement, actor: registrar)
    }),
    ("agreement.agreed_on", { registry, date in
        var agreement = Deal.agreement()
        agreement.agreedOn = date
        _ = try await registry.updateAgreement(agreement, fields: ["agreed_on"], actor: registrar)
    }),
    ("date", { registry, date in
        _ = try await registry.setAgreementStatus(agreementID: "a-29", status: .implementing, date: date, actor: registrar)
    }),
    ("date", { registry, date in
        _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 1, date: date, actor: registrar)
    }),
    ("from", { registry, date in _ = try await registry.deathsWhileWaiting(from: date) }),
    ("to", { registry, date in _ = try await registry.deathsWhileWaiting(to: date) }),
    ("day", { registry, date in _ = try await registry.listMovements(day: date) }),
    ("window.daily.first_date", { registry, date in
        var window = Corridor.pause
        window.daily?.firstDate = date
        _ = try await registry.announceWindow(window, actor: registrar)
    }),
    ("window.daily.last_date", { registry, date in
        var window = Corridor.pause
        window.daily?.lastDate = date
        _ = try await registry.announceWindow(window, actor: registrar)
    }),
]

/// The fields of dates that may lie ahead: a selection's as-of, a report's or a query's bounds, a window's schedule.
private let datesThatMayBeAhead: Set<String> = ["as_of", "from", "to", "day", "window.daily.first_date", "window.daily.last_date"]

@Suite struct DateValidationTests {
    /// Issue 8's repro: `corridorctl list select L --as-of "+201-02-20"` killed the daemon.
    @Test func aSignedYearAsOfIsRefusedNamingTheField() async throws {
        try await withDatedWorld { registry in
            let before = await registry.currentState.lastSequence
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.selectList(listID: "l1", asOf: "+201-02-20", actor: registrar)
            }
            #expect(refusal?.code == .invalidArgument)
            #expect(refusal?.fields == ["as_of"])
            #expect(refusal?.fieldViolations.first?.reason.contains("\"+201-02-20\" is not a date in the form YYYY-MM-DD") == true, "\(String(describing: refusal))")
            #expect(await registry.currentState.lastSequence == before)
        }
    }

    /// Strings no date parser of the registry may accept, through every
    /// command that takes a date: each a refusal naming the field, nothing recorded.
    static let oddDates: [String] = [
        "+201-02-20", "-201-02-20", " 2026-02-20", "2026-02-20 ", "2026-2-20", "٢٠٢٦-٠٢-٢٠", "２０２６-02-20",
        "99999-01-01", "9223372036854775807-01-01", "0000-01-01", "2026-02-29", "2100-02-29", "2026-13-01", "2026-04-31",
        "2026-02-20\u{0}", "e\u{301}026-02-20",
    ]

    @Test(arguments: oddDates)
    func anOddDateIsRefusedByEveryCommandThatTakesOne(_ date: String) async throws {
        try await withDatedWorld { registry in
            let before = await registry.currentState.lastSequence
            for (index, command) in dateTakingCommands.enumerated() {
                let refusal = await #expect(throws: RegistryError.self, "command \(index) accepted \(date.debugDescription)") {
                    try await command.run(registry, date)
                }
                #expect(refusal?.code == .invalidArgument, "command \(index): \(String(describing: refusal))")
                #expect(refusal?.fields.contains(command.field) == true, "command \(index) named \(String(describing: refusal?.fields)), not \(command.field)")
            }
            #expect(await registry.currentState.lastSequence == before)
        }
    }

    /// The far end of the calendar is a date: accepted where a date may be in the future (a selection's as-of, a report's bounds).
    @Test func theLastDayOfTheCalendarIsADate() async throws {
        try await withDatedWorld { registry in
            _ = try await registry.deathsWhileWaiting(from: "0001-01-01", to: "9999-12-31")
            let selected = try await registry.selectList(listID: "l1", asOf: "9999-12-31", actor: registrar)
            #expect(selected.list?.selectedAsOf == "9999-12-31")
        }
    }

    /// Things that have happened cannot be dated after today (UTC, with a
    /// day's grace for zones ahead of it): the check uses the registry's clock
    /// when the command is decided, never at replay.
    @Test func aDateOfSomethingThatHappenedCannotBeInTheFuture() async throws {
        let dayAfterTomorrow = todayUTC().adding(days: 2).description
        try await withDatedWorld { registry in
            let before = await registry.currentState.lastSequence
            for (index, command) in dateTakingCommands.enumerated() where !datesThatMayBeAhead.contains(command.field) {
                for date in ["2099-01-01", dayAfterTomorrow] {
                    let refusal = await #expect(throws: RegistryError.self, "command \(index) accepted \(date)") { try await command.run(registry, date) }
                    #expect(refusal?.code == .invalidArgument)
                    #expect(refusal?.fields.contains(command.field) == true, "command \(index): \(String(describing: refusal))")
                    let description = refusal?.fieldViolations.first { $0.field == command.field }?.reason ?? ""
                    #expect(description.hasPrefix("is \(date), after today \(todayUTC())"), "command \(index): \(description)")
                }
            }
            #expect(await registry.currentState.lastSequence == before)
        }
    }

    /// Issue 8: a death dated 2099 was accepted and then counted in the deaths report.
    @Test func aDeathInTheFutureIsRefusedAndNotCounted() async throws {
        try await withDatedWorld { registry in
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.setCaseStatus(caseID: "C-000001", status: .deceased, date: "2099-01-01", reason: "died waiting", actor: registrar)
            }
            #expect(refusal?.fields == ["date"])
            #expect(try await registry.deathsWhileWaiting().total == 0)
            // Today is a date of death; so is tomorrow, for a zone ahead of UTC.
            _ = try await registry.setCaseStatus(caseID: "C-000001", status: .deceased, date: todayUTC().adding(days: 1).description, reason: "died waiting", actor: registrar)
            #expect(try await registry.deathsWhileWaiting().total == 1)
        }
    }

    @Test func aBirthDateMustAgreeWithTheAgeWithinAYear() async throws {
        try await withDatedWorld { registry in
            // 96 months old, born 96 ± 12 months ago: accepted.
            for months in [84, 96, 108] {
                _ = try await registry.registerCase(World.patient(), personal: CasePersonal(dateOfBirth: dateOfBirth(ageMonths: months)), actor: registrar)
            }
            // Born 1990 and 8 years old, or born 14 months off: refused, naming the date and why.
            for born in ["1990-01-01", dateOfBirth(ageMonths: 96 + 14), dateOfBirth(ageMonths: 96 - 14)] {
                let refusal = await #expect(throws: RegistryError.self, "born \(born) at 96 months") {
                    try await registry.registerCase(World.patient(), personal: CasePersonal(dateOfBirth: born), actor: registrar)
                }
                #expect(refusal?.fields == ["personal.date_of_birth"])
                #expect(refusal?.fieldViolations.first?.reason.contains("but case.age_months is 96; they must agree within 12 months") == true, "\(String(describing: refusal))")
            }
            // An update of the age alone is checked against the birth date kept.
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.updateCase(World.patient(id: "C-000001", ageMonths: 400), personal: nil, fields: ["age_months"], reason: "", actor: registrar)
            }
            #expect(refusal?.fields == ["personal.date_of_birth"])
            // An update of neither leaves them alone: a case whose age and birth
            // date disagree (kept from before the rule) can still be moved.
            let before = await registry.currentState.lastSequence
            var disagreeing = try #require(await registry.currentState.cases["C-000001"])
            disagreeing.ageMonths = 400
            try await registry.commit([.caseUpdated(CaseUpdated(case: disagreeing, changedFields: ["age_months"]))], actor: registrar)
            disagreeing.siteID = "douma-shelter"
            let moved = try await registry.updateCase(disagreeing, personal: nil, fields: ["site_id"], reason: "", actor: registrar)
            #expect(moved.case?.siteID == "douma-shelter")
            #expect(await registry.currentState.lastSequence == before + 2)
        }
    }

    /// An infant born today is 0 months old; a birth date of today agrees.
    @Test func aNewbornBornTodayIsAccepted() async throws {
        try await withDatedWorld { registry in
            let view = try await registry.registerCase(World.patient(ageMonths: 0), personal: CasePersonal(dateOfBirth: todayUTC().description), actor: registrar)
            #expect(view.personal?.dateOfBirth == todayUTC().description)
        }
    }

    /// Times of things that have happened (a departure, a removal at a
    /// checkpoint, an incident, a window's status change) may not be after
    /// now, beyond a few minutes of clock difference.
    @Test func aTimeOfSomethingThatHappenedCannotBeInTheFuture() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            _ = try await registry.planMovement(Corridor.convoy(), actor: registrar)
            _ = try await Corridor.status(registry, "convoy-1", .notified)
            let before = await registry.currentState.lastSequence
            let future = "2099-01-01T10:15Z"
            let refusals: [(String, RegistryError?)] = [
                ("at", await #expect(throws: RegistryError.self) { try await Corridor.status(registry, "convoy-1", .departed, at: future) }),
                ("at", await #expect(throws: RegistryError.self) {
                    try await registry.removeCargo(movementID: "convoy-1", lineID: "1", quantity: 1, partyID: "gov", reason: "checkpoint", stage: .checkpoint, at: future, actor: registrar)
                }),
                ("at", await #expect(throws: RegistryError.self) {
                    try await registry.reportIncident(movementID: "convoy-1", incident: Movement.Incident(kind: .delay, description: "held"), at: future, actor: registrar)
                }),
                ("incident.at_ms", await #expect(throws: RegistryError.self) {
                    try await registry.reportIncident(movementID: "convoy-1", incident: Movement.Incident(atMs: 4_070_908_800_000, kind: .delay, description: "held"), actor: registrar)
                }),
                ("at", await #expect(throws: RegistryError.self) {
                    try await registry.setWindowStatus(windowID: "pause-1", status: .ended, at: future, actor: registrar)
                }),
            ]
            for (index, (field, refusal)) in refusals.enumerated() {
                #expect(refusal?.code == .invalidArgument, "command \(index): \(String(describing: refusal))")
                #expect(refusal?.fields == [field], "command \(index): \(String(describing: refusal))")
                #expect(refusal?.fieldViolations.first?.reason.hasPrefix("is 2099-01-01 10:15 UTC, after now (") == true || field == "incident.at_ms", "command \(index): \(String(describing: refusal))")
            }
            #expect(await registry.currentState.lastSequence == before)
            // A departure that has happened is recorded.
            #expect(try await Corridor.status(registry, "convoy-1", .departed, at: "2026-11-21T10:15").status == .departed)
        }
    }

    /// The checks belong to deciding a command, not to replaying the log: an
    /// event recorded when its date was valid replays whatever the clock says
    /// now (here: a death dated ahead of today, as a log from a machine whose
    /// clock ran ahead would hold), without refusal or change.
    @Test func replayDoesNotJudgeDatesAgainstTheClock() async throws {
        try await withTemporaryDirectory { directory in
            let before = try await withRegistryReleasedAfterwards(directory) { registry in
                try await World.seed(registry)
                _ = try await registry.registerCase(World.patient(), personal: World.personal, actor: registrar)
                try await registry.commit([.caseStatusChanged(CaseStatusChanged(caseID: "C-000001", from: .waiting, to: .deceased, date: "2099-01-01"))], actor: registrar)
                return await registry.currentState
            }
            let reopened = try openRegistry(directory)
            expectSameState(await reopened.currentState, before, "after replay")
            #expect(await reopened.currentState.cases["C-000001"]?.statusDate == "2099-01-01")
            await reopened.close()
        }
    }
}
