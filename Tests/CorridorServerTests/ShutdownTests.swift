import CorridorClient
import CorridorServer
import CorridorWire
import NIOCore
import Testing

extension ServerTests {
    /// Graceful shutdown: GoAway, new calls refused, calls in flight finish
    /// (within the drain bound), connections closed.
    @Suite("Shutdown")
    struct Shutdown {
        @Test("Shutdown sends GoAway, refuses new calls with UNAVAILABLE, lets the call in flight finish, then closes")
        func gracefulShutdown() async throws {
            let methods = TestMethods()
            try await withTestServer(methods: methods.router) { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                let request = Corridor_V1_PingRequest(payload: [4, 5, 6])
                try await connection.startCall(TestMethod.gated, on: 1, payload: ByteBuffer(bytes: request.serializedBytes()), requestID: "in-flight")
                try await methods.started("in-flight")

                let shutdown = Task { await server.shutdownGracefully() }
                let goAway = try await connection.readFrame()
                guard case .goAway = goAway.kind else {
                    Issue.record("expected GoAway, got \(goAway)")
                    return
                }
                #expect(goAway.streamID == 0)
                // The listener is gone before GoAway goes out: nobody new gets in.
                #expect(throws: RawConnectionError.self) { try server.openRawConnection() }

                try await connection.send(.ping(on: 3, payload: [1]))
                try await connection.expectStatus(.unavailable, on: 3)

                await methods.gate.open()
                let payload = try await connection.expectMessage(on: 1)
                #expect(try Corridor_V1_PingResponse(serializedBytes: payload).payload == request.payload)
                try await connection.expectStatus(.ok, on: 1)
                try await connection.expectClosed()
                await shutdown.value
            }
        }

        @Test("Shutdown closes an idle connection right after GoAway")
        func idleConnectionIsClosed() async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                let shutdown = Task { await server.shutdownGracefully() }
                let goAway = try await connection.readFrame()
                #expect(goAway.streamID == 0)
                if case .goAway = goAway.kind {} else { Issue.record("expected GoAway, got \(goAway)") }
                try await connection.expectClosed()
                await shutdown.value
            }
        }

        @Test("A call that outlives the drain bound gets UNAVAILABLE, its handler is cancelled, and shutdown returns")
        func callOutlivingDrainBound() async throws {
            let methods = TestMethods()
            try await withTestServer(limits: .with { $0.drainTimeoutMilliseconds = 100 }, methods: methods.router) { server in
                // A shorter safety net than usual: the answer is due 100 ms after GoAway.
                let connection = try server.openRawConnection(receiveTimeout: .seconds(10))
                // Closing our end is also what lets a server stuck in its drain finish.
                defer { connection.close() }
                try await connection.hello()
                try await connection.startCall(TestMethod.untilCancelled, on: 1, requestID: "never-ends")
                try await methods.started("never-ends")

                let shutdown = Task { await server.shutdownGracefully() }
                let goAway = try await connection.readFrame()
                if case .goAway = goAway.kind {} else { Issue.record("expected GoAway, got \(goAway)") }
                try await connection.expectStatus(.unavailable, on: 1)
                try await connection.expectClosed()
                await shutdown.value
                try await methods.cancelled("never-ends")
                let warnings = server.noticeableLogLines
                #expect(warnings.count == 1, "\(warnings)")
                #expect(warnings.first?.message.contains("drain bound") == true)
            }
        }

        @Test("The drain-bound warning gives the bound in milliseconds")
        func drainWarningNamesTheBound() async throws {
            let methods = TestMethods()
            try await withTestServer(limits: .with { $0.drainTimeoutMilliseconds = 150 }, methods: methods.router) { server in
                let connection = try server.openRawConnection(receiveTimeout: .seconds(10))
                defer { connection.close() }
                try await connection.hello()
                try await connection.startCall(TestMethod.untilCancelled, on: 1, requestID: "never-ends")
                try await methods.started("never-ends")

                let shutdown = Task { await server.shutdownGracefully() }
                _ = try await connection.readFrame()  // GoAway
                let warned = try? await server.log.first("the drain-bound warning", within: .seconds(5)) {
                    $0.message.contains("drain bound")
                }
                if warned == nil {
                    // The server is not giving up on the call by itself (that is
                    // callOutlivingDrainBound's concern); once the connection is gone,
                    // shutdown finishes and logs the warning this test is about.
                    connection.close()
                }
                await shutdown.value
                let warning = try #require(server.logLines.first { $0.message.contains("drain bound") })
                // A 150 ms bound is "150", not its whole seconds times 1000 ("0").
                #expect(warning.metadata["drainMilliseconds"] == "150")
            }
        }
    }
}
