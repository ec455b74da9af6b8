import CorridorClient
import CorridorServer
import CorridorWire
import NIOCore
import Testing

extension ServerTests {
    /// Well-formed frames that break the protocol's rules: the status each gets,
    /// on which stream, and whether the connection survives it.
    @Suite("Protocol faults")
    struct ProtocolFaults {
        @Test("An unknown method gets UNIMPLEMENTED on its stream, naming the method")
        func unknownMethod() async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                let method = "/corridor.v1.Nowhere/Nothing"
                try await connection.startCall(method, on: 5)
                let status = try await connection.expectStatus(.unimplemented, on: 5)
                #expect(status.message.contains(method))
                try await connection.expectPingRoundTrip(on: 7)
            }
        }

        @Test("A request payload that is not the method's request type gets INVALID_ARGUMENT on its stream")
        func undecodableRequestPayload() async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                try await connection.startCall(Corridor_V1_System.ping.path, on: 3, payload: ByteBuffer(bytes: [0xFF, 0xFF, 0xFF]))
                try await connection.expectStatus(.invalidArgument, on: 3)
                try await connection.expectPingRoundTrip(on: 5)
            }
        }

        @Test("A call before hello gets FAILED_PRECONDITION on its stream; after hello, calls work")
        func callBeforeHello() async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.send(.ping(on: 1, payload: [1]))
                try await connection.expectStatus(.failedPrecondition, on: 1)
                try await connection.hello()
                try await connection.expectPingRoundTrip(on: 3)
            }
        }

        @Test("Hello with another major version gets FAILED_PRECONDITION on stream 0 naming both versions, then the end")
        func helloWithAnotherMajorVersion() async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.send(Frame(streamID: 0, .hello(Hello(version: ProtocolVersion(major: 2, minor: 0), clientName: "future"))))
                let status = try await connection.expectStatus(.failedPrecondition, on: 0)
                #expect(status.message.contains("2.0"), "names the client's version: \(status.message)")
                #expect(status.message.contains(ProtocolVersion.current.description), "names the server's version: \(status.message)")
                try await connection.expectClosed()
            }
        }

        @Test("A second hello gets FAILED_PRECONDITION on stream 0 and the connection goes on")
        func secondHello() async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                try await connection.send(Frame(streamID: 0, .hello(Hello(clientName: "again"))))
                try await connection.expectStatus(.failedPrecondition, on: 0)
                try await connection.expectPingRoundTrip(on: 1)
            }
        }

        @Test("A call on stream 0 gets INVALID_ARGUMENT on stream 0 and the connection goes on")
        func callOnConnectionStream() async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                try await connection.send(.ping(on: 0, payload: [1]))
                try await connection.expectStatus(.invalidArgument, on: 0)
                try await connection.expectPingRoundTrip(on: 1)
            }
        }

        @Test("Reusing the stream id of a call in flight gets INVALID_ARGUMENT on stream 0, then the end")
        func duplicateStreamIDInFlight() async throws {
            let methods = TestMethods()
            try await withTestServer(methods: methods.router) { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                try await connection.startCall(TestMethod.untilCancelled, on: 3, requestID: "first-on-3")
                try await methods.started("first-on-3")

                try await connection.send(.ping(on: 3, payload: [1]))
                let status = try await connection.expectStatus(.invalidArgument, on: 0)
                #expect(status.message.contains("stream 3"))
                try await connection.expectClosed()
                // Closing the connection ends the call that was in flight on it.
                try await methods.cancelled("first-on-3")
            }
        }

        /// The kinds only a server sends.
        enum ServerOnlyKind: String, CaseIterable, Sendable {
            case helloReply, message, status, goAway

            func frame(on streamID: UInt32) -> Frame {
                switch self {
                case .helloReply:
                    Frame(streamID: streamID, .helloReply(HelloReply(
                        version: .current, serverName: "impostor", serverVersion: "0",
                        limits: ConnectionLimits(maxFrameBytes: 1024, maxConcurrentCalls: 1, keepaliveIntervalMilliseconds: 0, maxTimeoutMilliseconds: 0)
                    )))
                case .message: Frame(streamID: streamID, .message(ByteBuffer(bytes: [1, 2, 3])))
                case .status: Frame(streamID: streamID, .status(RPCStatus(.ok)))
                case .goAway: Frame(streamID: streamID, .goAway(reason: "not yours to send"))
                }
            }
        }

        @Test("A frame of a kind only servers send gets INVALID_ARGUMENT on its stream; the connection goes on",
              arguments: ServerOnlyKind.allCases)
        func serverOnlyFrameKind(kind: ServerOnlyKind) async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                try await connection.send(kind.frame(on: 13))
                try await connection.expectStatus(.invalidArgument, on: 13)
                try await connection.expectPingRoundTrip(on: 15)
            }
        }

        @Test("A Cancel for a stream with no call in flight is ignored")
        func cancelWithoutCall() async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                try await connection.send(Frame(streamID: 21, .cancel))
                // Nothing answers the Cancel: the next frames are the ping's, and only them.
                try await connection.expectPingRoundTrip(on: 23)
            }
        }
    }
}
