@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// A record's history: its events in order, with sequence numbers and who
/// made each; "kind:id" says which record when kinds share an id.
@Suite struct HistoryTests {
    @Test func aCasesHistoryListsItsEventsInOrderWithSequencesAndActors() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let first = await registry.currentState.lastSequence
            let registering = Operator(uid: 1001, userName: "amina", pid: 501, role: "registrar", requestID: "req-register")
            let examining = Operator(uid: 1002, userName: "omar", pid: 502, role: "doctor", requestID: "req-examine")
            let recording = Operator(uid: 1003, userName: "rania", pid: 503, role: "coordinator", requestID: "req-death")
            let id = try #require(try await registry.registerCase(World.patient(), personal: World.personal, actor: registering).case?.id)
            // Another record's event in between must not show up.
            _ = try await registry.setCrossingStatus(siteID: "wafideen", status: .closed, reason: "", actor: registrar)
            var changes = World.patient(ageMonths: 100)
            changes.id = id
            _ = try await registry.updateCase(changes, personal: nil, fields: ["age_months"], reason: "re-examined", actor: examining)
            _ = try await registry.setCaseStatus(caseID: id, status: .deceased, date: "2018-02-20", reason: "renal failure", actor: recording)

            let history = try await registry.history(of: id)
            #expect(history.map(\.sequence) == [first + 1, first + 3, first + 4])
            #expect(history.map { $0.event?.actor } == [registering, examining, recording])
            #expect(history.map { $0.event?.reason } == ["", "re-examined", "renal failure"])
            #expect(history[0].event?.caseRegistered?.case?.id == id)
            #expect(history[0].event?.caseRegistered?.personal == World.personal)
            #expect(history[1].event?.caseUpdated?.changedFields == ["age_months"])
            #expect(history[2].event?.caseStatusChanged?.to == .deceased)
            #expect(history.allSatisfy { $0.recordedAtNs > 0 })
            #expect(zip(history, history.dropFirst()).allSatisfy { $0.recordedAtNs <= $1.recordedAtNs })
            #expect(try await registry.history(of: "case:\(id)") == history)
        }
    }

    @Test func aKindPrefixSaysWhichOfAPartyAndASiteSharingAnIDIsMeant() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let council = Party(id: "douma", shortName: "Douma Council", kind: .ngo)
            _ = try await registry.registerParty(council, actor: registrar)
            let partySequence = await registry.currentState.lastSequence

            let error = try await #require(throws: RegistryError.self) { try await registry.history(of: "douma") }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["id"], "\(error)")
            #expect(error.fieldViolations.first?.reason.contains("party:douma") == true
                || error.fieldViolations.first?.reason.contains("site:douma") == true, "\(error)")

            let partyHistory = try await registry.history(of: "party:douma")
            #expect(partyHistory.map(\.sequence) == [partySequence])
            #expect(partyHistory.first?.event?.partyRegistered?.party == council)

            let siteHistory = try await registry.history(of: "site:douma")
            #expect(siteHistory.count == 1)
            #expect(siteHistory.first?.event?.siteRegistered?.site == World.town)
        }
    }

    @Test(arguments: ["nobody", "party:ghouta", "case:douma", "site:", "party:nobody"])
    func anUnknownRecordIsNotFound(id: String) async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let error = try await #require(throws: RegistryError.self) { try await registry.history(of: id) }
            #expect(error.code == .notFound, "\(error)")
        }
    }

    @Test func aRefusedCommandLeavesNoTrace() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            _ = try? await registry.setCrossingStatus(siteID: "wafideen", status: .open, reason: "", actor: registrar)
            _ = try? await registry.updateSite(Site(id: "wafideen", name: "", kind: .crossing), fields: ["name"], reason: "", actor: registrar)
            #expect(try await registry.history(of: "wafideen").count == 1)
        }
    }
}
