import CorridorAudit
import CorridorRegistry
import CorridorServer
import CorridorWire
import Foundation
import Logging
import Synchronization

/// A real CorridorServer in this process, on `s.sock` in a fresh temporary
/// directory (short enough for AF_UNIX): with only the System and Health
/// services, with the methods a test gives it, or serving a real Registry as
/// corridord does (`startWithRegistry`). Whatever it logs at `logLevel` or
/// above is kept in `log`, which a test can wait on.
public final class InProcessServer: Sendable {
    public let server: CorridorServer
    /// The registry it serves, when started with one; `stop()` closes it.
    public let registry: Registry?
    /// The audit trail it records reads in, when started with a registry; `stop()` closes it.
    public let audit: AuditTrail?
    public let directory: String
    public let socketPath: String
    public let log: EventRecorder<LogLine>
    private let hasShutDown = Atomic<Bool>(false)
    private let hasStopped = Atomic<Bool>(false)

    private init(server: CorridorServer, registry: Registry?, audit: AuditTrail? = nil, directory: String, log: EventRecorder<LogLine>) {
        self.server = server
        self.registry = registry
        self.audit = audit
        self.directory = directory
        self.socketPath = directory + "/s.sock"
        self.log = log
    }

    /// `directory`: where the socket goes (a fresh temporary directory when nil);
    /// the data directory the server reports is `<directory>/data`.
    public static func start(
        directory given: String? = nil,
        limits: ServerLimits = ServerLimits(),
        methods: MethodRouter = MethodRouter(),
        storeStatus: (@Sendable () async -> Corridor_V1_StoreStatus)? = nil,
        registry: Registry? = nil,
        audit: AuditTrail? = nil,
        access: AccessControl = AccessControl(),
        logLevel: Logger.Level = .critical
    ) async throws -> InProcessServer {
        let directory = try given ?? TemporaryDirectory().path
        let log = EventRecorder<LogLine>()
        var logger = Logger(label: "corridor.test-server") { _ in RecordingLogHandler(lines: log) }
        logger.logLevel = logLevel
        var configuration = ServerConfiguration(socketPath: directory + "/s.sock", dataDirectory: directory + "/data")
        configuration.limits = TestDeadline.keepaliveStretched(limits)
        configuration.access = access
        if let audit {
            configuration.recordDenied = { actor, method, reason in
                try await audit.recordDenied(actor: actor, method: method, reason: reason)
            }
        }
        let server = CorridorServer(configuration: configuration, methods: methods, storeStatus: storeStatus, logger: logger)
        try await server.start()
        return InProcessServer(server: server, registry: registry, audit: audit, directory: directory, log: log)
    }

    /// A Registry opened on `<directory>/data` with `options`, served as
    /// corridord serves it. `prepare` gets the data directory before the
    /// registry opens it, to write a log the test needs (e.g. records with
    /// set registration times).
    public static func startWithRegistry(
        options: RegistryOptions = RegistryOptions(),
        access: AccessControl = AccessControl(),
        logLevel: Logger.Level = .critical,
        prepare: (String) async throws -> Void = { _ in }
    ) async throws -> InProcessServer {
        let directory = try TemporaryDirectory()
        let data = directory.file("data")
        do {
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            try await prepare(data)
            var logger = Logger(label: "corridor.test-registry")
            logger.logLevel = .critical
            let (registry, _) = try Registry.open(dataDirectory: data, recordCoding: testRecordCoding, options: options, logger: logger)
            let audit: AuditTrail
            do {
                (audit, _) = try AuditTrail.open(dataDirectory: data, options: options.store, logger: logger)
            } catch {
                await registry.close()
                throw error
            }
            do {
                return try await start(
                    directory: directory.path, methods: RegistryService.methods(registry: registry, audit: audit, access: access),
                    storeStatus: { await registry.storeStatus }, registry: registry, audit: audit, access: access, logLevel: logLevel
                )
            } catch {
                try? audit.close()
                await registry.close()
                throw error
            }
        } catch {
            directory.remove()
            throw error
        }
    }

    /// The server's own graceful shutdown (GoAway, drain), at most once.
    public func shutdownGracefully() async {
        guard !hasShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        await server.shutdownGracefully()
    }

    /// Shuts the server down if the test has not, closes the registry it
    /// served, and removes its directory; at most once.
    public func stop() async {
        guard !hasStopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        await shutdownGracefully()
        try? audit?.close()
        await registry?.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// One line the server logged, as the tests see it.
public struct LogLine: Sendable, CustomStringConvertible {
    public var level: Logger.Level
    public var message: String
    public var metadata: [String: String]

    public var description: String {
        let fields = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "[\(level)] \(message) \(fields)"
    }
}

/// A LogHandler that keeps every line in memory, so that tests can assert
/// what was logged.
public struct RecordingLogHandler: LogHandler {
    public let lines: EventRecorder<LogLine>
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .trace

    public init(lines: EventRecorder<LogLine>) {
        self.lines = lines
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        for (key, value) in event.metadata ?? [:] { merged[key] = value }
        lines.append(LogLine(
            level: event.level,
            message: event.message.description,
            metadata: merged.mapValues { "\($0)" }
        ))
    }
}
