import CorridorClient
import CorridorServer
import CorridorTestSupport
import CorridorWire
import Foundation
import Testing

@Suite struct CorridorClientTests {
    @Test func connectingWhereNothingListensIsUnavailableAndNamesThePath() async {
        let path = "/tmp/corridor-client-test-nothing-\(getpid()).sock"
        do {
            _ = try await CorridorClient.connect(to: path, configuration: .forTests)
            Issue.record("connected to nothing")
        } catch {
            #expect(error.code == .unavailable)
            #expect(error.message.contains(path))
        }
    }

    @Test func helloTellsTheServersVersionAndLimits() async throws {
        var limits = ServerLimits()
        limits.maxFrameBytes = 65_536
        limits.maxConcurrentCalls = 17
        let server = try await InProcessServer.start(limits: limits)
        defer { Task { await server.stop() } }
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        #expect(client.server.serverName == "corridord")
        #expect(client.server.version == .current)
        #expect(client.server.limits.maxFrameBytes == 65_536)
        #expect(client.server.limits.maxConcurrentCalls == 17)
        await client.close()
    }

    @Test func statusDescribesTheServer() async throws {
        let server = try await InProcessServer.start()
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        let status = try await client.status()
        #expect(status.socketPath == server.socketPath)
        #expect(status.dataDirectory == server.directory + "/data")
        #expect(status.protocolVersion == Corridor_V1_ProtocolVersion(major: 1, minor: 0))
        #expect(status.openConnections == 1)
        #expect(status.pid == UInt32(getpid()))
        await client.close()
        await server.stop()
    }

    @Test(arguments: [0, 1, 64, 65_536])
    func pingEchoesItsPayload(size: Int) async throws {
        let server = try await InProcessServer.start()
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7) }
        #expect(try await client.ping(payload: payload) == payload)
        await client.close()
        await server.stop()
    }

    /// Responses come back on their own streams: each caller gets its own answer.
    @Test func concurrentCallsOnOneConnectionGetTheirOwnAnswers() async throws {
        let server = try await InProcessServer.start()
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for caller in 0..<300 {
                group.addTask {
                    let payload = Array("caller \(caller)".utf8)
                    return try await client.ping(payload: payload) == payload
                }
            }
            for try await matched in group { #expect(matched) }
        }
        await client.close()
        await server.stop()
    }

    @Test func healthCheckAndWatch() async throws {
        let server = try await InProcessServer.start()
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        #expect(try await client.checkHealth() == .serving)
        #expect(try await client.checkHealth(service: "corridor.v1.System") == .serving)
        await #expect(throws: RPCError.self) { try await client.checkHealth(service: "corridor.v1.Nothing") }
        var watch = client.watchHealth().makeAsyncIterator()
        #expect(try await watch.next() == .serving)
        server.server.health.set(.notServing, for: "")
        #expect(try await watch.next() == .notServing)
        await client.close()
        await server.stop()
    }

    @Test func aDeadlineThatPassesIsDeadlineExceeded() async throws {
        var methods = MethodRouter()
        let never = RPCMethod<Corridor_V1_PingRequest, Corridor_V1_PingResponse>(path: "/test.Slow/Never", kind: .unary)
        methods.register(never) { _, _ in
            // Never returns on its own: only the deadline's cancellation ends it.
            try await Task.sleep(for: .seconds(3600))
            return Corridor_V1_PingResponse()
        }
        let server = try await InProcessServer.start(methods: methods)
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        do {
            _ = try await client.unary(RPCMethod<Corridor_V1_PingRequest, Corridor_V1_PingResponse>(path: "/test.Slow/Never", kind: .unary), Corridor_V1_PingRequest(), timeout: .milliseconds(50))
            Issue.record("a call that never returns returned")
        } catch {
            #expect(error.code == .deadlineExceeded)
        }
        await client.close()
        await server.stop()
    }

    @Test func anUnknownMethodIsUnimplemented() async throws {
        let server = try await InProcessServer.start()
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        do {
            _ = try await client.unary(RPCMethod<Corridor_V1_PingRequest, Corridor_V1_PingResponse>(path: "/corridor.v1.Nope/Nothing", kind: .unary), Corridor_V1_PingRequest())
            Issue.record("an unknown method answered")
        } catch {
            #expect(error.code == .unimplemented)
            #expect(error.message.contains("/corridor.v1.Nope/Nothing"))
        }
        await client.close()
        await server.stop()
    }

    @Test func callsAfterTheServerStopsAreUnavailable() async throws {
        let server = try await InProcessServer.start()
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        _ = try await client.status()
        await server.stop()
        do {
            _ = try await client.status()
            Issue.record("a stopped server answered")
        } catch {
            #expect(error.code == .unavailable)
        }
    }

    @Test func callsAfterCloseFail() async throws {
        let server = try await InProcessServer.start()
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        await client.close()
        await #expect(throws: RPCError.self) { try await client.status() }
        await server.stop()
    }
}
