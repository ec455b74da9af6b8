import CorridorClient
import CorridorServer
import CorridorTestSupport
import CorridorWire
import Testing

/// `ClientConfiguration.callTimeoutScale` stretches the timeout every call
/// sends, so that the test suites under a sanitizer (TestDeadline) need not
/// pass a longer timeout at each of their calls. The server's deadline for
/// the call is read in its handler: it is the instant the call arrived plus
/// the timeout the client sent, so `deadline - before` is at least that
/// timeout and exceeds it only by how long the call took to arrive.
@Suite struct CallTimeoutScaleTests {
    static let unaryMethod = RPCMethod<Corridor_V1_PingRequest, Corridor_V1_PingResponse>(path: "/test.Deadline/Unary", kind: .unary)
    static let streamingMethod = RPCMethod<Corridor_V1_PingRequest, Corridor_V1_PingResponse>(path: "/test.Deadline/Streaming", kind: .serverStreaming)

    /// A server whose two methods record the deadline each call came with.
    static func deadlineServer() async throws -> (InProcessServer, EventRecorder<ContinuousClock.Instant?>) {
        let deadlines = EventRecorder<ContinuousClock.Instant?>()
        var methods = MethodRouter()
        methods.register(unaryMethod) { _, context in
            deadlines.append(context.deadline)
            return Corridor_V1_PingResponse()
        }
        methods.register(streaming: streamingMethod) { _, context, writer in
            deadlines.append(context.deadline)
            try await writer.send(Corridor_V1_PingResponse())
        }
        return (try await InProcessServer.start(methods: methods), deadlines)
    }

    static func connect(_ server: InProcessServer, scale: Int) async throws -> CorridorClient {
        var configuration = ClientConfiguration()
        configuration.callTimeoutScale = scale
        return try await CorridorClient.connect(to: server.socketPath, configuration: configuration)
    }

    @Test("A unary call's timeout is multiplied by callTimeoutScale")
    func unaryTimeoutIsScaled() async throws {
        let (server, deadlines) = try await Self.deadlineServer()
        let client = try await Self.connect(server, scale: 10)
        let before = ContinuousClock.now
        _ = try await client.unary(Self.unaryMethod, Corridor_V1_PingRequest(), timeout: .seconds(60))
        let deadline = try #require(deadlines.events.first ?? nil, "the call came without a deadline")
        #expect(deadline - before >= .seconds(600), "the server's deadline is \(deadline - before) after the call, not 10 × 60 s")
        await client.close()
        await server.stop()
    }

    @Test("A stream's timeout is multiplied by callTimeoutScale")
    func streamingTimeoutIsScaled() async throws {
        let (server, deadlines) = try await Self.deadlineServer()
        let client = try await Self.connect(server, scale: 3)
        let before = ContinuousClock.now
        for try await _ in client.serverStreaming(Self.streamingMethod, Corridor_V1_PingRequest(), timeout: .seconds(60)) { break }
        let deadline = try #require(deadlines.events.first ?? nil, "the stream came without a deadline")
        #expect(deadline - before >= .seconds(180), "the server's deadline is \(deadline - before) after the call, not 3 × 60 s")
        await client.close()
        await server.stop()
    }

    /// 0 and below count as 1, more than 100 as 100: a scaled timeout stays
    /// within what the wire's milliseconds and NIO's timers hold.
    @Test("callTimeoutScale is held between 1 and 100", arguments: [(0, 1), (-5, 1), (1, 1), (1_000, 100), (Int.max, 100)])
    func scaleIsBounded(given: Int, applied: Int) async throws {
        let (server, deadlines) = try await Self.deadlineServer()
        let client = try await Self.connect(server, scale: given)
        let timeout = Duration.seconds(60)
        let before = ContinuousClock.now
        _ = try await client.unary(Self.unaryMethod, Corridor_V1_PingRequest(), timeout: timeout)
        let after = ContinuousClock.now
        let deadline = try #require(deadlines.events.first ?? nil, "the call came without a deadline")
        // Arrived between `before` and `after`, so the deadline lies in that window shifted by the timeout sent.
        #expect(deadline - before >= timeout * applied, "\(deadline - before)")
        #expect(deadline - after <= timeout * applied, "\(deadline - after)")
        await client.close()
        await server.stop()
    }

    @Test("Without a scale, the timeout is the one the caller gave")
    func noScaleLeavesTheTimeout() async throws {
        let (server, deadlines) = try await Self.deadlineServer()
        let client = try await CorridorClient.connect(to: server.socketPath)
        let before = ContinuousClock.now
        _ = try await client.unary(Self.unaryMethod, Corridor_V1_PingRequest(), timeout: .seconds(60))
        let after = ContinuousClock.now
        let deadline = try #require(deadlines.events.first ?? nil, "the call came without a deadline")
        #expect(deadline - before >= .seconds(60) && deadline - after <= .seconds(60), "\(deadline - before)")
        await client.close()
        await server.stop()
    }
}

/// `TestDeadline` reads `CORRIDOR_SANITIZER` into the factor the test
/// clients' `callTimeoutScale` and every safety bound use.
@Suite struct TestDeadlineTests {
    @Test(arguments: [("thread", 10), ("address", 3), (nil, 1), ("", 1), ("undefined", 1)] as [(String?, Int)])
    func factorFollowsTheSanitizer(sanitizer: String?, factor: Int) {
        #expect(TestDeadline.factor(sanitizer: sanitizer) == factor)
    }

    @Test func theDefaultKeepaliveIsStretchedAndASetOneKept() {
        #expect(TestDeadline.keepaliveStretched(ServerLimits(), by: 10).keepaliveIntervalMilliseconds == 300_000)
        #expect(TestDeadline.keepaliveStretched(ServerLimits(), by: 1).keepaliveIntervalMilliseconds == 30_000)
        var set = ServerLimits()
        set.keepaliveIntervalMilliseconds = 200
        #expect(TestDeadline.keepaliveStretched(set, by: 10).keepaliveIntervalMilliseconds == 200)
    }

    @Test func testServersAnnounceTheStretchedKeepalive() async throws {
        let server = try await InProcessServer.start()
        let client = try await CorridorClient.connect(to: server.socketPath, configuration: .forTests)
        #expect(client.server.limits.keepaliveIntervalMilliseconds == 30_000 * UInt32(TestDeadline.factor))
        await client.close()
        await server.stop()
    }

    @Test func testClientsUseTheFactor() {
        #expect(ClientConfiguration.forTests.callTimeoutScale == TestDeadline.factor)
        #expect(ClientConfiguration.forTests.connectTimeout == ClientConfiguration().connectTimeout * TestDeadline.factor)
    }
}
