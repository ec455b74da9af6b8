import CorridorWire
import NIOCore
import Testing

@Suite struct MessageCodingTests {
    @Test func systemStatusRoundTrips() throws {
        let status = SystemStatus(
            serverName: "corridord", serverVersion: "0.1.0", protocolVersion: ProtocolVersion(major: 1, minor: 3),
            startedAtUnixMilliseconds: 1_700_000_000_000, uptimeMilliseconds: 12_345,
            socketPath: "/run/corridor/corridord.sock", dataDirectory: "/var/lib/corridor",
            openConnections: 3, pid: 4321, callsServed: 99
        )
        #expect(try SystemStatus(wireBytes: status.wireBytes()) == status)
    }

    @Test func pingPayloadRoundTrips() throws {
        let ping = PingPayload(payload: ByteBuffer(bytes: Array(repeating: 0xAB, count: 4096)))
        #expect(try PingPayload(wireBytes: ping.wireBytes()) == ping)
        #expect(try PingPayload(wireBytes: ByteBuffer()) == PingPayload(payload: ByteBuffer()))
    }

    @Test(arguments: ServingStatus.allCases)
    func healthResponseRoundTrips(status: ServingStatus) throws {
        #expect(try HealthCheckResponse(wireBytes: HealthCheckResponse(status: status).wireBytes()).status == status)
    }

    @Test func healthRequestRoundTrips() throws {
        #expect(try HealthCheckRequest(wireBytes: HealthCheckRequest(service: "corridor.v1.System").wireBytes()).service == "corridor.v1.System")
    }

    @Test func aMalformedPayloadIsInvalidArgument() {
        let garbage = ByteBuffer(bytes: [0x0A, 0x50, 0x01])  // field 1 claims 80 bytes, 1 follows
        #expect(throws: RPCError.self) { try HealthCheckRequest(wireBytes: garbage) }
        do {
            _ = try SystemStatus(wireBytes: garbage)
            Issue.record("decoded garbage")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("SystemStatus"))
        }
    }
}
