import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Synchronization
import Testing

/// Replication through a real PostgreSQL (docs/REPLICATION.md), with real
/// daemons: a primary and a follower, kill -9 of the primary and promotion
/// of the follower, PostgreSQL stopped under load, the old primary refused,
/// personal data sealed in PostgreSQL.
@Suite(.serialized) struct ReplicationProcessTests {
    /// One corridord of a test: its socket, data directory and arguments.
    struct Server {
        let name: String
        let socket: String
        let data: String
        var arguments: [String]

        init(_ name: String, in scratch: TemporaryDirectory, _ replication: [String], keyFile: String? = nil) {
            self.name = name
            socket = scratch.file("\(name).sock")
            data = scratch.file("\(name)-data")
            arguments = ["--socket", socket, "--data-dir", data, "--node", name] + replication
            if let keyFile { arguments += ["--key-file", keyFile] }
        }

        /// Each server gets its own notify socket, in a directory of its own.
        func start(in scratch: TemporaryDirectory) async throws -> ReadyDaemon {
            try await Harness.startReady(arguments, in: try scratch.subdirectory("\(name)-notify-\(UInt32.random(in: 0...UInt32.max))"))
        }
    }

    /// Registers parties `prefix-0`, `prefix-1`… until `count` are
    /// acknowledged or a call fails; returns the acknowledged ids and the
    /// first failure.
    static func register(_ count: Int, prefix: String, at socket: String) async -> (acknowledged: [String], failure: RPCError?) {
        guard let client = try? await CorridorClient.connect(to: socket) else { return ([], RPCError(.unavailable, "cannot connect")) }
        var acknowledged: [String] = []
        for index in 0..<count {
            let id = "\(prefix)-\(index)"
            do {
                _ = try await client.registerParty(Party(id: id, shortName: id, kind: .ngo), timeout: .seconds(60))
                acknowledged.append(id)
            } catch {
                await client.close()
                return (acknowledged, error)
            }
        }
        await client.close()
        return (acknowledged, nil)
    }

    static func partyIDs(at socket: String) async throws -> Set<String> {
        let client = try await CorridorClient.connect(to: socket)
        let ids = Set(try await client.parties().map(\.id))
        await client.close()
        return ids
    }

