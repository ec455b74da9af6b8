import CorridorClient
import Foundation
import Glibc
import Synchronization
import Testing
import CorridorTestSupport

/// kill -9 at random moments while clients write: after every restart, every
/// write that was acknowledged is there. CORRIDOR_CRASH_ITERATIONS sets the
/// number of rounds (scripts/crash-loop runs many more), CORRIDOR_CRASH_SEED
/// replays a failing run.
@Suite(.serialized) struct CrashLoopTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["CORRIDOR_CRASH_ITERATIONS"] ?? "") ?? 50
    static let writers = 4

    @Test func acknowledgedWritesSurviveKillNine() async throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["CORRIDOR_CRASH_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64.max)
        print("crash loop: \(Self.iterations) rounds, seed \(seed) (CORRIDOR_CRASH_SEED=\(seed) replays it)")
        var random = SeededGenerator(seed: seed)
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("s.sock")
        let data = scratch.file("data")
        // Small segments, so rounds also cross segment rolls.
        try scratch.write("corridord.json", #"{"store": {"segmentBytes": 131072, "snapshotEveryEvents": 97}}"#)
        let arguments = ["--socket", socket, "--data-dir", data, "--config", scratch.file("corridord.json")]

        var acknowledged: Set<String> = []
        for round in 0..<Self.iterations {
            let daemon = try await Harness.startReady(arguments, in: scratch)
            // Everything acknowledged before is still there after the last kill.
            let present = try await Self.partyIDs(at: socket)
            let missing = acknowledged.subtracting(present)
            #expect(missing.isEmpty, "round \(round): acknowledged parties lost after kill -9: \(missing.sorted().prefix(10))")
            if !missing.isEmpty { daemon.process.kill(); return }

            let killAfter = Int(random.next() % 60) + 1
            let acknowledgements = AcknowledgementCounter(killAfter: killAfter) { daemon.process.kill() }
            await withTaskGroup(of: [String].self) { group in
                for writer in 0..<Self.writers {
                    group.addTask {
                        await Self.writeUntilKilled(socket: socket, prefix: "r\(round)-w\(writer)", acknowledgements: acknowledgements)
                    }
                }
                for await ids in group { acknowledged.formUnion(ids) }
            }
            let status = await daemon.process.waitForExit()
            #expect(status == -SIGKILL || status == 128 + SIGKILL || status == SIGKILL, "round \(round): corridord exited \(status), not by SIGKILL")
        }
        let daemon = try await Harness.startReady(arguments, in: scratch)
        let present = try await Self.partyIDs(at: socket)
        #expect(acknowledged.isSubset(of: present), "lost: \(acknowledged.subtracting(present).sorted().prefix(10))")
        #expect(acknowledged.count >= Self.iterations, "too few writes were acknowledged to prove anything")
        print("crash loop: \(acknowledged.count) acknowledged writes, all present after \(Self.iterations) kills")
        _ = await Harness.stop(daemon.process)
    }

    /// Registers parties until the connection dies; returns the ids the daemon acknowledged.
    static func writeUntilKilled(socket: String, prefix: String, acknowledgements: AcknowledgementCounter) async -> [String] {
        guard let client = try? await CorridorClient.connect(to: socket, configuration: .forTests) else { return [] }
        var acknowledged: [String] = []
        var index = 0
        while true {
            let id = "\(prefix)-\(index)"
            index += 1
            do {
                _ = try await client.registerParty(Party(id: id, shortName: id, kind: .ngo), timeout: .seconds(30))
                acknowledged.append(id)
                acknowledgements.record()
            } catch {
                break
            }
        }
        await client.close()
        return acknowledged
    }

    static func partyIDs(at socket: String) async throws -> Set<String> {
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        defer { Task { await client.close() } }
        return Set(try await client.parties().map(\.id))
    }
}

/// Counts acknowledgements across writers and fires the kill once, at the chosen count.
final class AcknowledgementCounter: Sendable {
    private let state: Mutex<Int>
    private let killAfter: Int
    private let kill: @Sendable () -> Void

    init(killAfter: Int, kill: @escaping @Sendable () -> Void) {
        self.state = Mutex(0)
        self.killAfter = killAfter
        self.kill = kill
    }

    func record() {
        let reached = state.withLock { count in
            count += 1
            return count == killAfter
        }
        if reached { kill() }
    }
}

