import CorridorModel
import CorridorRegistry
import CorridorWire
import Glibc
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// What the server serves and where.
public struct ServerConfiguration: Sendable {
    public var serverName = "corridord"
    public var socketPath: String
    /// Permissions of a socket file the server creates (not of an inherited one).
    public var socketMode: mode_t = 0o660
    /// Reported by System.Status.
    public var dataDirectory: String
    public var limits = ServerLimits()
    /// Who may call what and see which fields (docs/ACCESS.md); replaced
    /// policy by policy on reload.
    public var access = AccessControl()
    /// Records a call the access policy refused (the audit trail), before
    /// the refusal is answered; once per connection and method.
    public var recordDenied: DeniedCallRecorder?

    public init(socketPath: String, dataDirectory: String) {
        self.socketPath = socketPath
        self.dataDirectory = dataDirectory
    }
}

/// Records a refused call: who, which method, why.
public typealias DeniedCallRecorder = @Sendable (_ actor: Actor, _ method: String, _ reason: String) async throws -> Void

/// Where the listening socket comes from.
public enum ListenSource: Sendable {
    /// Create and bind the socket file at the configured path.
    case path
    /// A socket systemd already bound and listens on (socket activation).
    case inherited(descriptor: CInt, path: String)
}

/// The Unix-socket server: accepts connections, speaks the frame protocol,
/// dispatches calls to the registered methods, drains on shutdown.
public final class CorridorServer: Sendable {
    public let statistics: ServerStatistics
    public let health: HealthStatusBoard
    private let configuration: ServerConfiguration
    private let router: MethodRouter
    private let logger: Logger
    private let group: any EventLoopGroup
    private let limits: Mutex<ServerLimits>
    private let connections = Box(Mutex<[ObjectIdentifier: (channel: any Channel, handler: NIOLoopBound<ConnectionHandler>)]>([:]))
    private let listener = Mutex<(channel: any Channel, ownsSocketFile: Bool)?>(nil)
    private let boundPath = Box(Mutex<String>(""))

    public init(
        configuration: ServerConfiguration,
        methods: MethodRouter = MethodRouter(),
        health: HealthStatusBoard = HealthStatusBoard(),
        storeStatus: (@Sendable () async -> Corridor_V1_StoreStatus)? = nil,
        replication: (any ReplicationControl)? = nil,
        logger: Logger,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        let statistics = ServerStatistics(startedAtUnixMilliseconds: Self.unixMilliseconds())
        self.statistics = statistics
        self.health = health
        self.configuration = configuration
        self.logger = logger
        self.group = group
        self.limits = Mutex(configuration.limits)
        self.boundPath.value.withLock { $0 = configuration.socketPath }

        let boundPath = self.boundPath
        var router = SystemService.methods(
            serverName: configuration.serverName,
            statistics: statistics,
            paths: { (boundPath.value.withLock { $0 }, configuration.dataDirectory) },
            storeStatus: storeStatus,
            replication: replication,
            access: configuration.access
        )
        router.merge(HealthService.methods(board: health))
        router.merge(methods)
        self.router = router
    }

    /// Every method this server routes (its own System and Health, and those
    /// it was given), with their types, sorted by path.
    public var routedMethods: [AnyRPCMethod] { router.rpcMethods }

    /// The access policy in force, for reload.
    public var access: AccessControl { configuration.access }

    /// The path clients connect to.
    public var socketPath: String { boundPath.value.withLock { $0 } }

