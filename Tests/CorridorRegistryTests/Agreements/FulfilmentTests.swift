@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Fulfilments: counts recorded against counted terms, the first of them
/// moving an AGREED agreement to IMPLEMENTING.
@Suite struct FulfilmentTests {
    @Test func aFulfilmentOfAnAgreedAgreementStartsImplementation() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            let progress = try await registry.recordFulfilment(
                agreementID: "a-29", termID: "releases", count: 29, date: "2017-12-28", reason: "ICRC confirmed", actor: registrar
            )
            let agreement = try #require(progress.agreement)
            #expect(agreement.status == .implementing)
            #expect(agreement.implementationStartedOn == "2017-12-28")
            #expect(agreement.terms.first { $0.id == "releases" }?.fulfilled == 29)
            let releases = try #require(progress.terms.first { $0.term?.id == "releases" })
            #expect((releases.done, releases.target) == (29, 29))
            #expect(releases.source == "recorded fulfilments")
            #expect(!progress.allMet)

            // One command, two events: the status change, then the fulfilment.
            let events = try await registry.history(of: "a-29").suffix(2).compactMap(\.event)
            var started = agreement
            started.terms = Deal.agreement().terms
            #expect(events.first?.agreementStatusChanged == AgreementStatusChanged(agreement: started, from: .agreed, to: .implementing))
            #expect(events.last?.fulfilmentRecorded == FulfilmentRecorded(agreement: agreement, termID: "releases", count: 29, date: "2017-12-28"))
            #expect(events.allSatisfy { $0.reason == "ICRC confirmed" })
        }
    }

    @Test func fulfilmentsAddUpWhileImplementing() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 10, date: "2018-01-01", actor: registrar)
            let before = try await registry.history(of: "a-29").count
            let progress = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 5, date: "2018-01-09", actor: registrar)
            #expect(progress.terms.first?.done == 15)
            #expect(progress.agreement?.implementationStartedOn == "2018-01-01")
            #expect(try await registry.history(of: "a-29").count == before + 1, "no second status change")
        }
    }

    @Test func withoutADateTheFulfilmentIsToday() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            let progress = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 1, actor: registrar)
            #expect(progress.agreement?.implementationStartedOn == Registry.agreementTodayUTC())
            #expect(try await registry.history(of: "a-29").last?.event?.fulfilmentRecorded?.date == Registry.agreementTodayUTC())
        }
    }

    @Test func anEvacuationsTermIsCountedFromMovements() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.recordFulfilment(agreementID: "a-29", termID: "evacuations", count: 4, actor: registrar)
            }
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("evacuations are counted from movements"), "\(error)")
            #expect(try await registry.getAgreement("a-29").status == .agreed)
        }
    }

    @Test func otherCountTermsTakeFulfilmentsToo() async throws {
        try await withRegistry { registry in
            let bodies = Agreement.Term(id: "bodies", description: "return of 12 bodies", obligorID: "gov", measure: .otherCount, target: 12)
            try await Deal.setUp(registry, agreement: Deal.agreement(terms: [bodies]))
            let progress = try await registry.recordFulfilment(agreementID: "a-29", termID: "bodies", count: 12, actor: registrar)
            #expect(progress.allMet)
        }
    }

    @Test func countAndDateAreChecked() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.recordFulfilment(agreementID: "a-29", termID: "", count: 0, date: "28/12/2017", actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["term_id", "count", "date"], "\(error)")
        }
    }

    @Test func anUnknownTermIsNotFoundNamingTheTerms() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.recordFulfilment(agreementID: "a-29", termID: "hostages", count: 1, actor: registrar)
            }
            #expect(error.code == .notFound)
            #expect(error.message.contains("\"hostages\""))
            #expect(error.message.contains("releases, evacuations"))
        }
    }

    @Test func aCountBeyondWhatCanBeCountedIsRefused() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: .max, actor: registrar)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 1, actor: registrar)
            }
            #expect(error.fields == ["count"])
        }
    }

    @Test(arguments: [Agreement.Status.negotiating, .suspended, .collapsed, .completed])
    func onlyAnAgreedOrImplementingAgreementTakesFulfilments(status: Agreement.Status) async throws {
        try await withRegistry { registry in
            let other = Agreement.Term(id: "other", description: "one thing", obligorID: "gov", measure: .otherCount, target: 1)
            try await Deal.setUp(registry, agreement: Deal.agreement(status: .agreed, terms: [Deal.releases, other]))
            switch status {
            case .negotiating:
                _ = try await registry.recordAgreement(Deal.agreement(id: "a-neg", status: .negotiating), actor: registrar)
            case .completed:
                _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 29, actor: registrar)
                _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "other", count: 1, actor: registrar)
                _ = try await registry.setAgreementStatus(agreementID: "a-29", status: .completed, actor: registrar)
            default:
                _ = try await registry.setAgreementStatus(agreementID: "a-29", status: status, reason: "talks broke down", actor: registrar)
            }
            let id = status == .negotiating ? "a-neg" : "a-29"
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) {
                try await registry.recordFulfilment(agreementID: id, termID: "releases", count: 1, actor: registrar)
            }
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("is \(status.rawValue)"), "\(error)")
            #expect(error.message.contains("AGREED, IMPLEMENTING"), "\(error)")
            #expect(await registry.currentState == before)
        }
    }
}