    /// Waits until `condition` holds of the server's status, reading it
    /// again after each change could have happened; fails after the safety timeout.
    static func status(
        at socket: String, until condition: (Corridor_V1_StatusResponse) -> Bool, _ what: String, within bound: Duration = safetyTimeout
    ) async throws -> Corridor_V1_StatusResponse {
        let deadline = ContinuousClock.now + bound
        while true {
            let status = try await Harness.status(at: socket)
            if condition(status) { return status }
            guard ContinuousClock.now < deadline else {
                throw DaemonTestError("\(socket): \(what) did not happen within \(bound); last replication status: \(status.replication.map { "\($0)" } ?? "none")")
            }
            // A follower applies, and a primary copies, in the background: read again shortly.
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Promotes the follower at `socket`, asking again while it answers
    /// UNAVAILABLE, as the runbook tells an operator to (docs/REPLICATION.md):
    /// right after PostgreSQL restarts, the follower's first call may still
    /// meet a connection the stop closed. (Before ConnectionCall, such a call
    /// could hang until the 30 s bound and the promotion behind it was
    /// refused; seen once in a full `make test`.)
    static func promote(at socket: String) async throws -> Corridor_V1_PromoteResponse {
        let deadline = ContinuousClock.now + safetyTimeout * 2
        while true {
            let client = try await CorridorClient.connect(to: socket)
            let outcome: Result<Corridor_V1_PromoteResponse, RPCError>
            do {
                outcome = .success(try await client.promote())
            } catch {
                outcome = .failure(error)
            }
            await client.close()
            switch outcome {
            case .success(let promoted):
                return promoted
            case .failure(let error) where error.code == .unavailable && ContinuousClock.now < deadline:
                // A pause between an operator's attempts, not a synchronisation.
                try await Task.sleep(for: .milliseconds(100))
            case .failure(let error):
                throw error
            }
        }
    }

    static func rows(_ cluster: PostgresTestCluster, _ query: String) async throws -> String {
        try await cluster.sql(query).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Sync: nothing acknowledged is lost when the primary dies

    @Test func syncPrimaryKilledMidLoadAndFollowerPromotedLosesNothing() async throws {
        try await PostgresTestCluster.with { cluster in
            let scratch = try TemporaryDirectory()
            defer { scratch.remove() }
            let keyFile = scratch.file("personal-data.key")
            // The primary over the Unix socket, the follower over TCP.
            let a = Server("a", in: scratch, ["--replicate-to", cluster.socketURL(), "--replication-mode", "sync"], keyFile: keyFile)
            let b = Server("b", in: scratch, ["--follow", cluster.tcpURL()], keyFile: keyFile)
            let primary = try await a.start(in: scratch)
            defer { primary.process.kill() }
            let follower = try await b.start(in: scratch)
            defer { follower.process.kill() }

            let seeded = await Self.register(5, prefix: "seed", at: a.socket)
            #expect(seeded.failure == nil)
            let caughtUp = try await Self.status(at: b.socket, until: { $0.replication?.replicatedSequence ?? 0 >= 5 }, "the follower applying the seed")
            #expect(caughtUp.replication?.role == .follower)
            #expect(caughtUp.replication?.primaryNode == "a")
            #expect(caughtUp.replication?.writable == false)
            #expect(try await Self.partyIDs(at: b.socket).isSuperset(of: seeded.acknowledged))

            // A write on the follower is refused, naming the primary.
            let refused = await Self.register(1, prefix: "on-b", at: b.socket)
            #expect(refused.failure?.code == .failedPrecondition)
            #expect(refused.failure?.message.contains("node a") == true, "\(refused.failure?.message ?? "")")

            let primaryStatus = try await Harness.status(at: a.socket)
            #expect(primaryStatus.replication?.role == .primary)
            #expect(primaryStatus.replication?.mode == .sync)
            #expect(primaryStatus.replication?.epoch == 1)
            #expect(primaryStatus.replication?.replicaStore.contains("host=") == true)

            // Writers on the primary; kill -9 after 40 acknowledgements.
            let counter = AcknowledgementCounter(killAfter: 40) { primary.process.kill() }
            let acknowledged = await withTaskGroup(of: [String].self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        await CrashLoopTests.writeUntilKilled(socket: a.socket, prefix: "w\(writer)", acknowledgements: counter)
                    }
                }
                return await group.reduce(into: Set<String>()) { $0.formUnion($1) }
            }
            _ = await primary.process.waitForExit()
            #expect(acknowledged.count >= 40)

            // Promotion applies everything the store holds, then takes epoch 2.
            let promoted = try await Self.promote(at: b.socket)
            #expect(promoted.epoch == 2)
            #expect(promoted.node == "b")
            let present = try await Self.partyIDs(at: b.socket)
            let lost = acknowledged.union(seeded.acknowledged).subtracting(present)
            #expect(lost.isEmpty, "acknowledged in sync mode, lost at failover: \(lost.sorted().prefix(10))")

            // The new primary takes writes and copies them.
            let after = await Self.register(3, prefix: "after", at: b.socket)
            #expect(after.failure == nil)
            let newStatus = try await Harness.status(at: b.socket)
            #expect(newStatus.replication?.role == .primary)
            #expect(newStatus.replication?.writable == true)
            #expect(try await Self.rows(cluster, "SELECT epoch, node FROM corridor.leader") == "2|b")
            #expect(try await Self.rows(cluster, "SELECT count(*) = max(sequence) FROM corridor.events") == "t", "no hole, no duplicate")

            // The old primary, restarted as primary, is refused: its epoch is stale.
            let restarted = try await DaemonProcess(a.arguments)
            defer { restarted.kill() }
            let status = await restarted.waitForExit()
            let said = try await restarted.stderrAfterExit()
            #expect(status == 78, "\(said)")
            #expect(said.contains("node b holds epoch 2"), "\(said)")

            await Harness.stopCleanly(follower.process)
        }
    }

    // MARK: Async: the loss is bounded by the lag status reported

    @Test func asyncPrimaryServesThroughAnOutageAndLosesOnlyTheReportedLag() async throws {
        try await PostgresTestCluster.with { cluster in
            let scratch = try TemporaryDirectory()
            defer { scratch.remove() }
            let keyFile = scratch.file("personal-data.key")
            let a = Server("a", in: scratch, ["--replicate-to", cluster.socketURL()], keyFile: keyFile)
            let b = Server("b", in: scratch, ["--follow", cluster.socketURL()], keyFile: keyFile)
            let primary = try await a.start(in: scratch)
            defer { primary.process.kill() }
            let follower = try await b.start(in: scratch)
            defer { follower.process.kill() }

            let before = await Self.register(10, prefix: "before", at: a.socket)
            #expect(before.failure == nil)
            _ = try await Self.status(at: a.socket, until: { $0.replication?.lagEvents == 0 && $0.replication?.replicatedSequence ?? 0 >= 10 }, "the primary copying the first writes")

            // PostgreSQL goes away: the async primary goes on acknowledging, and says how far behind it is.
            await cluster.stop()
            let during = await Self.register(7, prefix: "during", at: a.socket)
            #expect(during.failure == nil, "async mode serves writes while PostgreSQL is down")
            let lagging = try await Self.status(at: a.socket, until: { $0.replication?.connected == false && $0.replication?.lagEvents == 7 }, "the lag of 7 unreplicated writes")
            #expect(lagging.replication?.lastError.contains("unreachable") == true, "\(lagging.replication?.lastError ?? "")")
            #expect(lagging.replication?.writable == true)

            // The primary dies with those 7 writes copied nowhere; PostgreSQL returns; the follower is promoted.
            primary.process.kill()
            _ = await primary.process.waitForExit()
            try await cluster.start()
            let promoted = try await Self.promote(at: b.socket)
            #expect(promoted.lastSequence == 10)
            let present = try await Self.partyIDs(at: b.socket)
            #expect(Set(before.acknowledged).isSubset(of: present))
            let lost = Set(during.acknowledged).subtracting(present)
            #expect(lost.count <= 7, "the loss is bounded by the lag reported before the crash")
            #expect(lost.count == 7, "nothing written during the outage reached PostgreSQL")

            // The old primary's log holds those 7 events: as a follower it is refused, never joined to the new history.
            let after = await Self.register(8, prefix: "after", at: b.socket)
            #expect(after.failure == nil)
            var asFollower = a
            asFollower.arguments = asFollower.arguments.filter { $0 != "--replicate-to" && $0 != cluster.socketURL() } + ["--follow", cluster.socketURL()]
            let old = try await asFollower.start(in: scratch)
            defer { old.process.kill() }
            let refused = try await Self.status(at: a.socket, until: { !($0.replication?.lastError.isEmpty ?? true) }, "the old primary refusing to follow")
            #expect(refused.replication?.lastError.contains("differ at sequence 17") == true || refused.replication?.lastError.contains("cannot follow") == true,
                    "\(refused.replication?.lastError ?? "")")
            #expect(try await Self.partyIDs(at: a.socket).isDisjoint(with: after.acknowledged), "nothing of the new history was applied on top")
            await Harness.stopCleanly(old.process)
            await Harness.stopCleanly(follower.process)
        }
    }