    /// Binds (or adopts) the socket; when this returns, the socket listens.
    public func start(_ source: ListenSource = .path) async throws {
        let logger = self.logger
        let descriptorLimit = Self.descriptorLimit()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        AcceptBackoffHandler(shouldForwardIOErrorCaught: true, backoffProvider: AcceptPauseLogging.backoff(after:)),
                        AcceptPauseLogging(logger: logger),
                        ConnectionCeiling(descriptorLimit: descriptorLimit, logger: logger)
                    )
                }
            }
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture { try self.setUpConnection(channel) }
            }
        let channel: any Channel
        switch source {
        case .path:
            let path = configuration.socketPath
            // A socket its group may use lives in a directory its group may enter.
            try SocketDirectory.prepare(forSocket: path, mode: configuration.socketMode & 0o070 != 0 ? 0o750 : 0o700)
            try SocketPathClaim.prepare(path)
            // No umask around the bind: it is the whole process's, and files the
            // store or a test creates meanwhile got the socket's mode (a data
            // directory came out 0600). For the moment between bind and chmod the
            // directory checked above, 0700 or 0750 and ours, keeps others out.
            channel = try await bootstrap.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: false).get()
            guard chmod(path, configuration.socketMode) == 0 else {
                try? await channel.close()
                throw ServerStartError(description: "cannot set mode \(String(configuration.socketMode, radix: 8)) on \(path): errno \(errno)")
            }
            listener.withLock { $0 = (channel, true) }
        case .inherited(let descriptor, let path):
            channel = try await bootstrap.withBoundSocket(descriptor).get()
            boundPath.value.withLock { $0 = path }
            listener.withLock { $0 = (channel, false) }
        }
        for service in ["", "corridor.v1.System", "corridor.v1.Health"] {
            health.set(.serving, for: service)
        }
        logger.info("listening", metadata: ["socket": "\(socketPath)"])
    }

    /// New limits apply to connections opened from now on.
    public func updateLimits(_ newLimits: ServerLimits) {
        limits.withLock { $0 = newLimits }
    }

    public var currentLimits: ServerLimits { limits.withLock { $0 } }

    /// Stops accepting, sends GoAway, lets calls in flight finish within the
    /// drain bound, then closes what is left.
    public func shutdownGracefully() async {
        health.shutDown()
        if let (channel, ownsSocketFile) = listener.withLock({ $0 }) {
            try? await channel.close()
            if ownsSocketFile { unlink(socketPath) }
        }
        let open = connections.value.withLock { Array($0.values) }
        let reason = "\(configuration.serverName) is shutting down"
        for connection in open {
            let handler = connection.handler
            handler.eventLoop.execute { handler.value.beginDrain(reason: reason) }
        }
        let drainTimeout = Duration.milliseconds(Int64(limits.withLock { $0.drainTimeoutMilliseconds }))
        let drained = await allClosed(open.map(\.channel), within: drainTimeout)
        if !drained {
            let remaining = connections.value.withLock { Array($0.values) }
            logger.warning("calls still in flight after the drain bound; ending them", metadata: [
                "connections": "\(remaining.count)", "drainMilliseconds": "\(limits.withLock { $0.drainTimeoutMilliseconds })",
            ])
            for connection in remaining {
                let handler = connection.handler
                handler.eventLoop.execute { handler.value.abortCalls(reason: reason) }
            }
            for connection in remaining { try? await connection.channel.closeFuture.get() }
        }
        logger.info("stopped serving", metadata: ["callsServed": "\(statistics.callsServed)"])
    }

    /// True when every event loop runs a task right now: what the watchdog vouches for.
    public func eventLoopsRespond() async -> Bool {
        for loop in group.makeIterator() {
            guard (try? await loop.submit({ true }).get()) == true else { return false }
        }
        return true
    }

    private func setUpConnection(_ channel: any Channel) throws {
        let limits = self.limits.withLock { $0 }
        try channel.syncOptions?.setOption(.writeBufferWaterMark, value: .init(
            low: Int(limits.outputLowWaterBytes), high: Int(limits.outputHighWaterBytes)
        ))
        let handler = ConnectionHandler(
            router: router, access: configuration.access, limits: limits, statistics: statistics, serverName: configuration.serverName,
            recordDenied: configuration.recordDenied, logger: logger
        )
        try channel.pipeline.syncOperations.addHandlers(
            BackPressureHandler(),
            ByteToMessageHandler(FrameDecoder(maxFrameBytes: limits.maxFrameBytes)),
            handler
        )
        let key = ObjectIdentifier(channel)
        let bound = NIOLoopBound(handler, eventLoop: channel.eventLoop)
        connections.value.withLock { $0[key] = (channel, bound) }
        let connections = self.connections
        channel.closeFuture.whenComplete { _ in
            _ = connections.value.withLock { $0.removeValue(forKey: key) }
        }
    }

    /// True when every channel closed within `bound`, false when the bound
    /// passed first. Races the close futures against a timer on an event
    /// loop: waiting on a future cannot be cancelled, so a task group would
    /// wait for the slowest channel whatever the bound.
    private func allClosed(_ channels: [any Channel], within bound: Duration) async -> Bool {
        let loop = group.next()
        let outcome = loop.makePromise(of: Bool.self)
        let settled = Box(Mutex(false))
        func settle(_ drained: Bool) {
            let first = settled.value.withLock { settled in
                defer { settled = true }
                return !settled
            }
            if first { outcome.succeed(drained) }
        }
        let timer = loop.scheduleTask(in: TimeAmount(bound)) {
            settle(false)
        }
        EventLoopFuture.andAllComplete(channels.map(\.closeFuture), on: loop).whenComplete { _ in
            timer.cancel()
            settle(true)
        }
        return (try? await outcome.futureResult.get()) ?? false
    }

    /// The soft RLIMIT_NOFILE, read when the server starts (after corridord raised it).
    private static func descriptorLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        return limit.rlim_cur == rlim_t.max ? Int.max / 2 : Int(clamping: limit.rlim_cur)
    }

    private static func unixMilliseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
    }
}

/// Lets closures share a lock: Mutex itself cannot be copied into them.
final class Box<Value: ~Copyable & Sendable>: Sendable {
    let value: Value
    init(_ value: consuming Value) { self.value = value }
}
