import CorridorClient
import CorridorServer
import CorridorTestSupport
import CorridorWire
import Glibc
import Logging
import Synchronization

/// One line the server logged, as the tests see it.
struct LogLine: Sendable, CustomStringConvertible {
    var level: Logger.Level
    var message: String
    var metadata: [String: String]

    var description: String {
        let fields = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "[\(level)] \(message) \(fields)"
    }
}

/// A LogHandler that keeps every line in memory, so that tests can assert
/// what the server logged about each bad input.
struct RecordingLogHandler: LogHandler {
    let lines: EventLog<LogLine>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        for (key, value) in event.metadata ?? [:] { merged[key] = value }
        lines.append(LogLine(
            level: event.level,
            message: event.message.description,
            metadata: merged.mapValues { "\($0)" }
        ))
    }
}

/// A real CorridorServer in this process, on a socket in a fresh directory
/// under /tmp (short enough for AF_UNIX), logging into memory.
final class TestServer: Sendable {
    let directory: String
    let socketPath: String
    let server: CorridorServer
    let log: EventLog<LogLine>
    private let hasShutDown = Atomic<Bool>(false)
    private let hasStopped = Atomic<Bool>(false)

    var logLines: [LogLine] { log.events }

    /// Lines at notice level or above: what an operator would see by default.
    var noticeableLogLines: [LogLine] { log.events.filter { $0.level >= .notice } }

    private init(directory: String, server: CorridorServer, log: EventLog<LogLine>) {
        self.directory = directory
        self.socketPath = directory + "/s.sock"
        self.server = server
        self.log = log
    }

    static func start(limits: ServerLimits = ServerLimits(), methods: MethodRouter = MethodRouter()) async throws -> TestServer {
        let directory = try TemporaryDirectory().path
        let log = EventLog<LogLine>()
        var logger = Logger(label: "corridor.server.test") { _ in RecordingLogHandler(lines: log) }
        logger.logLevel = .trace
        var configuration = ServerConfiguration(socketPath: directory + "/s.sock", dataDirectory: directory)
        configuration.serverName = "corridord-test"
        configuration.limits = limits
        let server = CorridorServer(configuration: configuration, methods: methods, logger: logger)
        let testServer = TestServer(directory: directory, server: server, log: log)
        do {
            try await server.start()
        } catch {
            rmdir(directory)
            throw error
        }
        return testServer
    }

    /// The server's own graceful shutdown (GoAway, drain), at most once.
    func shutdownGracefully() async {
        guard !hasShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        await server.shutdownGracefully()
    }

    /// Shuts the server down if the test has not, and removes its directory.
    func stop() async {
        guard !hasStopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        await shutdownGracefully()
        unlink(socketPath)
        rmdir(directory)
    }

    /// A well-behaved client: CorridorClient, with its own keepalive off so that
    /// it never sends frames the test did not ask for.
    func connectClient(name: String = "server-tests") async throws -> CorridorClient {
        var configuration = ClientConfiguration()
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

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
}

/// Runs `body` against a fresh server and shuts the server down afterwards,
/// whether `body` returned or threw.
func withTestServer<T>(
    limits: ServerLimits = ServerLimits(),
    methods: MethodRouter = MethodRouter(),
    _ body: (TestServer) async throws -> T
) async throws -> T {
    let server = try await TestServer.start(limits: limits, methods: methods)
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
