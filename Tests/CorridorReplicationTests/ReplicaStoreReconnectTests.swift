import CorridorRegistry
import Foundation
import Logging
import CorridorTestSupport
import Testing

@testable import CorridorReplication

/// PostgreSQL going away under the store and coming back: a cluster of the
/// suite's own, since these tests stop and kill it.
@Suite(.serialized, .postgresCluster)
struct ReplicaStoreReconnectTests {
    @Test func aStoppedServerIsUnreachableAndTheSameStoreWorksOnceItIsBack() async throws {
        let cluster = try SharedCluster.cluster
        // A password the server does not ask for (trust), to see it is never printed.
        let store = try makeStore(cluster.socketURL().replacingOccurrences(of: "corridor@", with: "corridor:Pa55w0rd@"))
        defer { Task { await store.close() } }
        try await store.prepare(keyID: testKeyID)
        #expect(try await store.claimPrimary(node: "office-a", epoch: nil) == 1)
        try await store.append(makeEvents(1...2), keys: [], erasedCaseIDs: [], epoch: 1)

        await cluster.stop()
        for attempt in ["append", "lastSequence", "events", "leader"] {
            let error = await replicaError {
                switch attempt {
                case "append": try await store.append(makeEvents(3...4), keys: [], erasedCaseIDs: [], epoch: 1)
                case "lastSequence": _ = try await store.lastSequence()
                case "events": _ = try await store.events(after: 0, limit: 10)
                default: _ = try await store.leader()
                }
            }
            #expect(error?.isUnreachable == true, "\(attempt): \(String(describing: error))")
            #expect(error?.description.contains(store.location.redacted) == true)
            #expect(error?.description.contains("Pa55w0rd") == false)
        }

        try await cluster.start()
        // The retry of the batch whose answer never came, on the same store.
        try await store.append(makeEvents(3...4), keys: [], erasedCaseIDs: [], epoch: 1)
        #expect(try await store.lastSequence() == 4)
        #expect(try await store.events(after: 0, limit: 10).events == makeEvents(1...4))
    }

    @Test func afterACrashOfPostgreSQLTheStoreReconnectsAndWakeUpsResume() async throws {
        let cluster = try SharedCluster.cluster
        let (_, url, _) = try await SharedCluster.freshDatabase()
        let store = try makeStore(url)
        defer { Task { await store.close() } }
        try await store.prepare(keyID: testKeyID)
        #expect(try await store.claimPrimary(node: "office-a", epoch: nil) == 1)
        try await store.append(makeEvents(1...3), keys: [], erasedCaseIDs: [], epoch: 1)
        let wakeUps = store.notifications(retryLimit: .milliseconds(500))

        try await withSafetyTimeout(.seconds(300), waitingFor: "the store to work again after PostgreSQL's restart") {
            var iterator = wakeUps.makeAsyncIterator()
            #expect(await iterator.next() == 3)
            await cluster.kill()
            #expect(await replicaError { _ = try await store.lastSequence() }?.isUnreachable == true)
            try await cluster.start()
            // Everything committed before the crash is there (fsync=on).
            #expect(try await store.events(after: 0, limit: 10).events == makeEvents(1...3))
            try await store.append(makeEvents(4...4), keys: [], erasedCaseIDs: [], epoch: 1)
            // The listener comes back on its own: it says 3 or 4 when it
            // listens again (depending on when), then 4 at the latest.
            while let woken = await iterator.next(), woken < 4 {}
        }
    }

    @Test func aServerThatStopsAnsweringIsUnreachableOnceTheBoundPasses() async throws {
        let cluster = try SharedCluster.cluster
        let (_, url, _) = try await SharedCluster.freshDatabase()
        let store = ReplicaStore(
            location: try PostgresLocation(parsing: url + "&connect_timeout=2"), answerTimeout: .seconds(2),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        defer { Task { await store.close() } }
        try await store.prepare(keyID: testKeyID)
        #expect(try await store.claimPrimary(node: "office-a", epoch: nil) == 1)
        try await store.append(makeEvents(1...1), keys: [], erasedCaseIDs: [], epoch: 1)

        try cluster.freeze()
        let outcomes: (ReplicaStoreError?, ReplicaStoreError?)
        do {
            outcomes = try await withSafetyTimeout(.seconds(120), waitingFor: "the answer timeout") {
                // On the idle connection (the query waits), then on a new one (the handshake waits).
                let query = await replicaError { _ = try await store.lastSequence() }
                let connect = await replicaError { _ = try await store.lastSequence() }
                return (query, connect)
            }
        } catch {
            try? cluster.thaw()
            throw error
        }
        try cluster.thaw()
        #expect(outcomes.0?.isUnreachable == true)
        #expect(outcomes.0?.description.contains("no answer within") == true, "\(String(describing: outcomes.0))")
        #expect(outcomes.1?.isUnreachable == true)

        try await store.append(makeEvents(2...2), keys: [], erasedCaseIDs: [], epoch: 1)
        #expect(try await store.lastSequence() == 2)
    }
}
