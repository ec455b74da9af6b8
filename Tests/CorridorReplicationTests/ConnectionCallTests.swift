import CorridorTestSupport
import Logging
import NIOCore
import PostgresNIO
import Testing

@testable import CorridorReplication

/// A call on a connection ends when the connection closes or its bound
/// passes, even when the operation itself never would: PostgresNIO drops a
/// query written on a channel that has just closed, and its answer then
/// neither comes nor fails (ReplicaStore.withConnection). The operations
/// here wait on a promise nothing completes, as such a query does.
@Suite(.postgresCluster)
struct ConnectionCallTests {
    static func connect() async throws -> PostgresConnection {
        let (_, url, _) = try await SharedCluster.freshDatabase()
        let configuration = try PostgresLocation(parsing: url).connectionConfiguration()
        return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// An operation that never ends, on `connection`'s event loop, and a way
    /// to end it after the test so nothing is left waiting.
    static func neverEnding(on connection: PostgresConnection) -> (operation: @Sendable (PostgresConnection) async throws -> Int, end: @Sendable () -> Void) {
        let promise = connection.closeFuture.eventLoop.makePromise(of: Int.self)
        return ({ _ in try await promise.futureResult.get() }, { promise.fail(CancellationError()) })
    }

    @Test func anOperationThatNeverEndsIsAbandonedWhenItsConnectionCloses() async throws {
        let connection = try await Self.connect()
        let (operation, end) = Self.neverEnding(on: connection)
        defer { end() }
        async let outcome = ConnectionCall.run(operation, on: connection, within: TestDeadline.scaled(.seconds(600)))
        try await connection.close()
        guard case .connectionClosed = await outcome else {
            Issue.record("the call did not end with its connection: \(await outcome)")
            return
        }
    }

    @Test func anOperationThatNeverEndsIsAbandonedAtItsBoundAndTheConnectionClosed() async throws {
        let connection = try await Self.connect()
        let (operation, end) = Self.neverEnding(on: connection)
        defer { end() }
        let outcome = await ConnectionCall.run(operation, on: connection, within: .milliseconds(100))
        guard case .timedOut = outcome else {
            Issue.record("the call did not end at its bound: \(outcome)")
            return
        }
        try await connection.closeFuture.get()
    }

    @Test func anAnswerIsReturnedAndTheConnectionKept() async throws {
        let connection = try await Self.connect()
        let outcome = await ConnectionCall.run({ connection in
            var total = 0
            for try await (value) in try await connection.query("SELECT 41 + 1", logger: Logger(label: "test")).decode(Int.self) { total += value }
            return total
        }, on: connection, within: TestDeadline.scaled(.seconds(60)))
        guard case .answered(42) = outcome else {
            Issue.record("expected 42, got \(outcome)")
            return
        }
        #expect(!connection.isClosed)
        try await connection.close()
    }
}
