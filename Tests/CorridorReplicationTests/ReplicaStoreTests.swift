import CorridorRegistry
import CorridorStore
import CorridorTestSupport
import Foundation
import Testing

@testable import CorridorReplication

/// ReplicaStore against a real PostgreSQL (one cluster for the suite, a
/// database per test).
@Suite(.serialized, .postgresCluster)
struct ReplicaStoreTests {
    /// A prepared store with `node` holding epoch 1.
    private func primaryStore(tcp: Bool = false) async throws -> (ReplicaStore, PostgresTestCluster, String) {
        let (cluster, url, name) = try await SharedCluster.freshDatabase(tcp: tcp)
        let store = try makeStore(url)
        try await store.prepare(keyID: testKeyID)
        #expect(try await store.claimPrimary(node: "office-a", epoch: nil) == 1)
        return (store, cluster, name)
    }

    // MARK: Schema

    @Test func prepareTwiceIsIdempotent() async throws {
        let (cluster, url, name) = try await SharedCluster.freshDatabase()
        let store = try makeStore(url)
        defer { Task { await store.close() } }
        try await store.prepare(keyID: testKeyID)
        try await store.prepare(keyID: testKeyID)
        // A second server preparing the same database at once waits for the first.
        let other = try makeStore(url)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.prepare(keyID: testKeyID) }
            group.addTask { try await other.prepare(keyID: testKeyID) }
            try await group.waitForAll()
        }
        await other.close()
        let meta = try await cluster.sql("SELECT name || '=' || value FROM corridor.meta ORDER BY name", database: name)
        #expect(meta == "key_id=000102030405060708090a0b0c0d0e0f\nschema_version=1\n")
        let tables = try await cluster.sql(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'corridor'",
            database: name
        )
        #expect(tables == "events,leader,meta,personal_keys\n")

        // Prepared already, it only reads: a follower may use a read-only standby.
        try await cluster.sql("ALTER DATABASE \(name) SET default_transaction_read_only = on", database: name)
        let reader = try makeStore(url)
        try await reader.prepare(keyID: testKeyID)
        #expect(await replicaError { try await reader.prepare(keyID: [1, 2, 3]) }?.description.contains("read-only") == true)
        await reader.close()
    }

    @Test func anotherKeyFileIsRefusedNamingBothIDs() async throws {
        let (_, url, _) = try await SharedCluster.freshDatabase()
        let store = try makeStore(url)
        defer { Task { await store.close() } }
        try await store.prepare(keyID: testKeyID)
        let error = await replicaError { try await store.prepare(keyID: [0xDE, 0xAD, 0xBE, 0xEF]) }
        #expect(error?.kind == .schema)
        #expect(error?.isUnreachable == false)
        #expect(error?.description.contains("000102030405060708090a0b0c0d0e0f") == true)
        #expect(error?.description.contains("deadbeef") == true)
    }

    @Test func aNewerSchemaVersionIsRefused() async throws {
        let (cluster, url, name) = try await SharedCluster.freshDatabase()
        let store = try makeStore(url)
        defer { Task { await store.close() } }
        try await store.prepare(keyID: testKeyID)
        try await cluster.sql("UPDATE corridor.meta SET value = '2' WHERE name = 'schema_version'", database: name)
        let error = await replicaError { try await store.prepare(keyID: testKeyID) }
        #expect(error?.kind == .schema)
        #expect(error?.description.contains("schema version 2") == true)

        // A newer store with only its meta table is left as it is.
        let (_, newerURL, newerName) = try await SharedCluster.freshDatabase()
        try await cluster.sql(
            "CREATE SCHEMA corridor; CREATE TABLE corridor.meta (name text PRIMARY KEY, value text NOT NULL); "
                + "INSERT INTO corridor.meta VALUES ('schema_version', '2')",
            database: newerName
        )
        let newer = try makeStore(newerURL)
        defer { Task { await newer.close() } }
        #expect(await replicaError { try await newer.prepare(keyID: testKeyID) }?.kind == .schema)
        #expect(try await cluster.sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'corridor'", database: newerName) == "1\n")
    }

    // MARK: Append and read

    @Test func appendThenReadGivesTheSameEventsBytesTimesAndChecksums() async throws {
        let (store, cluster, name) = try await primaryStore()
        defer { Task { await store.close() } }
        let events = makeEvents(1...5)
        try await store.append(events, keys: [], erasedCaseIDs: [], epoch: 1)
        let read = try await store.events(after: 0, limit: 100)
        #expect(read.events == events)
        #expect(read.keys.isEmpty)
        #expect(try await store.lastSequence() == 5)
        #expect(try await store.events(after: 2, limit: 2).events == Array(events[2...3]))
        #expect(try await store.events(after: 5, limit: 10).events.isEmpty)
        // recorded_at is the same instant, to PostgreSQL's microsecond.
        let micros = try await cluster.sql(
            "SELECT (extract(epoch FROM recorded_at) * 1000000)::bigint - recorded_at_ns / 1000 FROM corridor.events ORDER BY sequence",
            database: name
        )
        #expect(micros == "0\n0\n0\n0\n0\n")
        #expect(try await cluster.sql("SELECT DISTINCT epoch FROM corridor.events", database: name) == "1\n")
    }

    @Test func aLargeBatchGoesInInChunksAndReadsBackInPages() async throws {
        let (store, _, _) = try await primaryStore()
        defer { Task { await store.close() } }
        let events = makeEvents(1...2_500)
        try await store.append(events, keys: [], erasedCaseIDs: [], epoch: 1)
        var read: [ReplicatedEvent] = []
        while read.count < events.count {
            let page = try await store.events(after: UInt64(read.count), limit: 1_000)
            #expect(!page.events.isEmpty)
            if page.events.isEmpty { break }
            read += page.events
        }
        #expect(read == events)
    }

    @Test func appendingTheSameBatchAgainChangesNothing() async throws {
        let (store, cluster, name) = try await primaryStore()
        defer { Task { await store.close() } }
        try await store.append(makeEvents(1...5), keys: [], erasedCaseIDs: [], epoch: 1)
        try await store.append(makeEvents(1...5), keys: [], erasedCaseIDs: [], epoch: 1)
        #expect(try await cluster.sql("SELECT count(*) FROM corridor.events", database: name) == "5\n")
        // A retry that overlaps: the known part skipped, the rest appended.
        try await store.append(makeEvents(3...8), keys: [], erasedCaseIDs: [], epoch: 1)
        #expect(try await store.events(after: 0, limit: 100).events == makeEvents(1...8))
    }

    @Test func aChangedPayloadForAStoredSequenceIsDivergedAndNothingIsWritten() async throws {
        let (store, _, _) = try await primaryStore()
        defer { Task { await store.close() } }
        try await store.append(makeEvents(1...3), keys: [], erasedCaseIDs: [], epoch: 1)
        let changed = makeEvents(2...2, salt: "other") + makeEvents(3...4)
        let error = await replicaError { try await store.append(changed, keys: [], erasedCaseIDs: [], epoch: 1) }
        #expect(error?.kind == .diverged(sequence: 2))
        #expect(error?.isUnreachable == false)
        #expect(try await store.lastSequence() == 3)
        #expect(try await store.events(after: 0, limit: 10).events == makeEvents(1...3))
    }

    @Test func aGapIsRefused() async throws {
        let (store, _, _) = try await primaryStore()
        defer { Task { await store.close() } }
        #expect(await replicaError { try await store.append(makeEvents(2...3), keys: [], erasedCaseIDs: [], epoch: 1) }?.kind
            == .gap(expected: 1, got: 2))
        try await store.append(makeEvents(1...3), keys: [], erasedCaseIDs: [], epoch: 1)
        #expect(await replicaError { try await store.append(makeEvents(5...6), keys: [], erasedCaseIDs: [], epoch: 1) }?.kind
            == .gap(expected: 4, got: 5))
        // A batch with a hole of its own never reaches PostgreSQL.
        let holed = makeEvents(4...4) + makeEvents(6...6)
        #expect(await replicaError { try await store.append(holed, keys: [], erasedCaseIDs: [], epoch: 1) }?.kind
            == .gap(expected: 5, got: 6))
        #expect(try await store.lastSequence() == 3)
    }

    @Test func whatNoColumnCanHoldIsRefusedBeforeSending() async throws {
        let (store, _, _) = try await primaryStore()
        defer { Task { await store.close() } }
        var badChecksum = makeEvents(1...1)
        badChecksum[0].payloadChecksum ^= 1
        #expect(await replicaError { try await store.append(badChecksum, keys: [], erasedCaseIDs: [], epoch: 1) }?.kind
            == .damaged(sequence: 1))
        var nul = makeEvents(1...1)
        nul[0].actor = "a\0b"
        #expect(await replicaError { try await store.append(nul, keys: [], erasedCaseIDs: [], epoch: 1) }?.kind == .invalidArgument)
        var late = makeEvents(1...1)
        late[0].recordedAtNs = .max
        #expect(await replicaError { try await store.append(late, keys: [], erasedCaseIDs: [], epoch: 1) }?.kind == .invalidArgument)
        #expect(await replicaError { try await store.append(makeEvents(1...1), keys: [], erasedCaseIDs: [], epoch: 0) }?.kind
            == .invalidArgument)
        // The largest sequence a bigint holds, then one out of order: refused, no overflow.
        var highest = makeEvents(1...2)
        highest[0].sequence = UInt64(Int64.max)
        highest[1].sequence = 5
        #expect(await replicaError { try await store.append(highest, keys: [], erasedCaseIDs: [], epoch: 1) }?.kind
            == .gap(expected: UInt64(Int64.max) + 1, got: 5))
        highest[1].sequence = UInt64(Int64.max) + 1
        #expect(await replicaError { try await store.append(highest, keys: [], erasedCaseIDs: [], epoch: 1) }?.kind == .invalidArgument)
        #expect(await replicaError { _ = try await store.events(after: .max, limit: 1) }?.kind == .invalidArgument)
        #expect(await replicaError { _ = try await store.events(after: 0, limit: 0) }?.kind == .invalidArgument)
        #expect(try await store.lastSequence() == 0)
    }

    @Test func keysGoWithTheirEventsAndAreDeletedOnErasure() async throws {
        let (store, cluster, name) = try await primaryStore()
        defer { Task { await store.close() } }
        let keyA = ReplicatedKey(caseID: "case-a", wrappedKey: [1, 2, 3, 0, 255], firstSequence: 1)
        let keyB = ReplicatedKey(caseID: "case-b", wrappedKey: Array(repeating: 7, count: 60), firstSequence: 2)
        try await store.append(makeEvents(1...2), keys: [keyA, keyB], erasedCaseIDs: [], epoch: 1)
        #expect(try await store.events(after: 0, limit: 10).keys == [keyA, keyB])
        #expect(try await store.events(after: 1, limit: 10).keys == [keyB])
        #expect(try await store.events(after: 0, limit: 1).keys == [keyA])

        try await store.append(makeEvents(3...3), keys: [], erasedCaseIDs: ["case-a"], epoch: 1)
        #expect(try await cluster.sql("SELECT case_id FROM corridor.personal_keys", database: name) == "case-b\n")
        #expect(try await store.events(after: 0, limit: 10).keys == [keyB])
        // A late retry of the first batch does not bring the erased key
        // back, alone or overlapping new events.
        try await store.append(makeEvents(1...2), keys: [keyA, keyB], erasedCaseIDs: [], epoch: 1)
        #expect(try await cluster.sql("SELECT case_id FROM corridor.personal_keys", database: name) == "case-b\n")
        let keyD = ReplicatedKey(caseID: "case-d", wrappedKey: [4], firstSequence: 4)
        try await store.append(makeEvents(1...4), keys: [keyA, keyB, keyD], erasedCaseIDs: [], epoch: 1)
        #expect(try await cluster.sql("SELECT string_agg(case_id, ',' ORDER BY case_id) FROM corridor.personal_keys", database: name)
            == "case-b,case-d\n")
        #expect(try await store.events(after: 3, limit: 10).keys == [keyD])
    }

    @Test func aPayloadDamagedInPostgreSQLIsRefusedOnRead() async throws {
        let (store, cluster, name) = try await primaryStore()
        defer { Task { await store.close() } }
        try await store.append(makeEvents(1...4), keys: [], erasedCaseIDs: [], epoch: 1)
        try await cluster.sql(
            "UPDATE corridor.events SET payload = set_byte(payload, 0, get_byte(payload, 0) # 1) WHERE sequence = 3", database: name
        )
        let error = await replicaError { _ = try await store.events(after: 0, limit: 10) }
        #expect(error?.kind == .damaged(sequence: 3))
        #expect(error?.description.contains("event 3") == true)
        #expect(try await store.events(after: 0, limit: 2).events == makeEvents(1...2))
        #expect(try await store.events(after: 3, limit: 10).events == makeEvents(4...4))
        // A row deleted by hand is a hole a follower must not skip.
        try await cluster.sql("DELETE FROM corridor.events WHERE sequence = 3", database: name)
        #expect(await replicaError { _ = try await store.events(after: 2, limit: 10) }?.kind == .gap(expected: 3, got: 4))
    }

    // MARK: Leader and fence

    @Test func claimingThePrimaryFirstSameAndOtherNode() async throws {
        let (_, url, _) = try await SharedCluster.freshDatabase()
        let store = try makeStore(url)
        defer { Task { await store.close() } }
        try await store.prepare(keyID: testKeyID)
        #expect(try await store.leader() == nil)
        #expect(try await store.claimPrimary(node: "office-a", epoch: nil) == 1)
        #expect(try await store.claimPrimary(node: "office-a", epoch: 1) == 1)
        let leader = try await store.leader()
        #expect(leader?.node == "office-a")
        #expect(leader?.epoch == 1)

        let other = await replicaError { _ = try await store.claimPrimary(node: "hub-b", epoch: nil) }
        #expect(other?.kind == .notPrimary(node: "office-a", epoch: 1))
        #expect(other?.primaryNode == "office-a")
        #expect(other?.description.contains("node office-a holds epoch 1 since") == true)
        #expect(other?.description.contains("--follow") == true)
        // The same name with an epoch it does not hold: not this server's.
        #expect(await replicaError { _ = try await store.claimPrimary(node: "office-a", epoch: nil) }?.isNotPrimary == true)
        #expect(await replicaError { _ = try await store.claimPrimary(node: "office-a", epoch: 2) }?.isNotPrimary == true)
    }

    @Test func twoServersClaimingAnEmptyStoreAtOnceOneWins() async throws {
        let (_, url, _) = try await SharedCluster.freshDatabase()
        let setup = try makeStore(url)
        try await setup.prepare(keyID: testKeyID)
        await setup.close()
        let stores = try (0..<4).map { _ in try makeStore(url) }
        let outcomes = await withTaskGroup(of: (String, Result<UInt64, ReplicaStoreError>).self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask {
                    ("node-\(index)", await outcome { try await store.claimPrimary(node: "node-\(index)", epoch: nil) })
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for store in stores { await store.close() }
        let winners = outcomes.filter { (try? $0.1.get()) == 1 }
        #expect(winners.count == 1)
        for (_, outcome) in outcomes {
            if case .failure(let error) = outcome {
                #expect(error.primaryNode == winners.first?.0)
            }
        }
    }

    @Test func afterAPromotionTheOldEpochCannotAppend() async throws {
        let (store, cluster, name) = try await primaryStore()
        defer { Task { await store.close() } }
        try await store.append(makeEvents(1...3), keys: [], erasedCaseIDs: [], epoch: 1)
        let follower = try makeStore(cluster.socketURL(database: name))
        defer { Task { await follower.close() } }
        #expect(try await follower.promote(node: "hub-b", appliedThrough: 3, replacing: 1) == 2)

        let fenced = await replicaError {
            try await store.append(makeEvents(4...5), keys: [ReplicatedKey(caseID: "c", wrappedKey: [1], firstSequence: 4)], erasedCaseIDs: [], epoch: 1)
        }
        #expect(fenced?.kind == .superseded(node: "hub-b", epoch: 2))
        #expect(fenced?.isSuperseded == true)
        #expect(fenced?.isUnreachable == false)
        #expect(fenced?.description.contains("node hub-b holds epoch 2") == true)
        #expect(try await store.lastSequence() == 3)
        #expect(try await cluster.sql("SELECT count(*) FROM corridor.personal_keys", database: name) == "0\n")
        // The old primary restarted is refused as primary.
        #expect(await replicaError { _ = try await store.claimPrimary(node: "office-a", epoch: 1) }?.kind
            == .notPrimary(node: "hub-b", epoch: 2))

        let leader = try await follower.leader()
        #expect(leader?.node == "hub-b")
        #expect(leader?.epoch == 2)
        try await follower.append(makeEvents(4...5), keys: [], erasedCaseIDs: [], epoch: 2)
        #expect(try await cluster.sql("SELECT string_agg(epoch::text, ',' ORDER BY sequence) FROM corridor.events", database: name)
            == "1,1,1,2,2\n")
    }

    @Test func promotingWhileBehindIsRefused() async throws {
        let (store, cluster, name) = try await primaryStore()
        defer { Task { await store.close() } }
        try await store.append(makeEvents(1...3), keys: [], erasedCaseIDs: [], epoch: 1)
        let follower = try makeStore(cluster.socketURL(database: name))
        defer { Task { await follower.close() } }
        let error = await replicaError { _ = try await follower.promote(node: "hub-b", appliedThrough: 2, replacing: 1) }
        #expect(error?.kind == .behind(last: 3))
        #expect(error?.behindLast == 3)
        #expect(try await follower.leader()?.epoch == 1)
        try await store.append(makeEvents(4...4), keys: [], erasedCaseIDs: [], epoch: 1)
    }

    @Test func twoPromotionsFromTheSameStateExactlyOneWins() async throws {
        let (store, cluster, name) = try await primaryStore()
        defer { Task { await store.close() } }
        try await store.append(makeEvents(1...3), keys: [], erasedCaseIDs: [], epoch: 1)
        let followers = try ["hub-b", "hub-c", "hub-d"].map { ($0, try makeStore(cluster.socketURL(database: name))) }
        let outcomes = await withTaskGroup(of: (String, Result<UInt64, ReplicaStoreError>).self) { group in
            for (node, follower) in followers {
                group.addTask {
                    (node, await outcome { try await follower.promote(node: node, appliedThrough: 3, replacing: 1) })
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for (_, follower) in followers { await follower.close() }
        let winners = outcomes.compactMap { node, outcome in (try? outcome.get()).map { (node, $0) } }
        #expect(winners.count == 1)
        #expect(winners.first?.1 == 2)
        for (_, outcome) in outcomes {
            if case .failure(let error) = outcome {
                #expect(error.kind == .notPrimary(node: winners.first?.0 ?? "", epoch: 2))
            }
        }
        #expect(try await store.leader()?.epoch == 2)
    }

    /// The split-brain test: the old primary appends as fast as it can while
    /// a follower promotes itself. Every append the old primary had
    /// acknowledged is in the store and below what the promotion saw; none
    /// committed after it.
    @Test func appendsRacingAPromotionNeverLandAfterIt() async throws {
        let (store, cluster, name) = try await primaryStore()
        defer { Task { await store.close() } }
        try await store.append(makeEvents(1...10), keys: [], erasedCaseIDs: [], epoch: 1)
        let follower = try makeStore(cluster.socketURL(database: name))
        defer { Task { await follower.close() } }

        // The appender stops on its own after a while, so the promotion
        // cannot lose the race for ever on a slow machine.
        let appender = Task { () -> (acknowledged: UInt64, refusal: ReplicaStoreError?) in
            var next: UInt64 = 11
            while next <= 2_000 {
                let sequence = next
                if case .failure(let error) = await outcome({
                    try await store.append(makeEvents(sequence...sequence), keys: [], erasedCaseIDs: [], epoch: 1)
                }) {
                    return (next - 1, error)
                }
                next += 1
            }
            return (next - 1, nil)
        }
        var promotedAt: UInt64 = 0
        var epoch: UInt64 = 0
        while epoch == 0 {
            let last = try await follower.lastSequence()
            switch await outcome({ try await follower.promote(node: "hub-b", appliedThrough: last, replacing: 1) }) {
            case .success(let promoted):
                epoch = promoted
                promotedAt = last
            case .failure(let error):
                // Behind: the old primary appended meanwhile; catch up, try again.
                guard error.behindLast != nil else { throw error }
            }
        }
        let (acknowledged, refusal) = await appender.value
        #expect(epoch == 2)
        if let refusal {
            #expect(refusal.kind == .superseded(node: "hub-b", epoch: 2))
        }
        #expect(acknowledged == promotedAt)
        // Whether or not it was still appending, the old primary is fenced off now.
        let late = await replicaError {
            try await store.append(makeEvents(acknowledged + 1...acknowledged + 1), keys: [], erasedCaseIDs: [], epoch: 1)
        }
        #expect(late?.kind == .superseded(node: "hub-b", epoch: 2))
        #expect(try await follower.lastSequence() == promotedAt)
        #expect(try await follower.events(after: 0, limit: 100_000).events == makeEvents(1...promotedAt))
    }

    // MARK: Notifications

    @Test func aFollowerIsWokenAfterAnAppend() async throws {
        let (store, cluster, name) = try await primaryStore()
        defer { Task { await store.close() } }
        try await store.append(makeEvents(1...2), keys: [], erasedCaseIDs: [], epoch: 1)
        let follower = try makeStore(cluster.socketURL(database: name))
        defer { Task { await follower.close() } }
        let wakeUps = follower.notifications()
        try await withSafetyTimeout(.seconds(120), waitingFor: "wake-ups from the replica store") {
            var iterator = wakeUps.makeAsyncIterator()
            // Listening has started: the store's last sequence so far.
            #expect(await iterator.next() == 2)
            try await store.append(makeEvents(3...5), keys: [], erasedCaseIDs: [], epoch: 1)
            #expect(await iterator.next() == 5)
            // A retry that adds nothing wakes nobody; the next real append does.
            try await store.append(makeEvents(4...5), keys: [], erasedCaseIDs: [], epoch: 1)
            try await store.append(makeEvents(6...6), keys: [], erasedCaseIDs: [], epoch: 1)
            #expect(await iterator.next() == 6)
        }
    }

    // MARK: Both kinds of URL

    @Test(arguments: [false, true])
    func worksOverTheUnixSocketAndTCP(tcp: Bool) async throws {
        let (store, cluster, _) = try await primaryStore(tcp: tcp)
        defer { Task { await store.close() } }
        if tcp {
            #expect(store.location.endpoint == .tcp(host: "127.0.0.1", port: cluster.port))
        } else {
            #expect(store.location.unixSocketPath == cluster.socketDirectory + "/.s.PGSQL.\(cluster.port)")
        }
        let key = ReplicatedKey(caseID: "case-1", wrappedKey: [9, 8, 7], firstSequence: 1)
        try await store.append(makeEvents(1...3), keys: [key], erasedCaseIDs: [], epoch: 1)
        let read = try await store.events(after: 0, limit: 10)
        #expect(read.events == makeEvents(1...3))
        #expect(read.keys == [key])
    }
}
