import CorridorClient
import CorridorModel
import CorridorWire
import Testing

/// Strings go as they are: the client encodes with the generated encoder, so
/// "a\0b" is sent as "a\0b" (the old coder's C string cut it to "a") and the
/// real server refuses it naming the field, the daemon still answering,
/// nothing stored.
@Suite struct RawTextRequestTests {
    @Test func aNULIsSentAsItIsAndRefusedNamingTheField() async throws {
        let fixture = try await RegistryCallsTests.Fixture.start()
        let client = fixture.client
        let nul = await #expect(throws: RPCError.self) {
            try await client.registerParty(Party(id: "nul1", shortName: "nul1\0x", kind: .ngo))
        }
        #expect(nul?.code == .invalidArgument)
        #expect(nul?.fieldViolations.map(\.field) == ["party.short_name"])
        // Through the generated method too, with the request built by hand.
        let request = Corridor_V1_RegisterPartyRequest(party: Corridor_V1_Party(id: "nul2", shortName: "n", fullName: "a\0b", kind: .ngo, aliases: []))
        let direct = await #expect(throws: RPCError.self) {
            try await client.unary(Corridor_V1_Registry.registerParty, request)
        }
        #expect(direct?.code == .invalidArgument)
        #expect(direct?.fieldViolations.map(\.field) == ["party.full_name"])
        // The same names as text are accepted: the connection and the daemon go on.
        let stored = try await client.registerParty(Party(id: "nul1", shortName: "nul1", kind: .ngo))
        #expect(stored.shortName == "nul1")
        #expect(try await client.parties().map(\.id) == ["nul1"])
        await fixture.stop()
    }
}
