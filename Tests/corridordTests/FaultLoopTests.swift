import CorridorClient
import Foundation
import Glibc
import Synchronization
import Testing
import CorridorTestSupport

/// The storage promise under faults (issue 8): writers, kill -9, one fault
/// applied to the data directory, restart. Either every acknowledged write
/// is there, or corridord refuses to start with a message naming the damage
/// (file and offset) and `corridorctl inspect verify` agrees — never a silent
/// cut of an acknowledged write. CORRIDOR_FAULT_ROUNDS sets the number of
/// rounds (scripts/fault-loop runs many more), CORRIDOR_FAULT_SEED replays one.
@Suite(.serialized) struct FaultLoopTests {
    static let rounds = Int(ProcessInfo.processInfo.environment["CORRIDOR_FAULT_ROUNDS"] ?? "") ?? 32
    static let writers = 4

    enum Fault: String, CaseIterable {
        case flipByte = "flip a byte"
        case truncateActive = "truncate the active segment"
        case cutBelowHeader = "cut a segment below its header"
        case deleteLockAndStartSecond = "delete LOCK and start a second daemon"
    }

    enum Start {
        case ready(ReadyDaemon)
        case refused(status: Int32, stderr: String)
    }

    @Test func everyAcknowledgedWriteSurvivesOrTheDaemonRefusesNamingTheDamage() async throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["CORRIDOR_FAULT_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64.max)
        print("fault loop: \(Self.rounds) rounds, seed \(seed) (CORRIDOR_FAULT_SEED=\(seed) replays it)")
        var random = SeededGenerator(seed: seed)
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let socket = scratch.file("s.sock")
        // Small segments, so faults also land in sealed segments and rolls.
        try scratch.write("corridord.json", #"{"store": {"segmentBytes": 65536, "snapshotEveryEvents": 97}}"#)

        var acknowledgedTotal = 0
        var refusals: [Fault: Int] = [:]
        var survived: [Fault: Int] = [:]
        var losses = 0
        for round in 0..<Self.rounds {
            let fault = Fault.allCases[Int(random.next() % UInt64(Fault.allCases.count))]
            let data = scratch.file("data-\(round)")
            let arguments = ["--socket", socket, "--data-dir", data, "--config", scratch.file("corridord.json")]
            guard case .ready(let daemon) = try await Self.start(arguments, in: scratch, notifyName: "n\(round)a.sock") else {
                Issue.record("round \(round): a fresh data directory did not start")
                return
            }
            let killAfter = Int(random.next() % 150) + 1
            var secondDaemonRefused = true
            if fault == .deleteLockAndStartSecond {
                try FileManager.default.removeItem(atPath: data + "/LOCK")
                let second = try await Self.start(
                    ["--socket", scratch.file("second.sock"), "--data-dir", data, "--config", scratch.file("corridord.json")],
                    in: scratch, notifyName: "n\(round)b.sock"
                )
                if case .ready(let intruder) = second {
                    secondDaemonRefused = false
                    intruder.process.kill()
                    _ = await intruder.process.waitForExit()
                }
            }
            #expect(secondDaemonRefused, "round \(round): a second corridord started on a data directory in use once LOCK was deleted")
            let acknowledged = await Self.writeThenKill(daemon, socket: socket, round: round, killAfter: killAfter)
            acknowledgedTotal += acknowledged.count

            let applied = try Self.apply(fault, to: data, random: &random)
            switch try await Self.start(arguments, in: scratch, notifyName: "n\(round)c.sock") {
            case .ready(let restarted):
                let present = try await CrashLoopTests.partyIDs(at: socket)
                let missing = acknowledged.subtracting(present)
                if !missing.isEmpty { losses += missing.count }
                #expect(missing.isEmpty, "round \(round), \(fault.rawValue) (\(applied)): \(missing.count) acknowledged writes silently lost: \(missing.sorted().prefix(5))")
                survived[fault, default: 0] += 1
                restarted.process.kill()
                _ = await restarted.process.waitForExit()
            case .refused(let status, let stderr):
                refusals[fault, default: 0] += 1
                #expect(status != 0)
                #expect(stderr.contains(data + "/segments/") && stderr.contains("offset"),
                        "round \(round), \(fault.rawValue) (\(applied)): the refusal must name the file and offset: \(stderr.suffix(600))")
                let verify = try await Self.verify(data)
                #expect(verify != 0, "round \(round), \(fault.rawValue) (\(applied)): corridord refuses to start but inspect verify exits 0")
            }
        }
        let summary = Fault.allCases.map { "\($0.rawValue): \(refusals[$0, default: 0]) refused, \(survived[$0, default: 0]) started" }
        print("fault loop: \(Self.rounds) rounds, \(acknowledgedTotal) acknowledged writes, losses \(losses); " + summary.joined(separator: "; "))
        #expect(acknowledgedTotal >= Self.rounds, "too few writes were acknowledged to prove anything")
    }

