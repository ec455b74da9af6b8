@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

/// Registering a case: the registry sets status and time, keeps the personal
/// part apart, and refuses an invalid case naming every violated field at once.
@Suite struct CaseRegistrationTests {
    @Test func aRegisteredCaseIsWaitingWithTheRegistrysTime() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let beforeMs = Registry.unixNanoseconds() / 1_000_000
            let view = try await registry.registerCase(World.patient(), personal: nil, actor: registrar)
            let afterMs = Registry.unixNanoseconds() / 1_000_000
            let registered = try #require(view.case)
            #expect(registered.status == .waiting)
            #expect((beforeMs...afterMs).contains(registered.registeredAtMs))
            #expect(registered.originSiteID == "douma-hospital")
            #expect(registered.siteID == "douma-hospital")
            #expect(registered.conditions == [.kidneyFailure] && registered.needs == [.dialysis])
            #expect(view.personal == nil)
            #expect(view.daysWaiting == 0)
            #expect(try await registry.caseView(registered.id) == view)
        }
    }

    @Test(arguments: [Case.Status.listed, .scheduled, .inTransit, .evacuated, .deceased, .withdrawn])
    func aCaseCannotBeRegisteredInAnotherStatus(status: Case.Status) async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var proposed = World.patient()
            proposed.status = status
            let error = try await #require(throws: RegistryError.self) { try await registry.registerCase(proposed, personal: nil, actor: registrar) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["case.status"], "\(error)")
            #expect(await registry.currentState.cases.isEmpty)
        }
    }

    @Test func theRegistrationTimeIsTheRegistrysNotTheCallers() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var proposed = World.patient()
            proposed.registeredAtMs = 1
            let error = try await #require(throws: RegistryError.self) { try await registry.registerCase(proposed, personal: nil, actor: registrar) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["case.registered_at_ms"])
        }
    }

    /// Unknown site, age over the maximum, precedence (and sex) unspecified,
    /// a condition twice, pregnant but not female, an unknown companion.
    @Test(arguments: [Case.Sex.male, .unspecified])
    func everyViolatedFieldIsNamedInOneError(sex: Case.Sex) async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let proposed = Case(
                siteID: "atlantis", ageMonths: Case.maximumAgeMonthsForTests + 1, sex: sex, precedence: .unspecified,
                conditions: [.cancer, .trauma, .cancer], consentGiven: true, companionIDs: ["C-000099"], pregnant: true
            )
            let error = try await #require(throws: RegistryError.self) { try await registry.registerCase(proposed, personal: nil, actor: registrar) }
            #expect(error.code == .invalidArgument)
            var expected: Set = [
                "case.site_id", "case.age_months", "case.precedence", "case.conditions", "case.pregnant", "case.companion_ids[0]",
            ]
            if sex == .unspecified { expected.insert("case.sex") }
            #expect(Set(error.fields) == expected, "\(error)")
            #expect(error.fields.count == expected.count, "each field is named once: \(error.fields)")
            for field in expected { #expect(error.message.contains(field), "the message names \(field)") }
            #expect(await registry.currentState.cases.isEmpty)
            #expect(await registry.currentState.nextCaseNumber == 1)
        }
    }

    @Test func aPregnantMaleIsRefused() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.registerCase(World.patient(sex: .male, pregnant: true), personal: nil, actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["case.pregnant"])
        }
    }

    @Test func theOldestAgeAllowedIsAccepted() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let view = try await registry.registerCase(World.patient(ageMonths: Case.maximumAgeMonthsForTests), personal: nil, actor: registrar)
            #expect(view.case?.ageMonths == 1_560)
        }
    }

    @Test func aMissingSiteIsRequired() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.registerCase(World.patient(site: ""), personal: nil, actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["case.site_id"])
        }
    }

    @Test func duplicateNeedsAndCompanionsAreRefused() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let first = try #require(try await registry.registerCase(World.patient(), personal: nil, actor: registrar).case)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.registerCase(
                    World.patient(needs: [.oxygen, .oxygen], companions: [first.id, first.id]), personal: nil, actor: registrar
                )
            }
            #expect(Set(error.fields) == ["case.needs", "case.companion_ids"], "\(error)")
        }
    }

    @Test func aKnownCompanionIsAccepted() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let mother = try #require(try await registry.registerCase(World.patient(ageMonths: 400), personal: nil, actor: registrar).case)
            let child = try await registry.registerCase(World.patient(ageMonths: 30, companions: [mother.id]), personal: nil, actor: registrar)
            #expect(child.case?.companionIDs == [mother.id])
        }
    }

    @Test func thePersonalPartIsStoredApartAndReturnedWithTheView() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let view = try await registry.registerCase(World.patient(), personal: World.personal, actor: registrar)
            let id = try #require(view.case?.id)
            #expect(view.personal == World.personal)
            let state = await registry.currentState
            #expect(state.personal[id] == World.personal)
            #expect(state.cases[id] == view.case)
            #expect(try await registry.caseView(id).personal == World.personal)
        }
    }

    @Test func anEmptyPersonalPartIsNotStored() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let view = try await registry.registerCase(World.patient(), personal: CasePersonal(), actor: registrar)
            #expect(view.personal == nil)
            #expect(await registry.currentState.personal.isEmpty)
        }
    }

    @Test func anInvalidPersonalPartIsRefusedWithTheOperationalViolations() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let personal = CasePersonal(name: String(repeating: "n", count: 201), dateOfBirth: "2016-02-30", contacts: [" "])
            let error = try await #require(throws: RegistryError.self) {
                try await registry.registerCase(World.patient(sex: .unspecified), personal: personal, actor: registrar)
            }
            #expect(Set(error.fields) == ["case.sex", "personal.name", "personal.date_of_birth", "personal.contacts[0]"], "\(error)")
        }
    }

    /// origin_site_id is "the site the case came from": the registry fills
    /// it in from site_id. A caller's value naming no site must not be stored
    /// as it is: refused (naming case.origin_site_id) or replaced.
    @Test func aRegisteredCaseNeverNamesAnUnknownOriginSite() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var proposed = World.patient()
            proposed.originSiteID = "atlantis"
            do {
                let view = try await registry.registerCase(proposed, personal: nil, actor: registrar)
                let origin = try #require(view.case?.originSiteID)
                #expect(await registry.currentState.sites[origin] != nil, "the case's origin is \"\(origin)\", a site the registry does not know")
            } catch let error as RegistryError {
                #expect(error.code == .invalidArgument)
                #expect(error.fields == ["case.origin_site_id"], "\(error)")
            }
        }
    }

    /// status_date and status_reason belong to DECEASED and WITHDRAWN; a new
    /// WAITING case must not carry a caller's (here malformed) values.
    @Test func aRegisteredCaseCarriesNoStatusDateOrReason() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var proposed = World.patient()
            proposed.statusDate = "2018-02-30"
            proposed.statusReason = "died"
            do {
                let view = try await registry.registerCase(proposed, personal: nil, actor: registrar)
                #expect(view.case?.statusDate == "", "a WAITING case with a status date \(view.case?.statusDate ?? "")")
                #expect(view.case?.statusReason == "", "a WAITING case with a status reason \(view.case?.statusReason ?? "")")
            } catch let error as RegistryError {
                #expect(error.code == .invalidArgument)
                #expect(Set(error.fields) == ["case.status_date", "case.status_reason"], "\(error)")
            }
        }
    }

    @Test func anUnknownCaseIsNotFound() async throws {
        try await withRegistry { registry in
            let error = try await #require(throws: RegistryError.self) { try await registry.caseView("C-000404") }
            #expect(error.code == .notFound)
            #expect(error.message.contains("C-000404"))
        }
    }
}

extension Case {
    /// 130 years, as the registry states it.
    static let maximumAgeMonthsForTests = RegistryState.maximumAgeMonths
}
