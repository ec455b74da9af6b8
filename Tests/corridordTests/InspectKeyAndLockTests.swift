import CorridorClient
import CorridorModel
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// `corridorctl inspect` against a real corridord's data directory:
/// `verify --key-file` opens every sealed personal part (and says when it
/// did not), and `inspect audit` probes the lock corridord really holds (the
/// data directory's, not DIR/audit's).
@Suite("corridorctl inspect on corridord's data directory", .serialized)
struct InspectKeyAndLockTests {
    @Test func verifyWithTheKeyFileReportsASealedPartWhoseKeyIsGone() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("data")
        let socket = scratch.file("s.sock")
        let keyFile = data + "/personal-data.key"
        let keyStore = data + "/personal-keys"
        var ids: [String] = []
        do {
            let daemon = try await Harness.startReady(["--socket", socket, "--data-dir", data], in: scratch)
            defer { daemon.process.kill() }
            let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
            _ = try await client.registerSite(Site(id: "hospital", name: "Hospital", kind: .hospital))
            for name in ["First Sealed", "Second Sealed"] {
                ids.append(try #require(try await client.registerCase(PersonalDataOnDiskTests.patient, personal: CasePersonal(name: name)).case?.id))
            }
            await client.close()
            try await daemon.stopWhileReading()
        }

        let unchecked = try await PersonalDataOnDiskTests.corridorctl(["inspect", "verify", data])
        #expect(unchecked.status == 0, "\(unchecked.transcript)")
        #expect(unchecked.stdout.contains("sealed personal parts: not checked (give --key-file to open each)"), "\(unchecked.transcript)")

        let checked = try await PersonalDataOnDiskTests.corridorctl(["inspect", "verify", data, "--key-file", keyFile])
        #expect(checked.status == 0, "\(checked.transcript)")
        #expect(checked.stdout.contains("sealed personal parts: 2 checked with the key file, 0 do not open"), "\(checked.transcript)")

        // The key store without its last entry (cut at the entry's start, so
        // it is no torn tail): the second case's part can no longer open.
        let whole = Array(try Data(contentsOf: URL(fileURLWithPath: keyStore)))
        let firstLength = 8 + Int(UInt32(whole[16]) | UInt32(whole[17]) << 8 | UInt32(whole[18]) << 16 | UInt32(whole[19]) << 24)
        try Data(whole.prefix(16 + firstLength)).write(to: URL(fileURLWithPath: keyStore))
        let damaged = try await PersonalDataOnDiskTests.corridorctl(["inspect", "verify", data, "--key-file", keyFile])
        #expect(damaged.status == 15, "DATA_LOSS: \(damaged.transcript)")
        #expect(damaged.stdout.contains("the key store holds no data key for case \(ids[1]), and no erasure of it is recorded"), "\(damaged.transcript)")
        #expect(!damaged.stdout.contains("case \(ids[0])"), "\(damaged.transcript)")
        #expect(damaged.stdout.contains("sealed personal parts: 2 checked with the key file, 1 do not open"), "\(damaged.transcript)")
    }

    @Test func inspectAuditBesideARunningDaemonSaysItRuns() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("data")
        let daemon = try await Harness.startReady(["--socket", scratch.file("s.sock"), "--data-dir", data], in: scratch)
        defer { daemon.process.kill() }
        let running = try await PersonalDataOnDiskTests.corridorctl(["inspect", "audit", data])
        #expect(running.status == 0, "\(running.transcript)")
        #expect(running.stderr.contains("note: \(data): in use by corridord (pid \(daemon.process.pid))"), "\(running.transcript)")
        try await daemon.stopWhileReading()

        let stopped = try await PersonalDataOnDiskTests.corridorctl(["inspect", "audit", data])
        #expect(stopped.status == 0, "\(stopped.transcript)")
        #expect(!stopped.stderr.contains("in use"), "\(stopped.transcript)")
    }
}
