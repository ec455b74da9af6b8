@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Updating a party changes the named fields only; an unknown party, an
/// empty or unchangeable field list are refused; a no-op records nothing.
@Suite struct PartyUpdateTests {
    @Test func onlyTheNamedFieldsChange() async throws {
        try await withRegistry { registry in
            _ = try await registry.registerParty(World.redCrescent, actor: registrar)
            // Every field differs in the request; only short_name and aliases are named.
            let changes = Party(id: "sarc", shortName: "SARC-Damascus", fullName: "ignored", kind: .ngo, aliases: ["Red Crescent"])
            let updated = try await registry.updateParty(changes, fields: ["short_name", "aliases"], reason: "renamed", actor: registrar)
            var expected = World.redCrescent
            expected.shortName = "SARC-Damascus"
            expected.aliases = ["Red Crescent"]
            #expect(updated == expected)
            #expect(try await registry.party("sarc") == expected)

            let history = try await registry.history(of: "sarc")
            #expect(history.map(\.sequence) == [1, 2])
            let event = try #require(history.last?.event?.partyUpdated)
            #expect(event.changedFields == ["short_name", "aliases"])
            #expect(event.party == expected)
            #expect(history.last?.event?.reason == "renamed")
        }
    }

    @Test func camelCaseFieldNamesAreAccepted() async throws {
        try await withRegistry { registry in
            _ = try await registry.registerParty(World.redCrescent, actor: registrar)
            let changes = Party(id: "sarc", shortName: "SARC", fullName: "Red Crescent", kind: .redCrossRedCrescent)
            let updated = try await registry.updateParty(changes, fields: ["fullName"], reason: "", actor: registrar)
            #expect(updated.fullName == "Red Crescent")
        }
    }

    @Test func anUpdateOfAnUnknownPartyIsNotFound() async throws {
        try await withRegistry { registry in
            let error = try await #require(throws: RegistryError.self) {
                try await registry.updateParty(Party(id: "ghost", shortName: "G", kind: .ngo), fields: ["short_name"], reason: "", actor: registrar)
            }
            #expect(error.code == .notFound)
            #expect(error.message.contains("ghost"))
            #expect(await registry.currentState.lastSequence == 0)
        }
    }

    @Test(arguments: [[], ["id"], ["short_name", "id"], ["crossing_status"]] as [[String]])
    func anEmptyOrUnchangeableFieldListIsRefusedNamingFields(fields: [String]) async throws {
        try await withRegistry { registry in
            _ = try await registry.registerParty(World.redCrescent, actor: registrar)
            let changes = Party(id: "sarc", shortName: "New", kind: .ngo)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.updateParty(changes, fields: fields, reason: "", actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(!error.fields.isEmpty && error.fields.allSatisfy { $0 == "fields" }, "\(error)")
            #expect(try await registry.party("sarc") == World.redCrescent)
            #expect(await registry.currentState.lastSequence == 1)
        }
    }

    @Test func anUpdateThatChangesNothingRecordsNoEvent() async throws {
        try await withRegistry { registry in
            _ = try await registry.registerParty(World.redCrescent, actor: registrar)
            let before = await registry.currentState
            let updated = try await registry.updateParty(World.redCrescent, fields: ["short_name", "kind", "full_name", "aliases"], reason: "", actor: registrar)
            #expect(updated == World.redCrescent)
            #expect(await registry.currentState == before)
            #expect(await registry.figures.log.lastSequence == 1)
            #expect(try await registry.history(of: "sarc").count == 1)
        }
    }

    @Test func anUpdateLeavingTheRecordInvalidIsRefusedAndNothingChanges() async throws {
        try await withRegistry { registry in
            _ = try await registry.registerParty(World.redCrescent, actor: registrar)
            let changes = Party(id: "sarc", shortName: "", kind: .unspecified)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.updateParty(changes, fields: ["short_name", "kind"], reason: "", actor: registrar)
            }
            #expect(error.code == .invalidArgument)
            #expect(Set(error.fields) == ["party.short_name", "party.kind"], "\(error)")
            #expect(try await registry.party("sarc") == World.redCrescent)
            #expect(await registry.currentState.lastSequence == 1)
        }
    }
}
