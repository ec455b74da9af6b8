@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

/// Commands arriving at once are decided one at a time: no id is given
/// twice, a conflict has one winner, and each caller's answer is durable.
@Suite struct ConcurrentCommandsTests {
    @Test func concurrentRegistrationsGetDistinctConsecutiveIDs() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let seeded = await registry.currentState.lastSequence
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try #require(try await registry.registerCase(World.patient(ageMonths: UInt32(index)), personal: nil, actor: registrar).case?.id)
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(ids.sorted() == (1...40).map { RegistryState.registryCaseID(UInt64($0)) })
            let state = await registry.currentState
            #expect(state.lastSequence == seeded + 40)
            #expect(Set(ids.compactMap { state.history[RecordKey(kind: .case, id: $0)]?.first }).count == 40)
            // Every acknowledged registration is durable: nothing is waiting for a sync.
            #expect(await registry.figures.log.durableSequence == state.lastSequence)
        }
    }

    @Test func concurrentRegistrationsOfOneIDHaveExactlyOneWinner() async throws {
        try await withRegistry { registry in
            let outcomes = await withTaskGroup(of: RegistryError.Code?.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        do throws(RegistryError) {
                            _ = try await registry.registerParty(Party(id: "contested", shortName: "Claimant \(index)", kind: .ngo), actor: registrar)
                            return nil
                        } catch {
                            return error.code
                        }
                    }
                }
                return await group.reduce(into: [RegistryError.Code?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count == 1)
            #expect(outcomes.filter { $0 == .alreadyExists }.count == 9)
            let history = try await registry.history(of: "contested")
            #expect(history.count == 1)
        }
    }
}