    // MARK: PostgreSQL restarted under load

    @Test func asyncCatchesUpAfterPostgresRestartsWithNothingDuplicated() async throws {
        try await PostgresTestCluster.with { cluster in
            let scratch = try TemporaryDirectory()
            defer { scratch.remove() }
            let a = Server("a", in: scratch, ["--replicate-to", cluster.socketURL(), "--replication-mode", "async"])
            let primary = try await a.start(in: scratch)
            defer { primary.process.kill() }
            let writers = Task { await Self.register(200, prefix: "load", at: a.socket) }
            _ = try await Self.status(at: a.socket, until: { $0.replication?.replicatedSequence ?? 0 >= 20 }, "the first copies")
            await cluster.stop()
            let written = await writers.value
            #expect(written.failure == nil, "async writes go on through the outage")
            try await cluster.start()
            let last = try await Harness.status(at: a.socket).store?.lastSequence ?? 0
            // A copy in flight when PostgreSQL stopped can take until the
            // replica store's answer timeout (60 s) to fail and be retried.
            _ = try await Self.status(
                at: a.socket, until: { $0.replication?.replicatedSequence == last && $0.replication?.lagEvents == 0 }, "catching up to \(last)",
                within: safetyTimeout * 3
            )
            #expect(try await Self.rows(cluster, "SELECT count(*), min(sequence), max(sequence) FROM corridor.events") == "\(last)|1|\(last)")
            await Harness.stopCleanly(primary.process)
        }
    }

