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
    ///
    /// The call ends when `body` does, when the connection closes under it,
    /// or after `answerTimeout`, whichever comes first. Not only the answer
    /// is bounded: PostgresNIO writes a query to its channel without a write
    /// promise, so a query sent on a connection whose server has just gone
    /// (PostgreSQL stopped while the connection sat idle, its end not yet
    /// read) is dropped, and its answer neither comes nor fails, even once
    /// the connection is closed. `body` is then abandoned, its task left
    /// waiting on a future nothing completes (ReplicationProcessTests: a
    /// primary's copy hung until the node's 30 s bound after most PostgreSQL
    /// restarts that caught a connection idle).
    func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(ReplicaStoreError) -> T {
        let connection = try await connections.lease()
        switch await ConnectionCall.run(body, on: connection, within: answerTimeout) {
        case .answered(let value):
            await connections.release(connection, reusable: true)
            return value
        case .failed(let error as ReplicaStoreError):
            await connections.release(connection, reusable: error.kind != .unreachable)
            throw error
        case .failed(let error):
            await connections.release(connection, reusable: false)
            throw ReplicaStoreError.from(error, location: location)
        case .connectionClosed:
            await connections.release(connection, reusable: false)
            throw ReplicaStoreError.unreachable(location, "the connection closed with a call in flight")
        case .timedOut:
            await connections.release(connection, reusable: false)
            throw ReplicaStoreError.unreachable(location, "no answer within \(answerTimeout)")
        }
    }

    /// Runs `body` between BEGIN and COMMIT. Whatever `body` throws rolls
    /// back; a COMMIT whose answer is lost throws unreachable although the
    /// transaction may have committed, which is why appends are idempotent.
    func withTransaction<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(ReplicaStoreError) -> T {
        try await withConnection { [self] connection in
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