    /// Starts corridord and waits for READY=1, or for it to exit (a refusal).
    static func start(_ arguments: [String], in scratch: TemporaryDirectory, notifyName: String) async throws -> Start {
        let notify = try NotifySocket(in: scratch, name: notifyName)
        let process = try await DaemonProcess(arguments, environment: ["NOTIFY_SOCKET": notify.path], stderr: .pipe)
        do {
            let (ready, before) = try await Harness.firstReady(of: process, on: notify)
            return .ready(ReadyDaemon(process: process, notify: notify, ready: ready, beforeReady: before))
        } catch {
            guard !process.isRunning else {
                process.kill()
                throw error
            }
            let status = await process.waitForExit()
            return .refused(status: status, stderr: (try? await process.stderrAfterExit()) ?? "")
        }
    }

    /// Writers register parties until corridord is killed after `killAfter`
    /// acknowledgements; returns the acknowledged ids.
    static func writeThenKill(_ daemon: ReadyDaemon, socket: String, round: Int, killAfter: Int) async -> Set<String> {
        var acknowledged: Set<String> = []
        let counter = AcknowledgementCounter(killAfter: killAfter) { daemon.process.kill() }
        await withTaskGroup(of: [String].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    await CrashLoopTests.writeUntilKilled(socket: socket, prefix: "f\(round)-w\(writer)", acknowledgements: counter)
                }
            }
            for await ids in group { acknowledged.formUnion(ids) }
        }
        _ = await daemon.process.waitForExit()
        return acknowledged
    }

    /// Applies one fault to the stopped daemon's files; says what it did.
    static func apply(_ fault: Fault, to data: String, random: inout SeededGenerator) throws -> String {
        let segments = data + "/segments"
        let names = try FileManager.default.contentsOfDirectory(atPath: segments).filter { $0.hasSuffix(".log") }.sorted()
        guard let lastName = names.last else { return "no segment" }
        switch fault {
        case .flipByte:
            // Mostly the active segment, where a torn write and damage meet.
            let name = random.next() % 4 == 0 ? names[Int(random.next() % UInt64(names.count))] : lastName
            let path = segments + "/" + name
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let written = (bytes.lastIndex { $0 != 0 } ?? 63) + 1
            let offset = Int(random.next() % UInt64(written + 64))
            guard offset < bytes.count else { return "offset past the end of \(name)" }
            bytes[offset] ^= UInt8(1) << UInt8(random.next() % 8)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return "\(name) byte \(offset) of \(written) written"
        case .truncateActive:
            let path = segments + "/" + lastName
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let written = (bytes.lastIndex { $0 != 0 } ?? 63) + 1
            let length = Int(random.next() % UInt64(written + 256))
            guard truncate(path, off_t(length)) == 0 else { throw DaemonTestError("truncate \(path): errno \(errno)") }
            return "\(lastName) cut to \(length) of \(written) written"
        case .cutBelowHeader:
            let name = names[Int(random.next() % UInt64(names.count))]
            let length = Int(random.next() % 4096)
            guard truncate(segments + "/" + name, off_t(length)) == 0 else { throw DaemonTestError("truncate: errno \(errno)") }
            return "\(name) cut to \(length) bytes"
        case .deleteLockAndStartSecond:
            return "LOCK deleted while running"
        }
    }

    /// `corridorctl inspect verify` on the data directory; its exit status.
    static func verify(_ data: String) async throws -> Int32 {
        let corridorctl = try CorridordBinary.url().deletingLastPathComponent().appendingPathComponent("corridorctl")
        let process = try await DaemonProcess(executable: corridorctl, ["inspect", "verify", data], stderr: .pipe)
        return await process.waitForExit()
    }
}
