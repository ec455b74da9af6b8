import CorridorClient
import CorridorServer
import CorridorWire
import NIOCore
import Testing

extension ServerTests {
    /// Many calls on one connection, many connections on one server.
    @Suite("Concurrency and load")
    struct ConcurrencyAndLoad {
        @Test("1,000 calls are in flight at once on one connection, and all succeed")
        func thousandCallsInFlight() async throws {
            // The gate opens only when the 1,000th call has arrived at its handler:
            // if the server ran fewer at once, none would ever finish (and the calls'
            // timeouts, a safety net, would fail them).
            let calls = 1000
            let methods = TestMethods(gateOpensAt: calls)
            try await withTestServer(methods: methods.router) { server in
                let client = try await server.connectClient()
                let echoed = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<calls {
                        group.addTask {
                            let request = Corridor_V1_PingRequest(payload: Array(ByteBuffer(integer: UInt32(index)).readableBytesView))
                            let reply = try await client.unary(
                                TestRPC.gated, request, timeout: .seconds(30), requestID: "call-\(index)"
                            )
                            return reply.payload == request.payload
                        }
                    }
                    var correct = 0
                    for try await matched in group where matched { correct += 1 }
                    return correct
                }
                #expect(echoed == calls)
                #expect(await methods.gate.arrivals == calls)
                await client.close()
            }
        }

        @Test("The call beyond maxConcurrentCalls gets RESOURCE_EXHAUSTED; the others go on")
        func callBeyondConcurrencyLimit() async throws {
            let methods = TestMethods()
            try await withTestServer(limits: .with { $0.maxConcurrentCalls = 8 }, methods: methods.router) { server in
                let client = try await server.connectClient()
                #expect(client.server.limits.maxConcurrentCalls == 8)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<8 {
                        group.addTask {
                            _ = try await client.unary(
                                TestRPC.gated, Corridor_V1_PingRequest(), timeout: .seconds(30), requestID: "held-\(index)"
                            )
                        }
                    }
                    // All 8 are at their handlers, so the server has all 8 in flight.
                    try await methods.startedCount(atLeast: 8)
                    let refused = await expectRPCError(.resourceExhausted) { try await client.ping(payload: [9]) }
                    #expect(refused?.message.contains("8") == true)
                    await methods.gate.open()
                    try await group.waitForAll()
                }
                // The 8 have ended, freeing their places.
                #expect(try await client.ping(payload: [10]) == [10])
                await client.close()
            }
        }

        @Test(
            "500 connections at once each get System.Status, which counts them all",
            .enabled(if: ProcessResources.raiseOpenFileLimitToHardLimit() >= 1200,
                     "needs RLIMIT_NOFILE of at least 1200 (500 client and 500 server descriptors); the hard limit is lower")
        )
        func fiveHundredConnections() async throws {
            let count = 500
            try await withTestServer { server in
                let clients = try await withThrowingTaskGroup(of: CorridorClient.self) { group in
                    for index in 0..<count {
                        group.addTask { try await server.connectClient(name: "client-\(index)") }
                    }
                    var clients: [CorridorClient] = []
                    for try await client in group { clients.append(client) }
                    return clients
                }
                #expect(clients.count == count)

                // Every connection is open (each had its hello answered) before any
                // status is asked for, so every status counts at least all of them.
                let openCounts = try await withThrowingTaskGroup(of: UInt32.self) { group in
                    for client in clients {
                        group.addTask { try await client.status(timeout: .seconds(30)).openConnections }
                    }
                    var counts: [UInt32] = []
                    for try await open in group { counts.append(open) }
                    return counts
                }
                #expect(openCounts.count == count)
                #expect(openCounts.allSatisfy { $0 >= UInt32(count) }, "smallest count: \(openCounts.min() ?? 0)")

                await withTaskGroup(of: Void.self) { group in
                    for client in clients { group.addTask { await client.close() } }
                }
            }
        }
    }
}
