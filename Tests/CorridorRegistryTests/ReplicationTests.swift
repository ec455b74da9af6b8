@testable import CorridorRegistry
import CorridorModel
import CorridorPrivacy
import CorridorStore
import CorridorTestSupport
import CorridorWire
import Testing

/// The registry's side of replication: the feed sends the log's own bytes
/// with what the replica store must know of personal data; a follower
/// applies them at the same sequences, refuses gaps, damage and divergence
/// whole; the gate refuses or holds back commands.
@Suite struct ReplicationTests {
    /// Thrown by a feed's `send` to stop it once it has what the test needs.
    struct Enough: Error {}

    /// Every burst the feed sends until it holds `count` events.
    static func feed(_ registry: Registry, from sequence: UInt64 = 1, count: UInt64, burstLimit: Int = 1024) async throws -> [ReplicationBurst] {
        var bursts: [ReplicationBurst] = []
        var seen: UInt64 = 0
        do {
            try await registry.replicationFeed(from: sequence, burstLimit: burstLimit) { burst in
                bursts.append(burst)
                seen += UInt64(burst.events.count)
                if seen >= count { throw Enough() }
            }
        } catch is Enough {}
        return bursts
    }

    @Test func aFollowerAppliesTheFeedAndHoldsTheSameStateAndHistory() async throws {
        try await withTemporaryDirectory { primaryDirectory in
            try await withTemporaryDirectory { followerDirectory in
                let primary = try openRegistry(primaryDirectory)
                try await World.seed(primary)
                let view = try await primary.registerCase(World.patient(), personal: World.personal, actor: registrar)
                let id = try #require(view.case?.id)
                _ = try await primary.setCrossingStatus(siteID: "wafideen", status: .closed, reason: "shelling", actor: registrar)
                let last = primary.lastSequence

                let bursts = try await Self.feed(primary, count: last, burstLimit: 3)
                let events = bursts.flatMap(\.events)
                #expect(events.map(\.sequence) == Array(1...last))
                #expect(bursts.allSatisfy { $0.events.count <= 3 })
                #expect(events.allSatisfy { CRC32C.checksum($0.payload) == $0.payloadChecksum })
                #expect(events.last?.typeName == "crossing_status_changed")
                #expect(events.last?.actor == "amina (uid 1000)")

                let expected = try await primary.caseView(id)
                try await withRegistryReleasedAfterwards(followerDirectory) { follower in
                    for burst in bursts { try await follower.applyReplicated(burst.events) }
                    #expect(follower.lastSequence == last)
                    #expect(try await follower.caseView(id) == expected)
                    let primaryHistory = try await primary.history(of: id)
                    let followerHistory = try await follower.history(of: id)
                    #expect(followerHistory == primaryHistory, "same events, sequences and times")

                    // Applying the same events again changes nothing.
                    #expect(try await follower.applyReplicated(events) == last)
                    #expect(follower.lastSequence == last)
                    await follower.close()
                }

                // The follower's own log reopens to the same state.
                let reopened = try openRegistry(followerDirectory)
                #expect(try await reopened.caseView(id) == (try await primary.caseView(id)))
                await reopened.close()
                await primary.close()
            }
        }
    }

    @Test func aGapADamagedEventAndADivergedEventAreRefusedWhole() async throws {
        try await withTemporaryDirectory { primaryDirectory in
            try await withTemporaryDirectory { followerDirectory in
                let primary = try openRegistry(primaryDirectory)
                try await World.seed(primary)
                let last = primary.lastSequence
                let events = try await Self.feed(primary, count: last).flatMap(\.events)
                #expect(events.count >= 4)
                let follower = try openRegistry(followerDirectory)
                try await follower.applyReplicated(Array(events.prefix(2)))

                // A gap: the third event is missing.
                let gap = await #expect(throws: RegistryError.self) { try await follower.applyReplicated(Array(events.dropFirst(3))) }
                #expect(gap?.code == .dataLoss)
                #expect(gap?.message.contains("jump from sequence 2 to 4") == true)

                // Damage in the batch: the good event before it is not applied either.
                var damaged = Array(events[2...3])
                damaged[1].payload[damaged[1].payload.count / 2] ^= 0x40
                let broken = await #expect(throws: RegistryError.self) { try await follower.applyReplicated(damaged) }
                #expect(broken?.code == .dataLoss)
                #expect(broken?.message.contains("fails its checksum") == true)
                #expect(follower.lastSequence == 2)

                // Divergence: bytes for a sequence this log holds that differ from it.
                var other = events[1]
                other.payload = events[0].payload
                other.payloadChecksum = events[0].payloadChecksum
                let diverged = await #expect(throws: RegistryError.self) { try await follower.applyReplicated([other]) }
                #expect(diverged?.code == .dataLoss)
                #expect(diverged?.message.contains("differ at sequence 2") == true)

                // The rest still applies.
                #expect(try await follower.applyReplicated(Array(events.dropFirst(2))) == last)
                await follower.close()
                await primary.close()
            }
        }
    }

    @Test func aMislabelledRecordTypeIsRefused() async throws {
        try await withTemporaryDirectory { primaryDirectory in
            try await withTemporaryDirectory { followerDirectory in
                let primary = try openRegistry(primaryDirectory)
                _ = try await primary.registerParty(World.government, actor: registrar)
                var events = try await Self.feed(primary, count: 1).flatMap(\.events)
                events[0].recordType += 1
                let follower = try openRegistry(followerDirectory)
                let error = await #expect(throws: RegistryError.self) { try await follower.applyReplicated(events) }
                #expect(error?.code == .dataLoss)
                #expect(follower.lastSequence == 0)
                await follower.close()
                await primary.close()
            }
        }
    }

