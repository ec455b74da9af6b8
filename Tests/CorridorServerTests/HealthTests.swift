import CorridorClient
import CorridorServer
import CorridorTestSupport
import CorridorWire
import Testing

extension ServerTests {
    /// corridor.v1.Health through CorridorClient, shutdown included.
    @Suite("Health")
    struct Health {
        @Test("Check of the whole server (\"\") and of its services is SERVING")
        func checkServing() async throws {
            try await withTestServer { server in
                let client = try await server.connectClient()
                #expect(try await client.checkHealth() == .serving)
                #expect(try await client.checkHealth(service: "corridor.v1.System") == .serving)
                #expect(try await client.checkHealth(service: "corridor.v1.Health") == .serving)
                await client.close()
            }
        }

        @Test("Check of an unknown service is NOT_FOUND, naming it")
        func checkUnknownService() async throws {
            try await withTestServer { server in
                let client = try await server.connectClient()
                let error = await expectRPCError(.notFound) { try await client.checkHealth(service: "corridor.v1.Nope") }
                #expect(error?.message.contains("corridor.v1.Nope") == true)
                await client.close()
            }
        }

        enum WatchEvent: Sendable, Equatable {
            case status(Corridor_V1_HealthCheckResponse.ServingStatus)
            case ended(StatusCode?)
        }

        @Test("Watch sees SERVING, then NOT_SERVING at shutdown, then ends with UNAVAILABLE")
        func watchThroughShutdown() async throws {
            try await withTestServer { server in
                let client = try await server.connectClient()
                // The stream is read in its own task, which records what it sees, so that
                // the test can wait for each step with a safety bound.
                let seen = EventRecorder<WatchEvent>()
                let statuses = client.watchHealth()
                let reader = Task {
                    do {
                        for try await status in statuses { seen.append(.status(status)) }
                        seen.append(.ended(nil))
                    } catch let error as RPCError {
                        seen.append(.ended(error.code))
                    } catch {
                        seen.append(.ended(.unknown))
                    }
                }
                try await seen.first("SERVING from Watch") { $0 == .status(.serving) }
                await server.shutdownGracefully()
                try await seen.first("the end of Watch") { if case .ended = $0 { true } else { false } }
                #expect(seen.events == [.status(.serving), .status(.notServing), .ended(.unavailable)])
                await reader.value
                await client.close()
            }
        }
    }
}
