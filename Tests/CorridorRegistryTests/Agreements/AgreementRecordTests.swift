@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Recording an agreement: every field checked against the state, each
/// violation named by its field, nothing recorded when refused.
@Suite struct AgreementRecordTests {
    private func refusal(_ registry: Registry, _ agreement: Agreement) async throws -> RegistryError {
        let before = await registry.currentState
        let error = try await #require(throws: RegistryError.self) {
            try await registry.recordAgreement(agreement, actor: registrar)
        }
        #expect(await registry.currentState == before, "a refused command changed the state")
        return error
    }

    @Test func anAgreedAgreementIsRecordedWithItsPartiesAndTerms() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let recorded = try await registry.recordAgreement(Deal.agreement(), actor: registrar)
            #expect(recorded == Deal.agreement())
            #expect(try await registry.getAgreement("a-29") == recorded)
            let event = try #require(try await registry.history(of: "a-29").last?.event)
            #expect(event.agreementRecorded == AgreementRecorded(agreement: recorded))
            #expect(event.actor?.userName == "amina")
        }
    }

    @Test func anAgreementWithoutAStatusIsNegotiating() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var agreement = Deal.agreement(status: .unspecified)
            agreement.terms = []
            let recorded = try await registry.recordAgreement(agreement, actor: registrar)
            #expect(recorded.status == .negotiating)
            #expect(recorded.agreedOn == "")
        }
    }

    @Test(arguments: [Agreement.Status.implementing, .completed, .suspended, .collapsed])
    func anyOtherInitialStatusIsRefusedNamingStatus(status: Agreement.Status) async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var agreement = Deal.agreement()
            agreement.status = status
            agreement.implementationStartedOn = "2017-12-28"
            let error = try await refusal(registry, agreement)
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["agreement.status"], "\(error)")
        }
    }

    @Test func agreedNeedsTheDateItWasAgreed() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var agreement = Deal.agreement()
            agreement.agreedOn = ""
            let error = try await refusal(registry, agreement)
            #expect(error.fields == ["agreement.agreed_on"], "\(error)")
        }
    }

    @Test func aTakenIdIsAlreadyExists() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            let error = try await refusal(registry, Deal.agreement())
            #expect(error.code == .alreadyExists)
            #expect(error.message.contains("a-29"))
        }
    }

    @Test func everyViolationIsNamedByItsField() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let agreement = Agreement(
                id: "Not An Id", title: " ",
                parties: [.init(partyID: "gov", role: .party), .init(partyID: "nobody", role: .party), .init(partyID: "gov", role: .mediator), .init(partyID: "sarc", role: .unspecified)],
                terms: [
                    Agreement.Term(id: "ok", description: "fine", obligorID: "gov", measure: .otherCount, target: 1),
                    Agreement.Term(id: "ok", description: "", obligorID: "un-ocha", measure: .unspecified, target: 0, listID: "no-such-list", fulfilled: 3),
                    Agreement.Term(id: "", description: "x", obligorID: "", measure: .detaineeReleases, target: 5),
                ],
                agreedOn: "2017-13-01", implementationStartedOn: "yesterday", status: .agreed
            )
            let error = try await refusal(registry, agreement)
            #expect(error.code == .invalidArgument)
            let fields = Set(error.fields)
            let expected: Set<String> = [
                "agreement.id", "agreement.title", "agreement.agreed_on", "agreement.implementation_started_on",
                "agreement.parties[1].party_id", "agreement.parties[2].party_id", "agreement.parties[3].role",
                "agreement.terms[1].id", "agreement.terms[1].description", "agreement.terms[1].measure", "agreement.terms[1].target",
                "agreement.terms[1].obligor_id", "agreement.terms[1].list_id", "agreement.terms[1].fulfilled",
                "agreement.terms[2].id", "agreement.terms[2].obligor_id",
            ]
            #expect(fields == expected, "missing \(expected.subtracting(fields)), unexpected \(fields.subtracting(expected))")
        }
    }

    @Test func anAgreementNeedsAParty() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            var agreement = Deal.agreement()
            agreement.parties = []
            agreement.terms = []
            let error = try await refusal(registry, agreement)
            #expect(error.fields == ["agreement.parties"], "\(error)")
        }
    }

    @Test func aTermMayCountEvacuationsThroughAnExistingList() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            try await Deal.list(registry, id: "l-29", caseIDs: [])
            var term = Deal.evacuations
            term.listID = "l-29"
            let recorded = try await registry.recordAgreement(Deal.agreement(terms: [term]), actor: registrar)
            #expect(recorded.terms.first?.listID == "l-29")
            // Only an evacuations term counts through a list.
            var counted = Deal.releases
            counted.listID = "l-29"
            let error = try await refusal(registry, Deal.agreement(id: "a-2", terms: [counted]))
            #expect(error.fields == ["agreement.terms[0].list_id"], "\(error)")
        }
    }

    @Test func aMissingAgreementIsInvalidArgument() async throws {
        try await withRegistry { registry in
            let error = try await #require(throws: RegistryError.self) {
                try await registry.recordAgreement(nil, actor: registrar)
            }
            #expect(error.fields == ["agreement"])
        }
    }

    @Test func unknownAgreementsAreNotFound() async throws {
        try await withRegistry { registry in
            for call in [
                { () async throws in _ = try await registry.getAgreement("nope") },
                { () async throws in _ = try await registry.getAgreementProgress("nope") },
                { () async throws in _ = try await registry.setAgreementStatus(agreementID: "nope", status: .agreed, actor: registrar) },
                { () async throws in _ = try await registry.recordFulfilment(agreementID: "nope", termID: "t", count: 1, actor: registrar) },
                { () async throws in _ = try await registry.updateAgreement(Agreement(id: "nope"), fields: ["title"], actor: registrar) },
            ] {
                let error = try await #require(throws: RegistryError.self) { try await call() }
                #expect(error.code == .notFound)
                #expect(error.message.contains("\"nope\""))
            }
        }
    }

    @Test func agreementsAreListedByIdAndFilteredByStatus() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            for (id, status) in [("b", Agreement.Status.negotiating), ("a", .agreed), ("c", .agreed)] {
                _ = try await registry.recordAgreement(Deal.agreement(id: id, status: status), actor: registrar)
            }
            #expect(try await registry.listAgreements().map(\.id) == ["a", "b", "c"])
            #expect(try await registry.listAgreements(status: .agreed).map(\.id) == ["a", "c"])
            #expect(try await registry.listAgreements(status: .completed).isEmpty)
        }
    }
}
