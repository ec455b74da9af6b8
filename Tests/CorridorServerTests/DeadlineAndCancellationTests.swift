import CorridorClient
import CorridorServer
import CorridorWire
import NIOCore
import Testing

extension ServerTests {
    /// Calls that end early: by their deadline, the server's cap on deadlines,
    /// or the client's Cancel. Each must also stop the handler's task.
    @Suite("Deadlines and cancellation")
    struct DeadlinesAndCancellation {
        @Test("A call past its timeout gets DEADLINE_EXCEEDED and its handler is cancelled")
        func deadlineExceeded() async throws {
            let methods = TestMethods()
            try await withTestServer(methods: methods.router) { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                try await connection.startCall(TestMethod.untilCancelled, on: 1, timeoutMilliseconds: 100, requestID: "deadline")
                // The read blocks until the server's deadline fires: the call never answers.
                let status = try await connection.expectStatus(.deadlineExceeded, on: 1)
                #expect(status.message.contains("100 ms"))
                try await methods.cancelled("deadline")
                try await connection.expectPingRoundTrip(on: 3)
            }
        }

        @Test("Through CorridorClient, a timeout of 100 ms ends the call with DEADLINE_EXCEEDED and cancels the handler")
        func deadlineExceededThroughClient() async throws {
            let methods = TestMethods()
            try await withTestServer(methods: methods.router) { server in
                let client = try await server.connectClient()
                await expectRPCError(.deadlineExceeded) {
                    _ = try await client.unary(
                        TestRPC.untilCancelled, Corridor_V1_PingRequest(), timeout: .milliseconds(100), requestID: "client-deadline"
                    )
                }
                try await methods.cancelled("client-deadline")
                await client.close()
            }
        }

        @Test("maxTimeoutMilliseconds caps every call, those without a timeout included",
              arguments: [0, 60_000] as [UInt32])
        func serverCapsTimeouts(requestedTimeout: UInt32) async throws {
            let methods = TestMethods()
            try await withTestServer(limits: .with { $0.maxTimeoutMilliseconds = 100 }, methods: methods.router) { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                let reply = try await connection.hello()
                #expect(reply.limits.maxTimeoutMilliseconds == 100)
                try await connection.startCall(TestMethod.untilCancelled, on: 1, timeoutMilliseconds: requestedTimeout, requestID: "capped")
                let status = try await connection.expectStatus(.deadlineExceeded, on: 1)
                #expect(status.message.contains("100 ms"))
                try await methods.cancelled("capped")
            }
        }

        @Test("Cancel on a call's stream gets CANCELLED on that stream and cancels the handler")
        func cancelFrame() async throws {
            let methods = TestMethods()
            try await withTestServer(methods: methods.router) { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                try await connection.startCall(TestMethod.untilCancelled, on: 1, requestID: "to-cancel")
                try await methods.started("to-cancel")
                try await connection.send(Frame(streamID: 1, .cancel))
                try await connection.expectStatus(.cancelled, on: 1)
                try await methods.cancelled("to-cancel")
                // The stream is free again, and the connection unharmed.
                try await connection.expectPingRoundTrip(on: 1)
            }
        }

        @Test("Cancelling the task that awaits CorridorClient.unary cancels the handler on the server")
        func cancelledClientTask() async throws {
            let methods = TestMethods()
            try await withTestServer(methods: methods.router) { server in
                let client = try await server.connectClient()
                let call = Task {
                    _ = try await client.unary(
                        TestRPC.untilCancelled, Corridor_V1_PingRequest(), requestID: "task-cancel"
                    )
                }
                try await methods.started("task-cancel")
                call.cancel()
                await expectRPCError(.cancelled) { try await call.value }
                try await methods.cancelled("task-cancel")
                await client.close()
            }
        }
    }
}
