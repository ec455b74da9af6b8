@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import Testing

/// Historical intake: a paper list typed in weeks later keeps the day the
/// field registered each person beside the day the registry recorded them,
/// and days waited count from the field's day.
@Suite struct FieldRegistrationTests {
    static let dayMs: UInt64 = 86_400_000

    static func today() -> CivilDate { CivilDate.utcDay(ofUnixMs: Registry.unixNanoseconds() / 1_000_000) }

    @Test func aFieldDateIsKeptBesideTheRegistrysAndDaysWaitedCountFromIt() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let fieldDay = Self.today().adding(days: -30)
            var proposed = World.patient()
            proposed.fieldRegisteredOn = fieldDay.description
            let view = try await registry.registerCase(proposed, personal: nil, actor: registrar)
            let registered = try #require(view.case)
            #expect(registered.fieldRegisteredOn == fieldDay.description)
            #expect(CivilDate.utcDay(ofUnixMs: registered.registeredAtMs) == Self.today(), "the registry's own date stays")
            #expect(view.daysWaiting == 30, "counted from the field's day, not the registry's")
            #expect(try await registry.caseView(registered.id).daysWaiting == 30)

            let report = try await registry.currentState.waitingCasesReport(nowMs: Registry.unixNanoseconds() / 1_000_000)
            #expect(report.cases.first { $0.caseID == registered.id }?.daysWaited == 30)

