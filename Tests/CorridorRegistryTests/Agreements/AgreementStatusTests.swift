@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// The lifecycle NEGOTIATING → AGREED → IMPLEMENTING → COMPLETED, with
/// SUSPENDED and COLLAPSED: every transition allowed and refused.
@Suite struct AgreementStatusTests {
    static let allowed: [Agreement.Status: [Agreement.Status]] = [
        .negotiating: [.agreed, .collapsed],
        .agreed: [.implementing, .suspended, .collapsed],
        .implementing: [.completed, .suspended, .collapsed],
        .suspended: [.agreed, .implementing, .collapsed],
        .completed: [],
        .collapsed: [],
    ]

    /// The way from NEGOTIATING to each status, through allowed transitions.
    static let paths: [Agreement.Status: [Agreement.Status]] = [
        .negotiating: [],
        .agreed: [.agreed],
        .implementing: [.agreed, .implementing],
        .suspended: [.agreed, .suspended],
        .completed: [.agreed, .implementing, .completed],
        .collapsed: [.collapsed],
    ]

    /// An agreement with one term already met, so that COMPLETED is reachable.
    private func agreement(in status: Agreement.Status, _ registry: Registry) async throws {
        var term = Deal.releases
        term.target = 1
        try await Deal.setUp(registry, agreement: Deal.agreement(status: .negotiating, terms: [term]))
        for step in Self.paths[status]! {
            if step == .completed {
                _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 1, date: "2018-01-02", actor: registrar)
            }
            _ = try await registry.setAgreementStatus(agreementID: "a-29", status: step, reason: "because", date: "2018-01-01", actor: registrar)
        }
        #expect(try await registry.getAgreement("a-29").status == status)
    }

    static let pairs: [(Agreement.Status, Agreement.Status)] = {
        let statuses: [Agreement.Status] = [.negotiating, .agreed, .implementing, .suspended, .completed, .collapsed]
        return statuses.flatMap { from in statuses.map { (from, $0) } }
    }()

    @Test(arguments: pairs)
    func everyTransitionIsAllowedOrRefusedNamingCurrentAndAllowed(from: Agreement.Status, to: Agreement.Status) async throws {
        try await withRegistry { registry in
            try await agreement(in: from, registry)
            if Self.allowed[from]!.contains(to) {
                if to == .completed {
                    _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 1, actor: registrar)
                }
                let before = try await registry.getAgreement("a-29")
                let updated = try await registry.setAgreementStatus(agreementID: "a-29", status: to, reason: "a reason", date: "2018-01-05", actor: registrar)
                #expect(updated.status == to)
                #expect(updated.statusReason == "a reason")
                let event = try #require(try await registry.history(of: "a-29").last?.event)
                #expect(event.agreementStatusChanged == AgreementStatusChanged(agreement: updated, from: from, to: to))
                #expect(event.reason == "a reason")
                #expect(updated.terms == before.terms)
            } else {
                let before = await registry.currentState
                let error = try await #require(throws: RegistryError.self) { try await registry.setAgreementStatus(agreementID: "a-29", status: to, reason: "a reason", date: "2018-01-05", actor: registrar) }
                #expect(error.code == .failedPrecondition)
                #expect(error.message.contains("is \(from.rawValue)"), "\(error)")
                let allowed = Self.allowed[from]!
                let names = allowed.map(\.rawValue)
                let next = names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
                #expect(error.message.hasSuffix(allowed.isEmpty ? "which is final" : "; from \(from.rawValue) it can go to \(next)"), "\(error)")
                #expect(error.fieldViolations.map(\.field) == ["status"])
                #expect(await registry.currentState == before)
            }
        }
    }

    @Test func agreedAndImplementingSetTheirDatesFromTheRequest() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry, agreement: Deal.agreement(status: .negotiating))
            let agreed = try await registry.setAgreementStatus(agreementID: "a-29", status: .agreed, date: "2017-12-26", actor: registrar)
            #expect(agreed.agreedOn == "2017-12-26")
            let implementing = try await registry.setAgreementStatus(agreementID: "a-29", status: .implementing, date: "2018-03-01", actor: registrar)
            #expect(implementing.implementationStartedOn == "2018-03-01")
            #expect(implementing.agreedOn == "2017-12-26")
            // Suspended and resumed: the dates already set stay.
            _ = try await registry.setAgreementStatus(agreementID: "a-29", status: .suspended, reason: "shelling", actor: registrar)
            let resumed = try await registry.setAgreementStatus(agreementID: "a-29", status: .agreed, date: "2018-04-01", actor: registrar)
            #expect(resumed.agreedOn == "2017-12-26")
            #expect(resumed.implementationStartedOn == "2018-03-01")
        }
    }

    @Test func withoutADateTheDatesAreTodayInUTC() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry, agreement: Deal.agreement(status: .negotiating))
            let before = Registry.agreementTodayUTC()
            let agreed = try await registry.setAgreementStatus(agreementID: "a-29", status: .agreed, actor: registrar)
            let implementing = try await registry.setAgreementStatus(agreementID: "a-29", status: .implementing, actor: registrar)
            let after = Registry.agreementTodayUTC()
            #expect([before, after].contains(agreed.agreedOn))
            #expect([before, after].contains(implementing.implementationStartedOn))
        }
    }

    @Test func theCivilDateOfUnixTime() {
        #expect(AgreementCalendar.utcDate(unixMilliseconds: 0) == "1970-01-01")
        #expect(AgreementCalendar.utcDate(unixMilliseconds: 951_782_400_000) == "2000-02-29")
        #expect(AgreementCalendar.utcDate(unixMilliseconds: 1_795_737_599_999) == "2026-11-26")
        #expect(AgreementCalendar.utcDate(unixMilliseconds: 1_514_764_800_000) == "2018-01-01")
    }

    @Test(arguments: [Agreement.Status.suspended, .collapsed])
    func suspendedAndCollapsedNeedAReason(status: Agreement.Status) async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            for reason in ["", "  "] {
                let error = try await #require(throws: RegistryError.self) {
                    try await registry.setAgreementStatus(agreementID: "a-29", status: status, reason: reason, actor: registrar)
                }
                #expect(error.code == .invalidArgument)
                #expect(error.fields == ["reason"], "\(error)")
            }
            let updated = try await registry.setAgreementStatus(agreementID: "a-29", status: status, reason: "the government shelled the crossing", actor: registrar)
            #expect(updated.statusReason == "the government shelled the crossing")
        }
    }

    @Test func anUnspecifiedStatusOrABadDateIsInvalidArgument() async throws {
        try await withRegistry { registry in
            try await Deal.setUp(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setAgreementStatus(agreementID: "a-29", status: .unspecified, date: "2018-02-31", actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["status", "date"], "\(error)")
        }
    }

    @Test func completedIsRefusedUntilEveryTermIsMetNamingEachUnmetTerm() async throws {
        try await withRegistry { registry in
            let ids = try await Deal.setUp(registry, agreement: Deal.agreement(terms: [
                Deal.releases,
                Agreement.Term(id: "evacuations", description: "3 medical evacuations", obligorID: "gov", measure: .evacuations, target: 3),
            ]), cases: 3)
            _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 10, actor: registrar)
            try await Deal.evacuate(registry, movementID: "m-1", caseIDs: [ids[0]])
            var error = try await #require(throws: RegistryError.self) { try await registry.setAgreementStatus(agreementID: "a-29", status: .completed, actor: registrar) }
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("\"releases\" 10 of 29"), "\(error)")
            #expect(error.message.contains("\"evacuations\" 1 of 3"), "\(error)")

            _ = try await registry.recordFulfilment(agreementID: "a-29", termID: "releases", count: 19, actor: registrar)
            error = try await #require(throws: RegistryError.self) { try await registry.setAgreementStatus(agreementID: "a-29", status: .completed, actor: registrar) }
            #expect(!error.message.contains("releases"), "\(error)")
            #expect(error.message.contains("\"evacuations\" 1 of 3"), "\(error)")

            try await Deal.evacuate(registry, movementID: "m-2", caseIDs: [ids[1], ids[2]])
            let completed = try await registry.setAgreementStatus(agreementID: "a-29", status: .completed, actor: registrar)
            #expect(completed.status == .completed)
        }
    }
}
