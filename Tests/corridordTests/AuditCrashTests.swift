import CorridorClient
import CorridorTestSupport
import CorridorWire
import Foundation
import Glibc
import Synchronization
import Testing

/// kill -9 at random moments while readers read a case's personal part:
/// after every restart, each read whose answer a reader received is on the
/// audit trail, by its request id (docs/AUDIT.md: a read's record is durable
/// before its answer is sent). CORRIDOR_CRASH_ITERATIONS sets the rounds,
/// CORRIDOR_CRASH_SEED replays a failing run.
@Suite(.serialized) struct AuditCrashTests {
    static let iterations = max(3, (Int(ProcessInfo.processInfo.environment["CORRIDOR_CRASH_ITERATIONS"] ?? "") ?? 50) / 5)
    static let readers = 4

    @Test func everyAnsweredReadIsOnTheTrailAfterKillNine() async throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["CORRIDOR_CRASH_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64.max)
        print("audit crash loop: \(Self.iterations) rounds, seed \(seed) (CORRIDOR_CRASH_SEED=\(seed) replays it)")
        var random = SeededGenerator(seed: seed)
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("s.sock")
        let data = scratch.file("data")
        // Small segments, so rounds also cross the trail's segment rolls.
        try scratch.write("corridord.json", #"{"store": {"segmentBytes": 65536}}"#)
        let arguments = ["--socket", socket, "--data-dir", data, "--config", scratch.file("corridord.json")]

        var answered: Set<String> = []
        for round in 0..<Self.iterations {
            let daemon = try await Harness.startReady(arguments, in: scratch)
            if round == 0 { try await Self.seed(socket: socket) }
            let recorded = try await Self.recordedReads(at: socket)
            let missing = answered.subtracting(recorded)
            #expect(missing.isEmpty, "round \(round): reads answered but not on the audit trail after kill -9: \(missing.sorted().prefix(10))")
            if !missing.isEmpty { daemon.process.kill(); return }

            let killAfter = Int(random.next() % 40) + 1
            let acknowledgements = AcknowledgementCounter(killAfter: killAfter) { daemon.process.kill() }
            await withTaskGroup(of: [String].self) { group in
                for reader in 0..<Self.readers {
                    group.addTask { await Self.readUntilKilled(socket: socket, prefix: "r\(round)-w\(reader)", acknowledgements: acknowledgements) }
                }
                for await ids in group { answered.formUnion(ids) }
            }
            let status = await daemon.process.waitForExit()
            #expect(status == -SIGKILL || status == 128 + SIGKILL || status == SIGKILL, "round \(round): corridord exited \(status), not by SIGKILL")
        }
        let daemon = try await Harness.startReady(arguments, in: scratch)
        let recorded = try await Self.recordedReads(at: socket)
        #expect(answered.isSubset(of: recorded), "lost: \(answered.subtracting(recorded).sorted().prefix(10))")
        #expect(answered.count >= Self.iterations, "too few reads were answered to prove anything")
        print("audit crash loop: \(answered.count) answered reads, all on the trail after \(Self.iterations) kills")
        _ = await Harness.stop(daemon.process)
    }

    static func seed(socket: String) async throws {
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        _ = try await client.registerSite(Site(id: "hospital", name: "Field hospital", kind: .hospital))
        for name in ["Rana", "Omar", "Huda", "Sami"] {
            _ = try await client.registerCase(
                Case(siteID: "hospital", ageMonths: 120, sex: .female, precedence: .urgent, consentGiven: true), personal: CasePersonal(name: name)
            )
        }
        await client.close()
    }

    /// Reads cases with a personal part, each with its own request id, until
    /// the connection dies; returns the ids of the reads that were answered.
    static func readUntilKilled(socket: String, prefix: String, acknowledgements: AcknowledgementCounter) async -> [String] {
        guard let client = try? await CorridorClient.connect(to: socket, configuration: .forTests) else { return [] }
        var answered: [String] = []
        var index = 0
        while true {
            let requestID = "\(prefix)-\(index)"
            let request = Corridor_V1_GetRequest(id: "C-00000\(1 + index % 4)")
            index += 1
            do {
                let view = try await client.unary(Corridor_V1_Registry.getCase, request, timeout: .seconds(30), requestID: requestID)
                guard view.personal != nil else { break }
                answered.append(requestID)
                acknowledgements.record()
            } catch {
                break
            }
        }
        await client.close()
        return answered
    }

    /// The request ids of every GetCase read on the trail.
    static func recordedReads(at socket: String) async throws -> Set<String> {
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        var request = Corridor_V1_ListAuditRecordsRequest()
        request.kinds = [.personalRead]
        let records = try await client.allAuditRecords(request)
        await client.close()
        return Set(records.filter { $0.method == Corridor_V1_Registry.getCase.path }.compactMap { $0.actor?.requestID })
    }
}
