@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// The statuses an operator sets directly: DECEASED (with a date), WITHDRAWN
/// (with a reason) and back to WAITING; DECEASED is final; the others follow
/// lists and movements and cannot be set here.
@Suite struct CaseStatusTests {
    private func registerPatient(_ registry: Registry) async throws -> String {
        try await World.seed(registry)
        return try #require(try await registry.registerCase(World.patient(), personal: nil, actor: registrar).case?.id)
    }

    @Test func aDeathIsRecordedWithItsDate() async throws {
        try await withRegistry { registry in
            let id = try await registerPatient(registry)
            let view = try await registry.setCaseStatus(caseID: id, status: .deceased, date: "2018-02-20", reason: "renal failure", actor: registrar)
            #expect(view.case?.status == .deceased)
            #expect(view.case?.statusDate == "2018-02-20")
            #expect(view.case?.statusReason == "renal failure")
            #expect(view.daysWaiting == 0)
            let event = try #require(try await registry.history(of: id).last?.event)
            #expect(event.caseStatusChanged == CaseStatusChanged(caseID: id, from: .waiting, to: .deceased, date: "2018-02-20"))
            #expect(event.reason == "renal failure")
        }
    }

    @Test(arguments: ["", "2018-02-30", "20-02-2018"])
    func aDeathWithoutAValidDateIsRefusedNamingDate(date: String) async throws {
        try await withRegistry { registry in
            let id = try await registerPatient(registry)
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setCaseStatus(caseID: id, status: .deceased, date: date, reason: "died waiting", actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["date"], "\(error)")
            #expect(await registry.currentState == before)
        }
    }

    @Test(arguments: ["", "   "])
    func aWithdrawalWithoutAReasonIsRefusedNamingReason(reason: String) async throws {
        try await withRegistry { registry in
            let id = try await registerPatient(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setCaseStatus(caseID: id, status: .withdrawn, date: "", reason: reason, actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["reason"], "\(error)")
            #expect(try await registry.caseView(id).case?.status == .waiting)
        }
    }

    @Test(arguments: ["", "   "])
    func aDeathWithoutAReasonIsRefusedNamingReason(reason: String) async throws {
        try await withRegistry { registry in
            let id = try await registerPatient(registry)
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setCaseStatus(caseID: id, status: .deceased, date: "2018-02-20", reason: reason, actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["reason"], "\(error)")
            #expect(error.description.contains("DECEASED"), "\(error)")
            #expect(await registry.currentState == before)
        }
    }

    @Test func aDeathsReasonIsKeptOnTheEventAndInHistory() async throws {
        try await withRegistry { registry in
            let id = try await registerPatient(registry)
            _ = try await registry.setCaseStatus(caseID: id, status: .deceased, date: "2018-02-20", reason: "shelling, reported by the field team", actor: registrar)
            let change = try #require(try await registry.history(of: id).last?.event)
            #expect(change.caseStatusChanged?.to == .deceased)
            #expect(change.reason == "shelling, reported by the field team")
        }
    }

    @Test func aWithdrawnCaseCanWaitAgain() async throws {
        try await withRegistry { registry in
            let id = try await registerPatient(registry)
            let withdrawn = try await registry.setCaseStatus(caseID: id, status: .withdrawn, date: "", reason: "left by other means", actor: registrar)
            #expect(withdrawn.case?.status == .withdrawn)
            #expect(withdrawn.case?.statusReason == "left by other means")
            let waiting = try await registry.setCaseStatus(caseID: id, status: .waiting, date: "", reason: "returned", actor: registrar)
            #expect(waiting.case?.status == .waiting)
            #expect(try await registry.history(of: id).compactMap { $0.event?.caseStatusChanged?.to } == [.withdrawn, .waiting])
        }
    }

    @Test(arguments: [Case.Status.waiting, .withdrawn, .deceased])
    func deceasedIsFinal(next: Case.Status) async throws {
        try await withRegistry { registry in
            let id = try await registerPatient(registry)
            _ = try await registry.setCaseStatus(caseID: id, status: .deceased, date: "2018-02-20", reason: "died waiting", actor: registrar)
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setCaseStatus(caseID: id, status: next, date: "2018-02-21", reason: "mistake", actor: registrar)
            }
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("DECEASED"), "\(error)")
            #expect(error.message.contains("final"), "\(error)")
            #expect(await registry.currentState == before)
        }
    }

    @Test func waitingAgainWhileWaitingIsFailedPreconditionNamingTheAllowedStatuses() async throws {
        try await withRegistry { registry in
            let id = try await registerPatient(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setCaseStatus(caseID: id, status: .waiting, date: "", reason: "", actor: registrar)
            }
            #expect(error.code == .failedPrecondition)
            for name in ["WAITING", "LISTED", "DECEASED", "WITHDRAWN"] { #expect(error.message.contains(name), "\(error)") }
        }
    }

    @Test(arguments: [Case.Status.listed, .scheduled, .inTransit, .evacuated, .unspecified])
    func listsAndMovementsStatusesCannotBeSetDirectly(status: Case.Status) async throws {
        try await withRegistry { registry in
            let id = try await registerPatient(registry)
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setCaseStatus(caseID: id, status: status, date: "2018-02-20", reason: "x", actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["status"], "\(error)")
            #expect(await registry.currentState == before)
        }
    }

    @Test func anUnknownCaseIsNotFound() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setCaseStatus(caseID: "C-000404", status: .deceased, date: "2018-02-20", reason: "died waiting", actor: registrar)
            }
            #expect(error.code == .notFound)
            #expect(error.message.contains("C-000404"))
        }
    }
}
