import Logging
import PostgresNIO

/// The replica store's connections to PostgreSQL: one per operation in
/// flight, opened when none is idle, kept for the next operation when it
/// ended cleanly, closed (and never reused) after any error.
///
/// Not PostgresNIO's pool (`PostgresClient`) on purpose: while the server is
/// down, a lease from that pool waits (up to a minute, its circuit breaker)
/// instead of failing, and after an outage it backs off up to a minute
/// before connecting again. Replication must tell "unreachable" at once, so
/// that sync mode answers UNAVAILABLE instead of hanging, and must use the
/// server again as soon as it answers: a connection attempt per operation,
/// bounded by the URL's `connect_timeout`, does both, with nothing to run.
actor PostgresConnections {
    private let location: PostgresLocation
    private let logger: Logger
    private var configuration: PostgresConnection.Configuration?
    private var idle: [PostgresConnection] = []
    private var nextID = 1
    private var closed = false

    /// More idle connections than this are closed: a replicator, a tailer
    /// and a status query at once are the most one daemon runs.
    private static let idleLimit = 4

    init(location: PostgresLocation, logger: Logger) {
        self.location = location
        self.logger = logger
    }

    /// An idle connection that is still open, or a new one.
    func lease() async throws(ReplicaStoreError) -> PostgresConnection {
        guard !closed else { throw ReplicaStoreError.unreachable(location, "this replica store was closed") }
        while let connection = idle.popLast() {
            if !connection.isClosed { return connection }
        }
        return try await connect()
    }

    /// A connection of its own for a caller that keeps it (LISTEN): never pooled.
    func connect() async throws(ReplicaStoreError) -> PostgresConnection {
        guard !closed else { throw ReplicaStoreError.unreachable(location, "this replica store was closed") }
        let configuration: PostgresConnection.Configuration
        if let made = self.configuration {
            configuration = made
        } else {
            do {
                configuration = try location.connectionConfiguration()
            } catch {
                throw ReplicaStoreError.refused(location, "cannot set up TLS: \(error)")
            }
            self.configuration = configuration
        }
        let id = nextID
        nextID += 1
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
        } catch {
            throw ReplicaStoreError.from(error, location: location)
        }
    }

    /// Back from an operation: kept if it ended cleanly, closed otherwise.
    /// The close is awaited: a connection must be closed before it is let go.
    func release(_ connection: PostgresConnection, reusable: Bool) async {
        if reusable, !closed, !connection.isClosed, idle.count < Self.idleLimit {
            idle.append(connection)
        } else {
            try? await connection.close()
        }
    }

    /// Closes the idle connections; every later lease fails.
    func close() async {
        closed = true
        let closing = idle
        idle.removeAll()
        for connection in closing {
            try? await connection.close()
        }
    }
}
