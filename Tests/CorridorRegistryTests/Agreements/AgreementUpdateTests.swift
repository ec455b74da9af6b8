@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Updating an agreement: only the named fields, fulfilments kept, nothing
/// once it is COMPLETED or COLLAPSED.
@Suite struct AgreementUpdateTests {
    private func update(_ registry: Registry, _ agreement: Agreement, _ fields: [String]) async throws -> Agreement {
        try await registry.updateAgreement(agreement, fields: fields, reason: "renegotiated", actor: registrar)
    }

    @Test func onlyTheNamedFieldsChangeAndTheEventSaysWhichChanged() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            var changes = Deal.agreement()
            changes.title = "The 29-for-29 deal"
            changes.agreedOn = "2017-12-25"
            changes.parties.append(.init(partyID: "un-ocha", role: .monitor))
            let updated = try await update(registry, changes, ["title", "agreedOn", "parties"])
            #expect(updated.title == "The 29-for-29 deal")
            #expect(updated.agreedOn == "2017-12-25")
            #expect(updated.parties.count == 4)
            let event = try #require(try await registry.history(of: "a-29").last?.event)
            #expect(event.agreementUpdated?.changedFields == ["title", "agreed_on", "parties"])
            #expect(event.reason == "renegotiated")

            // Named but unchanged: no event.
            let count = try await registry.history(of: "a-29").count
            _ = try await update(registry, updated, ["title"])
            #expect(try await registry.history(of: "a-29").count == count)
        }
    }

    @Test func unknownFieldNamesAreInvalidArgument() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            for fields in [["status"], ["id"], [], ["title", "nonsense"]] {
                let error = try await #require(throws: RegistryError.self) { try await update(registry, Deal.agreement(), fields) }
                #expect(error.code == .invalidArgument)
                #expect(error.fields.allSatisfy { $0 == "fields" }, "\(error)")
            }
        }
    }

    @Test func recordedFulfilmentsOfExistingTermsAreKept() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 12, actor: registrar)
            var releases = Deal.releases
            releases.target = 30
            releases.description = "the armed group releases 30 detainees"
            let extra = Agreement.Term(id: "aid", description: "two aid convoys", obligorID: "gov", measure: .otherCount, target: 2)
            let updated = try await update(registry, Deal.agreement(terms: [releases, Deal.evacuations, extra]), ["terms"])
            #expect(updated.terms.map(\.fulfilled) == [12, 0, 0])
            #expect(updated.terms[0].target == 30)
            #expect(try await Deal.progress(registry)["releases"]! == (12, 30))
        }
    }

    @Test func fulfilmentsCannotBeSetDroppedOrRemeasuredByAnUpdate() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 12, actor: registrar)
            var inflated = Deal.releases
            inflated.fulfilled = 29
            var remeasured = Deal.releases
            remeasured.measure = .evacuations
            var fresh = Agreement.Term(id: "new", description: "new", obligorID: "gov", measure: .otherCount, target: 1)
            fresh.fulfilled = 1
            for (terms, field) in [
                ([inflated], "agreement.terms[0].fulfilled"), ([remeasured], "agreement.terms[0].measure"),
                ([Deal.releases, fresh], "agreement.terms[1].fulfilled"), ([Deal.evacuations], "agreement.terms"),
            ] {
                let error = try await #require(throws: RegistryError.self) { try await update(registry, Deal.agreement(terms: terms), ["terms"]) }
                #expect(error.code == .invalidArgument)
                #expect(error.fields == [field], "\(error)")
            }
            #expect(try await Deal.progress(registry)["releases"]! == (12, 29))
        }
    }

    @Test func theUpdatedAgreementIsCheckedWhole() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            // Dropping the party that owes a term leaves the term without its obligor.
            var changes = Deal.agreement()
            changes.parties.removeAll { $0.partyID == "jaish" }
            var error = try await #require(throws: RegistryError.self) { try await update(registry, changes, ["parties"]) }
            #expect(error.fields == ["agreement.terms[0].obligor_id"], "\(error)")
            // An AGREED agreement keeps its date agreed.
            changes = Deal.agreement()
            changes.agreedOn = ""
            error = try await #require(throws: RegistryError.self) { try await update(registry, changes, ["agreed_on"]) }
            #expect(error.fields == ["agreement.agreed_on"], "\(error)")
        }
    }

    @Test(arguments: [Agreement.Status.collapsed, .completed])
    func aFinishedAgreementIsNotUpdated(status: Agreement.Status) async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry, agreement: Deal.agreement(terms: []))
            if status == .completed {
                _ = try await registry.setAgreementStatus(agreementID: "a-29", status: .implementing, actor: registrar)
            }
            _ = try await registry.setAgreementStatus(agreementID: "a-29", status: status, reason: "over", actor: registrar)
            let error = try await #require(throws: RegistryError.self) { try await update(registry, Deal.agreement(), ["title"]) }
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("is \(status.rawValue)"), "\(error)")
            #expect(error.message.contains("NEGOTIATING, AGREED, IMPLEMENTING, SUSPENDED"), "\(error)")
        }
    }
}
