import CorridorRegistry
import Glibc
import Logging
import Synchronization

/// corridord's replication (docs/REPLICATION.md): one per daemon, a primary
/// copying its committed events to the replica store or a follower applying
/// them from it, and on `promote` the one becoming the other. It is the
/// registry's `ReplicationGate` (whether a command may be written, when it
/// counts as acknowledged) and the server's `ReplicationControl` (status,
/// promotion). `start` before serving, `run` for as long as the daemon runs.
public final class ReplicationNode: ReplicationGate, ReplicationControl, Sendable {
    public enum Role: Sendable, Equatable {
        case primary
        case follower
    }

    public struct Settings: Sendable {
        public var role: Role
        public var location: PostgresLocation
        /// A primary's (and a follower's once promoted).
        public var mode: ReplicationReport.Mode
        /// This server's name in the leader row.
        public var node: String
        /// Where the epoch file is kept: the data directory.
        public var dataDirectory: String
        /// A follower reads the replica store at least this often, even
        /// without a notification.
        public var pollInterval: Duration = .seconds(1)
        /// Events per append or read.
        public var batchLimit = 1000
        /// The longest pause between two attempts to reach PostgreSQL.
        public var retryLimit: Duration = .seconds(5)
        /// The longest a call to the replica store may take, connecting
        /// included, before it is abandoned and tried again (BoundedCall).
        public var callLimit: Duration = .seconds(30)

        public init(role: Role, location: PostgresLocation, mode: ReplicationReport.Mode, node: String, dataDirectory: String) {
            self.role = role
            self.location = location
            self.mode = mode
            self.node = node
            self.dataDirectory = dataDirectory
        }
    }

    struct State {
        var role: Role
        /// The epoch this server holds as primary (0: not confirmed yet).
        var epoch: UInt64 = 0
        /// A follower: the leader row's epoch as last read (nil: no row).
        var leaderEpoch: UInt64?
        var primaryNode = ""
        var connected = false
        var lastError = ""
        /// A primary that must not write any more, and why (demoted, or the
        /// copies differ); writes are refused FAILED_PRECONDITION.
        var fenced: String?
        /// A primary: the replica store holds every event through it. A
        /// follower: applied through it.
        var replicated: UInt64 = 0
        /// A follower: the replica store's last sequence as last read.
        var storeLast: UInt64 = 0
        /// When the oldest event not yet copied was committed (0: none known).
        var oldestPendingAtNs: UInt64 = 0
        var waiters: [UInt64: (sequence: UInt64, continuation: CheckedContinuation<Result<Void, RegistryError>, Never>)] = [:]
        var nextWaiterID: UInt64 = 0
        var promotion: CheckedContinuation<Result<Promotion, RegistryError>, Never>?
    }

    public let settings: Settings
    let registry: Registry
    let store: ReplicaStore
    let keyring: any ReplicationKeyring
    let logger: Logger
    let state: Mutex<State>
    let wakeup = Wakeup()
    let epochFile: ReplicationEpochFile

    public init(settings: Settings, registry: Registry, store: ReplicaStore, keyring: any ReplicationKeyring, logger: Logger) {
        self.settings = settings
        self.registry = registry
        self.store = store
        self.keyring = keyring
        self.logger = logger
        self.state = Mutex(State(role: settings.role))
        self.epochFile = ReplicationEpochFile(directory: settings.dataDirectory)
    }

    var redactedStore: String { settings.location.redacted }