    @Test func syncRefusesWritesWhilePostgresIsDownAndResumes() async throws {
        try await PostgresTestCluster.with { cluster in
            let scratch = try TemporaryDirectory()
            defer { scratch.remove() }
            let a = Server("a", in: scratch, ["--replicate-to", cluster.tcpURL(), "--replication-mode", "sync"])
            let primary = try await a.start(in: scratch)
            defer { primary.process.kill() }
            let first = await Self.register(5, prefix: "first", at: a.socket)
            #expect(first.failure == nil)

            await cluster.stop()
            let refused = await Self.register(1, prefix: "down", at: a.socket)
            #expect(refused.failure?.code == .unavailable, "\(String(describing: refused.failure))")
            #expect(try await Self.partyIDs(at: a.socket).isSuperset(of: first.acknowledged), "reads go on")
            let down = try await Harness.status(at: a.socket)
            #expect(down.replication?.writable == false)

            try await cluster.start()
            _ = try await Self.status(at: a.socket, until: { $0.replication?.connected == true && $0.replication?.writable == true }, "reconnecting")
            let resumed = await Self.register(5, prefix: "again", at: a.socket)
            #expect(resumed.failure == nil)
            let last = try await Harness.status(at: a.socket).store?.lastSequence ?? 0
            #expect(try await Self.rows(cluster, "SELECT count(*), max(sequence) FROM corridor.events") == "\(last)|\(last)", "every event once")
            await Harness.stopCleanly(primary.process)
        }
    }

    // MARK: Personal data

    @Test func personalDataReachesPostgresSealedAndAFollowerWithAnotherKeyFileIsRefused() async throws {
        try await PostgresTestCluster.with { cluster in
            let scratch = try TemporaryDirectory()
            defer { scratch.remove() }
            let keyFile = scratch.file("personal-data.key")
            let a = Server("a", in: scratch, ["--replicate-to", cluster.socketURL(), "--replication-mode", "sync"], keyFile: keyFile)
            let primary = try await a.start(in: scratch)
            defer { primary.process.kill() }
            let name = "Hamza Replicated-Name"
            let client = try await CorridorClient.connect(to: a.socket)
            _ = try await client.registerParty(Party(id: "gov", shortName: "Gov", kind: .government))
            _ = try await client.registerSite(Site(id: "enclave", name: "Enclave", kind: .enclave, controlledBy: "gov"))
            let view = try await client.registerCase(
                Case(id: "", siteID: "enclave", ageMonths: 30, sex: .female, precedence: .urgent, consentGiven: true),
                personal: CasePersonal(name: name)
            )
            await client.close()
            let caseID = try #require(view.case?.id)

            let payloads = try await Self.rows(cluster, "SELECT encode(payload, 'hex') FROM corridor.events")
            let nameHex = Array(name.utf8).map { String(format: "%02x", $0) }.joined()
            #expect(!payloads.contains(nameHex), "the name is in PostgreSQL in clear")
            #expect(try await Self.rows(cluster, "SELECT count(*) FROM corridor.personal_keys WHERE case_id = '\(caseID)'") == "1")
            let keyHex = try Data(contentsOf: URL(fileURLWithPath: keyFile)).map { String(format: "%02x", $0) }.joined()
            let everything = try await Self.rows(cluster, "SELECT string_agg(t::text, ' ') FROM (SELECT encode(payload, 'hex') AS t FROM corridor.events UNION ALL SELECT encode(wrapped_key, 'hex') FROM corridor.personal_keys UNION ALL SELECT value FROM corridor.meta) x")
            #expect(!everything.contains(String(keyHex.suffix(64))), "the key file's key is in PostgreSQL")

            // A follower with the primary's key file reads the name; one with another key file is refused at start.
            let b = Server("b", in: scratch, ["--follow", cluster.socketURL()], keyFile: keyFile)
            let follower = try await b.start(in: scratch)
            defer { follower.process.kill() }
            _ = try await Self.status(at: b.socket, until: { $0.replication?.replicatedSequence == $0.store?.lastSequence && ($0.store?.lastSequence ?? 0) >= 3 }, "the follower applying the case")
            let reader = try await CorridorClient.connect(to: b.socket)
            #expect(try await reader.caseView(caseID).personal?.name == name)
            await reader.close()

            let c = Server("c", in: scratch, ["--follow", cluster.socketURL()], keyFile: scratch.file("other.key"))
            let stranger = try await DaemonProcess(c.arguments)
            defer { stranger.kill() }
            let status = await stranger.waitForExit()
            let said = try await stranger.stderrAfterExit()
            #expect(status == 78, "\(said)")
            #expect(said.contains("key"), "\(said)")

            await Harness.stopCleanly(follower.process)
            await Harness.stopCleanly(primary.process)
        }
    }
}
