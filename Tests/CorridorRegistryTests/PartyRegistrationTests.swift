@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

/// Registering a party: what is accepted is recorded as given; a duplicate,
/// a malformed id or missing fields are refused and nothing is recorded.
@Suite struct PartyRegistrationTests {
    @Test func aRegisteredPartyIsRecordedAsGivenAndCanBeRead() async throws {
        try await withRegistry { registry in
            let returned = try await registry.registerParty(World.redCrescent, actor: registrar)
            #expect(returned == World.redCrescent)
            #expect(try await registry.party("sarc") == World.redCrescent)
            #expect(try await registry.parties() == [World.redCrescent])
            let state = await registry.currentState
            #expect(state.lastSequence == 1)
            #expect(state.history[RecordKey(kind: .party, id: "sarc")] == [1])
        }
    }

    @Test func partiesAreListedByID() async throws {
        try await withRegistry { registry in
            for party in World.parties.reversed() { _ = try await registry.registerParty(party, actor: registrar) }
            #expect(try await registry.parties().map(\.id) == ["gov", "jaish", "sarc", "un-ocha"])
        }
    }

    @Test func aSecondPartyWithTheSameIDIsAlreadyExistsAndLeavesTheFirst() async throws {
        try await withRegistry { registry in
            _ = try await registry.registerParty(World.redCrescent, actor: registrar)
            let impostor = Party(id: "sarc", shortName: "Other", kind: .ngo)
            let error = try await #require(throws: RegistryError.self) { try await registry.registerParty(impostor, actor: registrar) }
            #expect(error.code == .alreadyExists)
            #expect(error.message.contains("sarc"))
            #expect(try await registry.party("sarc") == World.redCrescent)
            #expect(await registry.currentState.lastSequence == 1)
        }
    }

    @Test(arguments: ["Bad Id!", "", String(repeating: "a", count: 65), "-leading-dash", "UPPER", "a/b"])
    func aMalformedIDIsRefusedNamingPartyID(id: String) async throws {
        try await withRegistry { registry in
            let party = Party(id: id, shortName: "Somebody", kind: .ngo)
            let error = try await #require(throws: RegistryError.self) { try await registry.registerParty(party, actor: registrar) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["party.id"], "\(error)")
            #expect(await registry.currentState.lastSequence == 0)
            #expect(try await registry.parties().isEmpty)
        }
    }

    @Test func anIDOfExactly64CharactersIsAccepted() async throws {
        try await withRegistry { registry in
            let id = String(repeating: "a", count: 63) + "9"
            _ = try await registry.registerParty(Party(id: id, shortName: "Long", kind: .monitor), actor: registrar)
            #expect(try await registry.party(id).id == id)
        }
    }

    @Test func missingShortNameAndUnspecifiedKindAreRefusedTogetherInOneError() async throws {
        try await withRegistry { registry in
            let party = Party(id: "nameless", shortName: "", kind: .unspecified)
            let error = try await #require(throws: RegistryError.self) { try await registry.registerParty(party, actor: registrar) }
            #expect(error.code == .invalidArgument)
            #expect(Set(error.fields) == ["party.short_name", "party.kind"], "\(error)")
            #expect(error.message.contains("party.short_name") && error.message.contains("party.kind"))
            #expect(await registry.currentState.lastSequence == 0)
        }
    }

    @Test func everyViolationOfARegistrationIsNamedAtOnce() async throws {
        try await withRegistry { registry in
            let party = Party(id: "Bad Id!", shortName: "   ", fullName: String(repeating: "x", count: 201), kind: .unspecified, aliases: ["ok", ""])
            let error = try await #require(throws: RegistryError.self) { try await registry.registerParty(party, actor: registrar) }
            #expect(error.code == .invalidArgument)
            #expect(Set(error.fields) == ["party.id", "party.short_name", "party.full_name", "party.kind", "party.aliases[1]"], "\(error)")
        }
    }

    @Test func aShortNameLongerThan64CharactersIsRefused() async throws {
        try await withRegistry { registry in
            let party = Party(id: "wordy", shortName: String(repeating: "w", count: 65), kind: .ngo)
            let error = try await #require(throws: RegistryError.self) { try await registry.registerParty(party, actor: registrar) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["party.short_name"])
        }
    }

    @Test func anUnknownPartyIsNotFound() async throws {
        try await withRegistry { registry in
            let error = try await #require(throws: RegistryError.self) { try await registry.party("nobody") }
            #expect(error.code == .notFound)
            #expect(error.message.contains("nobody"))
        }
    }
}
