import CorridorClient
import CorridorServer
import CorridorTestSupport

/// What the server tests add to the shared in-process server: its log as
/// lines, clients that send only what the test asks for.
extension InProcessServer {
    var logLines: [LogLine] { log.events }

    /// Lines at notice level or above: what an operator would see by default.
    var noticeableLogLines: [LogLine] { log.events.filter { $0.level >= .notice } }

    /// A well-behaved client: CorridorClient, with its own keepalive off so that
    /// it never sends frames the test did not ask for.
    func connectClient(name: String = "server-tests") async throws -> CorridorClient {
        var configuration = ClientConfiguration.forTests
        configuration.clientName = name
        configuration.keepaliveInterval = nil
        return try await CorridorClient.connect(to: socketPath, configuration: configuration)
    }

    /// A client that sends exactly the bytes the test gives it. `receiveTimeout`
    /// is the safety net on each read.
    func openRawConnection(receiveTimeout: Duration = .seconds(30)) throws -> RawConnection {
        try RawConnection(connectingTo: socketPath, receiveTimeout: receiveTimeout)
    }
}

/// Runs `body` against a fresh server that keeps every line it logs, and shuts
/// the server down afterwards, whether `body` returned or threw.
func withTestServer<T>(
    limits: ServerLimits = ServerLimits(),
    methods: MethodRouter = MethodRouter(),
    _ body: (InProcessServer) async throws -> T
) async throws -> T {
    let server = try await InProcessServer.start(limits: limits, methods: methods, logLevel: .trace)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

extension ServerLimits {
    /// The defaults with some fields changed: `.with { $0.maxFrameBytes = 4096 }`.
    static func with(_ change: (inout ServerLimits) -> Void) -> ServerLimits {
        var limits = ServerLimits()
        change(&limits)
        return limits
    }
}