    /// A call to the replica store, bounded by `settings.callLimit`.
    func call<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await bounded(settings.callLimit, operation)
    }

    public var role: Role { state.withLock { $0.role } }

    // MARK: Starting and running

    /// Before the server listens: a primary confirms with the replica store
    /// that it holds the leader's epoch, a follower that the store is one it
    /// may follow (its schema, its key file). Throws when it must not start
    /// (another node is primary, this log is behind the store, another key
    /// file); when PostgreSQL is unreachable it returns, and `run` keeps
    /// trying (a primary refuses writes until it has confirmed).
    public func start() async throws(ReplicationSetupError) {
        do {
            switch role {
            case .primary:
                _ = try await confirmPrimary()
            case .follower:
                let keyID = keyring.keyID
                try await call { [store] in try await store.prepare(keyID: keyID) }
                connected()
            }
        } catch let error as ReplicaCallTimeout {
            disconnected(error.description)
            logger.warning("the replica store does not answer at start; trying again in the background", metadata: ["error": "\(error)"])
        } catch let error as ReplicaStoreError where error.isUnreachable {
            disconnected(error.description)
            logger.warning("the replica store is unreachable at start; trying again in the background", metadata: ["error": "\(error)"])
        } catch let error as ReplicationSetupError {
            throw error
        } catch {
            throw ReplicationSetupError("\(error)")
        }
    }

    /// Copies or follows until the task is cancelled; a promotion turns the
    /// follower's loop into the primary's. A primary that was fenced off
    /// keeps serving reads and waits here for the end.
    public func run() async {
        while !Task.isCancelled {
            switch role {
            case .primary:
                await runPrimary()
                if role == .primary {
                    // Fenced off, or cancelled: nothing more to copy.
                    await waitForCancellation()
                    return
                }
            case .follower:
                await runFollower()
            }
        }
    }

    /// Closes the connections to PostgreSQL; after `run` has returned.
    public func close() async {
        await store.close()
    }

    private func waitForCancellation() async {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        await withTaskCancellationHandler {
            for await _ in stream {}
        } onCancel: {
            continuation.finish()
        }
    }

    // MARK: The gate

    public func admitWrite() throws(RegistryError) {
        let refusal: RegistryError? = state.withLock { state in
            switch state.role {
            case .follower:
                let primary = state.primaryNode.isEmpty ? "the primary" : "the primary, node \(state.primaryNode),"
                return .failedPrecondition(
                    "this server is a follower: it copies \(primary) through the replica store \(redactedStore) and takes no writes; send writes to the primary, or make this server the primary with `corridorctl promote`"
                )
            case .primary:
                if let fenced = state.fenced {
                    return .failedPrecondition("this server takes no more writes: \(fenced)")
                }
                if state.epoch == 0 {
                    let why = state.lastError.isEmpty ? "connecting" : state.lastError
                    return .unavailable(
                        "this server has not yet confirmed with the replica store at \(redactedStore) that it is the primary (\(why)); writes are refused until it has, reads go on"
                    )
                }
                if settings.mode == .sync && !state.connected {
                    return .unavailable(
                        "PostgreSQL at \(redactedStore) is unreachable (\(state.lastError)): in sync mode writes are refused until it returns, reads go on"
                    )
                }
                return nil
            }
        }
        if let refusal { throw refusal }
    }

    public func waitUntilReplicated(through sequence: UInt64) async throws(RegistryError) {
        guard settings.mode == .sync else { return }
        let id = state.withLock { state -> UInt64 in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, RegistryError>, Never>) in
                let now: Result<Void, RegistryError>? = state.withLock { state in
                    if state.replicated >= sequence { return .success(()) }
                    if let fenced = state.fenced { return .failure(Self.notReplicated(sequence, because: fenced)) }
                    if !state.connected { return .failure(Self.notReplicated(sequence, because: state.lastError)) }
                    if Task.isCancelled { return .failure(Self.notReplicated(sequence, because: "the call ended first")) }
                    state.waiters[id] = (sequence, continuation)
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume(returning: .failure(Self.notReplicated(sequence, because: "the call ended first")))
        }
        try result.get()
    }

    static func notReplicated(_ sequence: UInt64, because reason: String) -> RegistryError {
        .unavailable(
            "written here as sequence \(sequence) but not copied to PostgreSQL (\(reason)), so not acknowledged; it is copied when PostgreSQL returns: look for it (corridorctl history) before writing it again"
        )
    }

    // MARK: State changes

    func connected() {
        let was = state.withLock { state -> Bool in
            defer {
                state.connected = true
                state.lastError = ""
            }
            return state.connected
        }
        if !was { logger.notice("connected to the replica store", metadata: ["store": "\(redactedStore)"]) }
    }

    /// PostgreSQL cannot be reached: sync writes waiting for it are answered
    /// UNAVAILABLE (written here, not acknowledged).
    func disconnected(_ reason: String) {
        let (was, waiters) = state.withLock { state in
            let was = state.connected || state.lastError != reason
            state.connected = false
            state.lastError = reason
            let waiters = state.waiters
            state.waiters = [:]
            return (was, waiters)
        }
        for (_, waiter) in waiters {
            waiter.continuation.resume(returning: .failure(Self.notReplicated(waiter.sequence, because: reason)))
        }
        if was { logger.warning("the replica store is unreachable; retrying", metadata: ["store": "\(redactedStore)", "error": "\(reason)"]) }
    }

    /// This primary must write no more (demoted, or the copies differ).
    func fence(_ reason: String, primaryNode: String?) {
        let waiters = state.withLock { state in
            state.fenced = reason
            state.lastError = reason
            if let primaryNode { state.primaryNode = primaryNode }
            let waiters = state.waiters
            state.waiters = [:]
            return waiters
        }
        for (_, waiter) in waiters {
            waiter.continuation.resume(returning: .failure(Self.notReplicated(waiter.sequence, because: reason)))
        }
        logger.critical("this server takes no more writes", metadata: ["reason": "\(reason)"])
    }

    /// The replica store holds (a primary) or this server applied (a
    /// follower) every event through `sequence`.
    func replicated(through sequence: UInt64) {
        let ready = state.withLock { state in
            state.replicated = max(state.replicated, sequence)
            let ready = state.waiters.filter { $0.value.sequence <= sequence }
            for id in ready.keys { state.waiters[id] = nil }
            return ready
        }
        for (_, waiter) in ready { waiter.continuation.resume(returning: .success(())) }
    }

    // MARK: Status

    public func report() async -> ReplicationReport {
        let durable = registry.durableSequence
        let nowNs = Self.unixNanoseconds()
        return state.withLock { state in
            var report = ReplicationReport(role: state.role == .primary ? .primary : .follower, mode: settings.mode)
            report.replicaStore = redactedStore
            report.node = settings.node
            report.connected = state.connected
            report.lastError = state.lastError
            report.replicatedSequence = state.replicated
            switch state.role {
            case .primary:
                report.epoch = state.epoch
                report.primaryNode = state.fenced == nil ? settings.node : state.primaryNode
                report.lagEvents = durable > state.replicated ? durable - state.replicated : 0
                report.writable = state.fenced == nil && state.epoch > 0 && (settings.mode == .async || state.connected)
            case .follower:
                report.epoch = state.leaderEpoch ?? 0
                report.primaryNode = state.primaryNode
                report.lagEvents = state.storeLast > state.replicated ? state.storeLast - state.replicated : 0
                report.writable = false
            }
            if report.lagEvents > 0 && state.oldestPendingAtNs > 0 && nowNs > state.oldestPendingAtNs {
                report.lagMs = (nowNs - state.oldestPendingAtNs) / 1_000_000
            }
            return report
        }
    }

    /// One line for systemd's STATUS=.
    public func summary() -> String {
        state.withLock { state in
            switch state.role {
            case .primary:
                if let fenced = state.fenced { return "primary no more: \(fenced)" }
                return state.connected
                    ? "primary (\(settings.mode.rawValue)), replicated through \(state.replicated)"
                    : "primary (\(settings.mode.rawValue)), replica store unreachable, replicated through \(state.replicated)"
            case .follower:
                let behind = state.storeLast > state.replicated ? state.storeLast - state.replicated : 0
                return state.connected
                    ? "follower of \(state.primaryNode.isEmpty ? "the primary" : state.primaryNode), applied through \(state.replicated), \(behind) behind"
                    : "follower, replica store unreachable, applied through \(state.replicated)"
            }
        }
    }

    static func unixNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
