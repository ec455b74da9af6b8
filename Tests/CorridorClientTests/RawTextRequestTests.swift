import CorridorClient
import CorridorModel
import CorridorWire
import NIOCore
import Testing

/// A request whose payload is given as bytes: what a client other than the
/// Swift one may send (the Swift client cannot put a NUL in a C string).
private struct RawRequest: WireMessage {
    var bytes: [UInt8]
    init(bytes: [UInt8]) { self.bytes = bytes }
    init(wireBytes: ByteBuffer) throws(RPCError) { bytes = Array(wireBytes.readableBytesView) }
    func wireBytes() -> ByteBuffer { ByteBuffer(bytes: bytes) }
}

/// RegisterPartyRequest { party = 1 { id = 1, short_name = 2, full_name = 3, kind = 4 } }.
private func registerParty(id: String, shortName: [UInt8], fullName: [UInt8] = []) -> RawRequest {
    func field(_ number: UInt8, _ value: [UInt8]) -> [UInt8] { [number << 3 | 2, UInt8(value.count)] + value }
    let party = field(1, Array(id.utf8)) + field(2, shortName) + field(3, fullName) + [4 << 3, 5]
    return RawRequest(bytes: field(1, party))
}

/// Issue 8's strings through the real server: refused naming the field, the
/// daemon still answering, nothing stored.
@Suite struct RawTextRequestTests {
    @Test func aNULOrInvalidUTF8FromTheWireIsRefusedNamingTheField() async throws {
        let fixture = try await RegistryCallsTests.Fixture.start()
        let client = fixture.client
        let method = "/corridor.v1.Registry/RegisterParty"
        let nul = await #expect(throws: RPCError.self) {
            try await client.unary(method, registerParty(id: "nul1", shortName: Array("nul1\0x".utf8)), as: Party.self)
        }
        #expect(nul?.code == .invalidArgument)
        #expect(nul?.fieldViolations.map(\.field) == ["party.short_name"])
        let latin1 = await #expect(throws: RPCError.self) {
            try await client.unary(method, registerParty(id: "cafe", shortName: Array("Caf".utf8), fullName: Array("Caf".utf8) + [0xE9]), as: Party.self)
        }
        #expect(latin1?.code == .invalidArgument)
        #expect(latin1?.fieldViolations.map(\.field) == ["party.full_name"])
        // The same names as text are accepted: the connection and the daemon go on.
        let stored = try await client.unary(method, registerParty(id: "nul1", shortName: Array("nul1".utf8)), as: Party.self)
        #expect(stored.shortName == "nul1")
        #expect(try await client.parties().map(\.id) == ["nul1"])
        await fixture.stop()
    }
}
