import CorridorServer
import CorridorWire
import Testing

extension ServerTests {
    /// Ping and Pong: the server probes silent connections and closes the
    /// ones that stay silent; it answers the client's pings.
    @Suite("Keepalive")
    struct Keepalive {
        static let limits = ServerLimits.with { $0.keepaliveIntervalMilliseconds = 200 }

        @Test("A silent client is pinged, and closed when it does not answer")
        func silentClientIsPingedThenClosed() async throws {
            try await withTestServer(limits: Self.limits) { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                let reply = try await connection.hello()
                #expect(reply.limits.keepaliveIntervalMilliseconds == 200)

                let frame = try await connection.readFrame()
                guard case .ping = frame.kind else {
                    Issue.record("expected a keepalive Ping, got \(frame)")
                    return
                }
                #expect(frame.streamID == 0)
                // Not answering.
                try await connection.expectClosed()
                let closing = server.noticeableLogLines.filter { $0.message.contains("keepalive") }
                #expect(closing.count == 1, "\(server.noticeableLogLines)")
            }
        }

        @Test("A client that answers each ping is pinged again, not closed")
        func answeringClientStaysConnected() async throws {
            try await withTestServer(limits: Self.limits) { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                // Several rounds, so that a connection that survives one by luck does not pass.
                for round in 1...5 {
                    let frame = try await connection.readFrame()
                    guard frame.streamID == 0, case .ping(let opaque) = frame.kind else {
                        Issue.record("round \(round): expected a keepalive Ping, got \(frame)")
                        return
                    }
                    try await connection.send(Frame(streamID: 0, .pong(opaque: opaque)))
                }
                #expect(server.noticeableLogLines.isEmpty, "\(server.noticeableLogLines)")
            }
        }

        @Test("A Ping from the client gets a Pong with the same opaque value on stream 0",
              arguments: [0, 1, 0xDEAD_BEEF_CAFE_F00D] as [UInt64])
        func clientPingIsAnswered(opaque: UInt64) async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                try await connection.send(Frame(streamID: 0, .ping(opaque: opaque)))
                let frame = try await connection.readFrame()
                #expect(frame == Frame(streamID: 0, .pong(opaque: opaque)))
            }
        }
    }
}