            // Without a field date, the registry's day is the first.
            let plain = try await registry.registerCase(World.patient(), personal: nil, actor: registrar)
            #expect(plain.case?.fieldRegisteredOn == "")
            #expect(plain.daysWaiting == 0)
        }
    }

    @Test func aFieldDateSurvivesReplayAndASnapshot() async throws {
        try await withTemporaryDirectory { directory in
            let fieldDay = Self.today().adding(days: -12).description
            let registered: Case = try await withRegistryReleasedAfterwards(directory) { registry in
                try await World.seed(registry)
                var proposed = World.patient()
                proposed.fieldRegisteredOn = fieldDay
                let record = try #require(try await registry.registerCase(proposed, personal: nil, actor: registrar).case)
                await registry.close()
                return record
            }
            // Replayed from the log, then a snapshot written and loaded.
            try await withRegistryReleasedAfterwards(directory) { registry in
                #expect(try await registry.caseView(registered.id).case == registered)
                #expect(try await registry.caseView(registered.id).daysWaiting == 12)
                try await registry.snapshotNow()
                await registry.close()
            }
            try await withRegistryReleasedAfterwards(directory) { registry in
                let loaded = try await registry.caseView(registered.id)
                #expect(loaded.case == registered)
                await registry.close()
            }
        }
    }

    /// Later than the day the registry records it (beyond the one day for
    /// zones ahead of UTC), more than ten years before it, or not a date.
    @Test(arguments: [2, -(365 * 11)])
    func anImplausibleFieldDateIsRefusedNamingTheField(offsetDays: Int) async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var proposed = World.patient()
            proposed.fieldRegisteredOn = Self.today().adding(days: offsetDays).description
            let error = try await #require(throws: RegistryError.self) { try await registry.registerCase(proposed, personal: nil, actor: registrar) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["case.field_registered_on"], "\(error)")
            #expect(error.fieldViolations.first?.reason.contains(proposed.fieldRegisteredOn) == true, "\(error)")
            #expect(await registry.currentState.cases.isEmpty)
        }
    }

    @Test func aFieldDateThatIsNoDateIsRefusedNamingTheField() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var proposed = World.patient()
            proposed.fieldRegisteredOn = "2026-02-30"
            let error = try await #require(throws: RegistryError.self) { try await registry.registerCase(proposed, personal: nil, actor: registrar) }
            #expect(error.fields == ["case.field_registered_on"], "\(error)")
        }
    }

    @Test func theRegistrationTimeRefusalPointsAtTheFieldDate() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var proposed = World.patient()
            proposed.registeredAtMs = 1_700_000_000_000
            let error = try await #require(throws: RegistryError.self) { try await registry.registerCase(proposed, personal: nil, actor: registrar) }
            #expect(error.fields == ["case.registered_at_ms"])
            #expect(error.fieldViolations.first?.reason.contains("case.field_registered_on") == true, "\(error)")
        }
    }

    /// The age on a paper list is the age on the field's day: a birth date
    /// is held to it then, not on the day the list was typed in.
    @Test func theAgeIsTheAgeOnTheFieldsDay() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let fieldDay = Self.today().adding(days: -(365 * 2))
            var proposed = World.patient(ageMonths: 6)
            proposed.fieldRegisteredOn = fieldDay.description
            // Born seven months before the field's day: 6 months then, 30 now.
            let personal = CasePersonal(dateOfBirth: fieldDay.adding(days: -(7 * 30)).description)
            let view = try await registry.registerCase(proposed, personal: personal, actor: registrar)
            #expect(view.case?.ageMonths == 6)
        }
    }

    @Test func anUpdateCorrectsTheFieldDateWithinTheSameBounds() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let registered = try #require(try await registry.registerCase(World.patient(), personal: nil, actor: registrar).case)
            var changes = Case(id: registered.id, siteID: "", ageMonths: 0, sex: .unspecified, precedence: .unspecified, consentGiven: false)
            changes.fieldRegisteredOn = Self.today().adding(days: -5).description
            let updated = try await registry.updateCase(changes, personal: nil, fields: ["field_registered_on"], reason: "paper list found", actor: registrar)
            #expect(updated.case?.fieldRegisteredOn == changes.fieldRegisteredOn)
            #expect(updated.daysWaiting == 5)
            #expect(updated.case?.registeredAtMs == registered.registeredAtMs)

            changes.fieldRegisteredOn = Self.today().adding(days: 3).description
            let error = try await #require(throws: RegistryError.self) {
                try await registry.updateCase(changes, personal: nil, fields: ["field_registered_on"], reason: "", actor: registrar)
            }
            #expect(error.fields == ["case.field_registered_on"], "\(error)")
        }
    }

    /// A paper list typed in weeks later: every row keeps its field date,
    /// and a row whose date is implausible is named by row and field.
    @Test func anImportKeepsEachRowsFieldDateAndNamesABadOne() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var first = World.patient()
            first.fieldRegisteredOn = Self.today().adding(days: -21).description
            var second = World.patient()
            second.fieldRegisteredOn = Self.today().adding(days: -(365 * 12)).description
            let refused = try await #require(throws: RegistryError.self) {
                try await registry.importCases([ImportCaseRow(row: 2, case: first), ImportCaseRow(row: 3, case: second)], actor: registrar)
            }
            #expect(refused.fields == ["rows[1].case.field_registered_on"], "\(refused)")
            #expect(refused.fieldViolations.first?.reason.hasPrefix("row 3: ") == true, "\(refused)")

            let imported = try await registry.importCases([ImportCaseRow(row: 2, case: first), ImportCaseRow(row: 3, case: World.patient())], actor: registrar)
            var views: [CaseView] = []
            for row in imported.cases { views.append(try await registry.caseView(row.caseID)) }
            #expect(views.map { $0.case?.fieldRegisteredOn } == [first.fieldRegisteredOn, ""])
            #expect(views.map(\.daysWaiting) == [21, 0])
        }
    }

    // MARK: Selection

    /// A case the field registered before the as-of date and the registry
    /// after it waited since the field's day; one registered after the as-of
    /// date is still a candidate, and its explanation says it was not yet
    /// registered then, never "waiting 0 days".
    @Test func theSelectionCountsFromTheFieldDayAndSaysWhenACaseCameAfterTheAsOfDate() {
        let asOf: Int64 = 20_400
        var paper = candidate("paper", precedence: .urgent, day: asOf + 20)
        paper.fieldRegisteredOn = CivilDate(daysSinceEpoch: asOf - 9).description
        let late = candidate("late", precedence: .urgent, day: asOf + 20)
        let early = candidate("early", precedence: .urgent, day: asOf - 3)
        let outcome = PrioritySelection(quota: 3, companionsCount: false, rules: [], asOfDay: asOf).run(candidates: [late, early, paper])
        #expect(outcome.entries.map(\.caseID) == ["paper", "early", "late"], "longest waiting first, by the field's day")
        #expect(outcome.entries[0].explanation == "URGENT; waiting 9 days")
        #expect(outcome.entries[1].explanation == "URGENT; waiting 3 days")
        let note = outcome.entries[2].explanation
        #expect(note == "URGENT; registered \(CivilDate(daysSinceEpoch: asOf + 20)), after the as-of date \(CivilDate(daysSinceEpoch: asOf)): no days waited by then")
        #expect(!note.contains("waiting 0 days"))
    }

    @Test func aFieldDateAfterTheAsOfDateIsNamedAsTheFields() {
        let asOf: Int64 = 20_400
        var paper = candidate("paper", day: asOf + 30)
        paper.fieldRegisteredOn = CivilDate(daysSinceEpoch: asOf + 2).description
        let outcome = PrioritySelection(quota: 1, companionsCount: false, rules: [], asOfDay: asOf).run(candidates: [paper])
        #expect(outcome.entries.first?.explanation.contains("registered in the field \(CivilDate(daysSinceEpoch: asOf + 2)), after the as-of date") == true)
    }
}
