@testable import CorridorRegistry
import CorridorModel
import CorridorStore
import CorridorTestSupport
import CorridorWire
import Testing

/// Updating a case: either part by field name; both parts in one command are
/// two events committed as one unit; a closed case cannot be updated.
@Suite struct CaseUpdateTests {
    private func registerPatient(_ registry: Registry, personal: CasePersonal? = World.personal) async throws -> Case {
        try await World.seed(registry)
        return try #require(try await registry.registerCase(World.patient(), personal: personal, actor: registrar).case)
    }

    @Test func onlyTheNamedOperationalFieldsChange() async throws {
        try await withRegistry { registry in
            let original = try await registerPatient(registry)
            var changes = World.patient(ageMonths: 97, sex: .male, precedence: .routine, needs: [.stretcher])
            changes.id = original.id
            let view = try await registry.updateCase(changes, personal: nil, fields: ["age_months", "needs"], reason: "re-examined", actor: registrar)
            var expected = original
            expected.ageMonths = 97
            expected.needs = [.stretcher]
            #expect(view.case == expected)
            #expect(view.personal == World.personal, "the personal part was not named and is unchanged")
            let event = try #require(try await registry.history(of: original.id).last?.event?.caseUpdated)
            #expect(event.changedFields == ["age_months", "needs"])
        }
    }

    @Test func thePersonalPartIsUpdatedByPersonalFieldNames() async throws {
        try await withRegistry { registry in
            let original = try await registerPatient(registry)
            var changes = original
            changes.ageMonths = 1 // not named: must not change
            let given = CasePersonal(name: "Layla Haddad", dateOfBirth: dateOfBirth(ageMonths: 96, plusDays: 1), contacts: ["ignored"], clinicalNotes: "ignored")
            let view = try await registry.updateCase(
                changes, personal: given, fields: ["personal.name", "personal.dateOfBirth"], reason: "", actor: registrar
            )
            var expected = World.personal
            expected.name = "Layla Haddad"
            expected.dateOfBirth = dateOfBirth(ageMonths: 96, plusDays: 1)
            #expect(view.personal == expected)
            #expect(view.case == original)
            #expect(await registry.currentState.personal[original.id] == expected)
            let event = try #require(try await registry.history(of: original.id).last?.event?.casePersonalUpdated)
            #expect(event.changedFields == ["name", "date_of_birth"])
            #expect(event.personal == expected)
        }
    }

    /// As for the operational part (and parties and sites), the event names
    /// the fields that changed, not every field the request named.
    @Test func thePersonalEventNamesOnlyThePersonalFieldsThatChanged() async throws {
        try await withRegistry { registry in
            let original = try await registerPatient(registry)
            var given = World.personal
            given.name = "Layla Haddad"
            _ = try await registry.updateCase(
                original, personal: given, fields: ["personal.name", "personal.contacts", "personal.clinical_notes", "age_months"], reason: "", actor: registrar
            )
            let event = try #require(try await registry.history(of: original.id).last?.event)
            #expect(event.caseUpdated == nil, "no operational field changed")
            #expect(event.casePersonalUpdated?.changedFields == ["name"])
        }
    }

    @Test func clearingEveryPersonalFieldRemovesThePersonalPart() async throws {
        try await withRegistry { registry in
            let original = try await registerPatient(registry)
            let view = try await registry.updateCase(
                original, personal: CasePersonal(),
                fields: ["personal.name", "personal.date_of_birth", "personal.contacts", "personal.identity_numbers", "personal.clinical_notes"],
                reason: "consent to keep personal data withdrawn", actor: registrar
            )
            #expect(view.personal == nil)
            #expect(await registry.currentState.personal[original.id] == nil)
        }
    }

    @Test func anUpdateOfBothPartsIsTwoConsecutiveEventsCommittedTogether() async throws {
        try await withRegistry { registry in
            let original = try await registerPatient(registry)
            let lastBefore = await registry.currentState.lastSequence
            var changes = original
            changes.precedence = .urgentSurgical
            var personal = World.personal
            personal.clinicalNotes = "needs surgery within a week"
            let operator2 = Operator(uid: 1001, userName: "omar", pid: 777, role: "doctor", requestID: "req-both")
            _ = try await registry.updateCase(
                changes, personal: personal, fields: ["precedence", "personal.clinical_notes"], reason: "triage", actor: operator2
            )

            let history = try await registry.history(of: original.id)
            let lastTwo = Array(history.suffix(2))
            #expect(lastTwo.map(\.sequence) == [lastBefore + 1, lastBefore + 2])
            #expect(lastTwo.first?.event?.caseUpdated?.changedFields == ["precedence"])
            #expect(lastTwo.last?.event?.casePersonalUpdated?.changedFields == ["clinical_notes"])
            #expect(lastTwo.allSatisfy { $0.event?.actor == operator2 && $0.event?.reason == "triage" })
            #expect(await registry.currentState.lastSequence == lastBefore + 2)

            // The commit mark is on the last record of the batch only: a crash
            // between the two leaves neither.
            let records = registry.allRecordedEvents().filter { $0.sequence > lastBefore }
            #expect(records.map(\.sequence) == [lastBefore + 1, lastBefore + 2])
            #expect(records.map { $0.flags.contains(.commit) } == [false, true])
        }
    }

