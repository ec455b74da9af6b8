import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The replica store: the log's committed events, the wrapped data keys
/// they need, and the leader row that says which node may append, in
/// PostgreSQL (docs/REPLICATION.md). The primary's replicator appends to
/// it; a follower's tailer reads from it; `corridorctl promote` moves the
/// leader row.
///
/// It opens its own connections, one per operation in flight, and reuses
/// them (PostgresConnections): there is nothing to run. Call `close()` when
/// done. Every method either finishes its work in one PostgreSQL transaction
/// or changes nothing, and throws `ReplicaStoreError`; when it
/// `isUnreachable`, retry later.
public final class ReplicaStore: Sendable {
    /// Where PostgreSQL is; `location.redacted` is what to print.
    public let location: PostgresLocation
    /// How long one operation may wait for PostgreSQL's answers before it
    /// counts as unreachable (its connection is then closed): a server cut
    /// off without a reset (a partition, a stopped host) would otherwise
    /// hold a sync-mode write for as long as TCP keeps trying.
    public let answerTimeout: Duration
    let logger: Logger
    let connections: PostgresConnections

    public init(location: PostgresLocation, answerTimeout: Duration = .seconds(60), logger: Logger) {
        self.location = location
        self.answerTimeout = answerTimeout
        self.logger = logger
        self.connections = PostgresConnections(location: location, logger: logger)
    }

    /// Closes the idle connections; the store cannot be used afterwards.
    /// Streams from `notifications()` end when their consumer stops.
    public func close() async {
        await connections.close()
    }

    /// Runs `body` on a connection of its own, mapping whatever it throws.
    /// A connection that saw an error other than the store's own refusals
    /// (thrown after a clean rollback) is closed, never reused.
    func withConnection<T: Sendable>(
        _ body: (PostgresConnection) async throws -> T
    ) async throws(ReplicaStoreError) -> T {
        let connection = try await connections.lease()
        // The bound on waiting: closing the connection fails whatever is in flight on it.
        let timedOut = TimeoutFlag()
        let timeout = answerTimeout
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            timedOut.set()
            connection.close().whenComplete { _ in }
        }
        defer { watchdog.cancel() }
        do {
            let value = try await body(connection)
            watchdog.cancel()
            await connections.release(connection, reusable: !timedOut.isSet)
            return value
        } catch let error as ReplicaStoreError where !timedOut.isSet {
            await connections.release(connection, reusable: error.kind != .unreachable)
            throw error
        } catch {
            await connections.release(connection, reusable: false)
            if timedOut.isSet {
                throw ReplicaStoreError.unreachable(location, "no answer within \(answerTimeout)")
            }
            throw ReplicaStoreError.from(error, location: location)
        }
    }

    /// Runs `body` between BEGIN and COMMIT. Whatever `body` throws rolls
    /// back; a COMMIT whose answer is lost throws unreachable although the
    /// transaction may have committed, which is why appends are idempotent.
    func withTransaction<T: Sendable>(
        _ body: (PostgresConnection) async throws -> T
    ) async throws(ReplicaStoreError) -> T {
        try await withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            let value: T
            do {
                value = try await body(connection)
            } catch {
                // A rollback that fails leaves the connection unusable: the
                // error is then no longer the store's own, so it is closed.
                do {
                    try await connection.query("ROLLBACK", logger: logger)
                } catch let rollbackError {
                    throw ReplicaStoreError.from(rollbackError, location: location)
                }
                throw error
            }
            try await connection.query("COMMIT", logger: logger)
            return value
        }
    }
}

/// The leader row: which node may append, under which epoch, since when.
public struct ReplicaLeader: Sendable, Equatable {
    /// Grows by one at every promotion; an append names the epoch it was
    /// made under and is refused once the row holds another.
    public var epoch: UInt64
    /// The node name the primary was started with.
    public var node: String
    /// When this node took this epoch (PostgreSQL's clock).
    public var since: Date

    public init(epoch: UInt64, node: String, since: Date) {
        self.epoch = epoch
        self.node = node
        self.since = since
    }
}

/// Whether an operation's watchdog fired, shared with its task.
private final class TimeoutFlag: Sendable {
    private let fired = Mutex(false)
    func set() { fired.withLock { $0 = true } }
    var isSet: Bool { fired.withLock { $0 } }
}
