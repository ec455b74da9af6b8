import CorridorClient
import CorridorServer
import CorridorTestSupport
import CorridorWire
import Glibc
import NIOCore
import Testing

extension ServerTests {
    /// Backpressure: a client that does not read its answers stalls itself and
    /// nothing else, and the server's memory stays bounded.
    @Suite("Flow control")
    struct FlowControl {
        /// How a flood of calls that are never read went.
        struct Flood {
            var bytesSent = 0
            var blocked = false
            /// Stream ids of the calls that went out whole.
            var completeCalls: [UInt32] = []
            /// What is left of the call the blocked send cut short.
            var unsent: [UInt8] = []
        }

        static let payloadSize = 16 * 1024
        static let floodBound = 1 << 30

        /// Sends System.Ping calls with 16 KiB payloads and never reads, until a
        /// send blocks for longer than the send timeout, or 1 GiB has gone out.
        static func flood(_ connection: RawConnection) async throws -> Flood {
            try await connection.blocking { connection in
                // A send that waits this long means the server has stopped reading.
                // Were it still reading, the wait would end sooner and the flood go on
                // (to the bound, which fails the test). Stretched under a sanitizer,
                // where a server still reading can pause longer between reads.
                connection.setTimeout(SO_SNDTIMEO, TestDeadline.scaled(.milliseconds(250)))
                defer { connection.setTimeout(SO_SNDTIMEO, .zero) }
                var flood = Flood()
                let payload = [UInt8](repeating: 0x5A, count: payloadSize)
                var streamID: UInt32 = 1
                while flood.bytesSent < floodBound {
                    var buffer = ByteBuffer()
                    buffer.writeFrame(.ping(on: streamID, payload: payload))
                    let bytes = Array(buffer.readableBytesView)
                    let (written, blocked) = try bytes.withUnsafeBytes { try connection.sendUntilBlocked($0) }
                    flood.bytesSent += written
                    if blocked {
                        flood.blocked = true
                        flood.unsent = Array(bytes[written...])
                        if written == bytes.count { flood.completeCalls.append(streamID) }
                        return flood
                    }
                    flood.completeCalls.append(streamID)
                    streamID += 2
                }
                return flood
            }
        }

        @Test("A client that sends without reading is blocked by the server, and other clients are still served")
        func nonReadingClientIsStalled() async throws {
            try await withTestServer { server in
                let bystander = try await server.connectClient(name: "bystander")
                let flooder = try server.openRawConnection()
                defer { flooder.close() }
                try await flooder.hello()
                let residentBefore = ProcessResources.residentBytes()

                let flood = try await Self.flood(flooder)
                #expect(flood.blocked, "sent \(flood.bytesSent) bytes without the server ever pushing back")

                #expect(try await bystander.ping(payload: [1, 2, 3], timeout: .seconds(30)) == [1, 2, 3])
                let growth = ProcessResources.residentBytes() - residentBefore
                #expect(growth < 128 << 20, "resident memory grew by \(growth) bytes during the flood")
                flooder.close()
                await bystander.close()
            }
        }

        @Test("A stalled client that starts reading gets every answer, in order, and the server reads it again")
        func stalledClientResumes() async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                let flood = try await Self.flood(connection)
                try #require(flood.blocked)

                // Reading lets the server write, then read again: every call that went out
                // whole is answered, each with its echo and OK.
                for streamID in flood.completeCalls {
                    let payload = try await connection.expectMessage(on: streamID)
                    #expect(try Corridor_V1_PingResponse(serializedBytes: payload).payload.count == Self.payloadSize)
                    try await connection.expectStatus(.ok, on: streamID)
                }
                // The call the stall cut short is finished and answered too.
                if !flood.unsent.isEmpty {
                    try await connection.send(bytes: flood.unsent)
                    let last = (flood.completeCalls.last ?? 0) + 2
                    try await connection.expectMessage(on: last)
                    try await connection.expectStatus(.ok, on: last)
                }
                try await connection.expectPingRoundTrip(on: 1_000_001)
            }
        }
    }
}