    @Test func everySingleEventCommandCarriesTheCommitMark() async throws {
        try await withRegistry { registry in
            _ = try await registerPatient(registry)
            let records = registry.allRecordedEvents()
            #expect(records.count == World.parties.count + World.sites.count + 1)
            #expect(records.allSatisfy { $0.flags.contains(.commit) })
            #expect(records.allSatisfy { $0.event != nil })
        }
    }

    @Test func anUpdateThatChangesNothingRecordsNoEvent() async throws {
        try await withRegistry { registry in
            let original = try await registerPatient(registry)
            let before = await registry.currentState
            let view = try await registry.updateCase(
                original, personal: World.personal, fields: ["age_months", "sex", "personal.name", "personal.contacts"], reason: "", actor: registrar
            )
            #expect(view.case == original)
            #expect(await registry.currentState == before)
        }
    }

    @Test func movingACaseToAnotherSiteMovesItInTheListings() async throws {
        try await withRegistry { registry in
            let original = try await registerPatient(registry)
            var changes = original
            changes.siteID = "douma-shelter"
            let view = try await registry.updateCase(changes, personal: nil, fields: ["site_id"], reason: "", actor: registrar)
            #expect(view.case?.siteID == "douma-shelter")
            #expect(view.case?.originSiteID == "douma-hospital")
            #expect(try await registry.cases(siteID: "douma-hospital", status: .unspecified, limit: 0, after: "").total == 0)
            #expect(try await registry.cases(siteID: "douma-shelter", status: .unspecified, limit: 0, after: "").cases.map { $0.case?.id } == [original.id])
        }
    }

    @Test func anInvalidUpdateIsRefusedNamingTheFieldsAndChangesNothing() async throws {
        try await withRegistry { registry in
            let original = try await registerPatient(registry)
            let before = await registry.currentState
            var changes = original
            changes.siteID = "atlantis"
            changes.sex = .male
            changes.pregnant = true
            let error = try await #require(throws: RegistryError.self) {
                try await registry.updateCase(
                    changes, personal: CasePersonal(dateOfBirth: "2016-02-30"),
                    fields: ["site_id", "sex", "pregnant", "personal.date_of_birth"], reason: "", actor: registrar
                )
            }
            #expect(error.code == .invalidArgument)
            #expect(Set(error.fields) == ["case.site_id", "case.pregnant", "personal.date_of_birth"], "\(error)")
            #expect(await registry.currentState == before)
        }
    }

    @Test func anUpdateOfAnUnknownCaseIsNotFound() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.updateCase(World.patient(id: "C-000404"), personal: nil, fields: ["age_months"], reason: "", actor: registrar)
            }
            #expect(error.code == .notFound)
            #expect(error.message.contains("C-000404"))
        }
    }

    @Test(arguments: [[], ["status"], ["id"], ["registered_at_ms"], ["personal.shoe_size"]] as [[String]])
    func anEmptyOrUnchangeableFieldListIsRefusedNamingFields(fields: [String]) async throws {
        try await withRegistry { registry in
            let original = try await registerPatient(registry)
            var changes = original
            changes.status = .evacuated
            let error = try await #require(throws: RegistryError.self) {
                try await registry.updateCase(changes, personal: nil, fields: fields, reason: "", actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(!error.fields.isEmpty && error.fields.allSatisfy { $0 == "fields" }, "\(error)")
        }
    }

    @Test func aDeceasedCaseCannotBeUpdated() async throws {
        try await withRegistry { registry in
            let original = try await registerPatient(registry)
            _ = try await registry.setCaseStatus(caseID: original.id, status: .deceased, date: "2018-02-20", reason: "died waiting", actor: registrar)
            let before = await registry.currentState
            var changes = original
            changes.ageMonths = 100
            let error = try await #require(throws: RegistryError.self) {
                try await registry.updateCase(changes, personal: World.personal, fields: ["age_months", "personal.name"], reason: "", actor: registrar)
            }
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("DECEASED"), "\(error)")
            #expect(await registry.currentState == before)
        }
    }
}
