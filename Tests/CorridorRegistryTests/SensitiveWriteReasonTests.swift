@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Sensitive writes carry a reason (docs/AUDIT.md): a death, a withdrawal, a
/// strike from a list, a departure outside every window. Without one the
/// command is refused naming the reason's field, and nothing is written;
/// with one the reason is kept on the event and shown in history.
@Suite struct SensitiveWriteReasonTests {
    private func registerPatient(_ registry: Registry) async throws -> String {
        try await World.seed(registry)
        return try #require(try await registry.registerCase(World.patient(), personal: nil, actor: registrar).case?.id)
    }

    @Test(arguments: [Case.Status.deceased, .withdrawn], ["", " \t "])
    func aCaseStatusChangeWithoutAReasonIsRefusedNamingReason(status: Case.Status, reason: String) async throws {
        try await withRegistry { registry in
            let id = try await registerPatient(registry)
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setCaseStatus(caseID: id, status: status, date: "2018-02-20", reason: reason, actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["reason"], "\(error)")
            #expect(await registry.currentState == before)
        }
    }

    @Test(arguments: ["", "   "])
    func aStrikeWithoutAReasonIsRefusedNamingReason(reason: String) async throws {
        try await withRegistry { registry in
            try await ListWorld.seed(registry)
            for index in 1...3 { try await ListWorld.register(registry, "c-0\(index)") }
            _ = try await ListWorld.approved(registry, quota: 3)
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) {
                try await registry.strikeEntry(listID: "l1", caseID: "c-02", partyID: "gov", reason: reason, actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["reason"], "\(error)")
            #expect(await registry.currentState == before)

            _ = try await registry.strikeEntry(listID: "l1", caseID: "c-02", partyID: "gov", reason: "security objection", actor: registrar)
            let strike = try #require(try await registry.history(of: "l1").last?.event)
            #expect(strike.listEntryStruck?.caseID == "c-02")
            #expect(strike.reason == "security objection")
        }
    }

    /// Whether a departure needs its override is the crossing's state at the
    /// time (no window in effect), so its refusal is FAILED_PRECONDITION
    /// naming override_reason; a reason of blanks is no reason.
    @Test(arguments: ["", "   "])
    func aDepartureOutsideEveryWindowWithoutAnOverrideReasonIsRefused(override: String) async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            _ = try await registry.planMovement(Corridor.convoy(id: "convoy-2"), actor: registrar)
            _ = try await Corridor.status(registry, "convoy-2", .notified)
            let before = await registry.currentState
            let error = try await #require(throws: RegistryError.self) {
                try await Corridor.status(registry, "convoy-2", .departed, at: "2026-11-21T16:30", override: override)
            }
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("give override_reason"), "\(error)")
            #expect(await registry.currentState == before)
        }
    }
}