    // MARK: The gate

    final class Gate: ReplicationGate, @unchecked Sendable {
        let refusal: RegistryError?
        let replicationFailure: RegistryError?
        private(set) var waitedFor: [UInt64] = []
        init(refusal: RegistryError? = nil, replicationFailure: RegistryError? = nil) {
            self.refusal = refusal
            self.replicationFailure = replicationFailure
        }
        func admitWrite() throws(RegistryError) {
            if let refusal { throw refusal }
        }
        func waitUntilReplicated(through sequence: UInt64) async throws(RegistryError) {
            waitedFor.append(sequence)
            if let replicationFailure { throw replicationFailure }
        }
    }

    @Test func aGateThatRefusesWritesLeavesTheLogUntouchedButNotReplicatedEvents() async throws {
        try await withRegistry { registry in
            _ = try await registry.registerParty(World.government, actor: registrar)
            let events = try await Self.feed(registry, count: 1).flatMap(\.events)
            await registry.setReplicationGate(Gate(refusal: .failedPrecondition("this server follows the primary at node-a; send writes there")))
            let error = await #expect(throws: RegistryError.self) { try await registry.registerParty(World.armedGroup, actor: registrar) }
            #expect(error?.code == .failedPrecondition)
            #expect(error?.message.contains("node-a") == true)
            #expect(registry.lastSequence == 1)
            #expect(try await registry.applyReplicated(events) == 1, "a follower's own events still apply")
        }
    }

    @Test func aCommandWaitsForReplicationAndAFailureIsItsAnswer() async throws {
        try await withRegistry { registry in
            let gate = Gate()
            await registry.setReplicationGate(gate)
            _ = try await registry.registerParty(World.government, actor: registrar)
            #expect(gate.waitedFor == [1])

            await registry.setReplicationGate(Gate(replicationFailure: .unavailable("PostgreSQL is unreachable")))
            let error = await #expect(throws: RegistryError.self) { try await registry.registerParty(World.armedGroup, actor: registrar) }
            #expect(error?.code == .unavailable)
            #expect(registry.lastSequence == 2, "written here, never acknowledged; replicated when the store returns")

            await registry.setReplicationGate(nil)
            _ = try await registry.registerParty(Party(id: "un", shortName: "UN", kind: .unAgency), actor: registrar)
        }
    }

    // MARK: Personal data

    @Test func sealedPartsTravelSealedWithTheirKeysAndErasuresDestroyTheFollowersKey() async throws {
        try await withTemporaryDirectory { primaryDirectory in
            try await withTemporaryDirectory { followerDirectory in
                let keyFile = primaryDirectory + "/personal-data.key"
                let primaryVault = try PersonalDataVault.open(keyFile: keyFile, dataDirectory: primaryDirectory)
                let primary = try Registry.open(
                    dataDirectory: primaryDirectory, recordCoding: ProtobufRecordCoding(sealer: primaryVault), options: smallSegmentOptions(), logger: quietLogger
                ).0
                try await World.seed(primary)
                let view = try await primary.registerCase(World.patient(), personal: World.personal, actor: registrar)
                let id = try #require(view.case?.id)
                let bursts = try await Self.feed(primary, count: primary.lastSequence)
                let cases = bursts.flatMap(\.personalPartCases)
                #expect(cases.map(\.caseID) == [id])
                let events = bursts.flatMap(\.events)
                #expect(!events.contains { $0.payload.containsSubsequence(Array(World.personal.name.utf8)) }, "the name never leaves in clear")

                // The follower, given the primary's key file, adopts the wrapped key and opens the part.
                let followerVault = try PersonalDataVault.open(keyFile: keyFile, dataDirectory: followerDirectory)
                let follower = try Registry.open(
                    dataDirectory: followerDirectory, recordCoding: ProtobufRecordCoding(sealer: followerVault), options: smallSegmentOptions(), logger: quietLogger
                ).0
                let wrapped = try #require(primaryVault.wrappedDataKey(of: id))
                try followerVault.adoptWrappedDataKey(wrapped, of: id)
                try await follower.applyReplicated(events)
                #expect(try await follower.caseView(id).personal?.name == World.personal.name)

                // The erasure travels as an event; applying it destroys the follower's key.
                _ = try await primary.erasePersonalData(caseID: id, reason: "the person asked", actor: registrar)
                let erasure = try await Self.feed(primary, from: follower.lastSequence + 1, count: 1)
                #expect(erasure.flatMap(\.erasedCaseIDs) == [id])
                try await follower.applyReplicated(erasure.flatMap(\.events))
                #expect(!followerVault.hasKey(caseID: id))
                let erased = try await follower.caseView(id).personal
                #expect(erased?.name == "")
                #expect(erased?.erasure?.reason == "the person asked")
                await follower.close()
                await primary.close()
            }
        }
    }

    @Test func aKeyWrappedWithAnotherKeyFileIsRefused() async throws {
        try await withTemporaryDirectory { first in
            try await withTemporaryDirectory { second in
                let a = try PersonalDataVault.open(keyFile: first + "/personal-data.key", dataDirectory: first)
                let b = try PersonalDataVault.open(keyFile: second + "/personal-data.key", dataDirectory: second)
                _ = try a.seal(Array("x".utf8), caseID: "C-000001")
                let wrapped = try #require(a.wrappedDataKey(of: "C-000001"))
                let error = #expect(throws: PrivacyError.self) { try b.adoptWrappedDataKey(wrapped, of: "C-000001") }
                #expect(error?.description.contains("primary's key file") == true)
                #expect(!b.hasKey(caseID: "C-000001"))
                #expect(a.keyID != b.keyID)
            }
        }
    }
}

extension Array where Element == UInt8 {
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}
