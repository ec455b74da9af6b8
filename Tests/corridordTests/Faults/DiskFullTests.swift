import CorridorClient
import CorridorTestSupport
import CorridorWire
import Foundation
import Glibc
import Testing

/// Issue 12: the daemon on a real full disk (a tmpfs filled by a ballast
/// file). Writes get RESOURCE_EXHAUSTED naming the path and the reason,
/// reads go on, writes resume by themselves once the ballast is deleted,
/// the refusal is logged once when it starts and once when it clears, and
/// every acknowledged write is there after a restart.
@Suite("corridord on a full disk", .serialized)
struct DaemonDiskFullTests {
    // Needs root to mount; CI runs the suites as root.
    @Test(.enabled(if: Tmpfs.canMount, "needs root: it mounts a tmpfs to fill a disk for real"))
    func writesAreRefusedReadsGoOnAndWritesResumeWhenSpaceReturns() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let tmpfs = try await Tmpfs.mount(size: "4m")
        do {
            try await exercise(tmpfs: tmpfs, scratch: scratch)
        } catch {
            await tmpfs.remove()
            throw error
        }
        await tmpfs.remove()
    }

    private func exercise(tmpfs: Tmpfs, scratch: TemporaryDirectory) async throws {
        let data = tmpfs.file("data")
        let socket = scratch.file("s.sock")
        let arguments = ["--socket", socket, "--data-dir", data, "--config", try StartRefusalTests.smallSegments(scratch)]
        var acknowledged: [String] = []

        let daemon = try await Harness.startReady(arguments, in: scratch)
        defer { daemon.process.kill() }
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        for index in 0..<5 { acknowledged.append(try await client.registerParty(StartRefusalTests.party(index)).id) }

        let ballast = try tmpfs.fill("ballast")
        var refusal: RPCError?
        for index in 5..<2000 {
            do {
                acknowledged.append(try await client.registerParty(StartRefusalTests.party(index)).id)
            } catch {
                refusal = error
                break
            }
        }
        let error = try #require(refusal, "2000 parties of ~300 bytes do not fit in what a full 4 MiB tmpfs leaves")
        #expect(error.code == .resourceExhausted, "\(error)")
        #expect(error.message.contains(data + "/segments"), "names the path: \(error.message)")
        #expect(error.message.contains("No space left on device") || error.message.contains("no space left"), "says why: \(error.message)")

        // Reads go on, and a second write is refused the same way.
        #expect(Set(try await client.parties().map(\.id)) == Set(acknowledged), "reads go on on a full disk")
        await #expect(throws: RPCError.self) { try await client.registerParty(StartRefusalTests.party(9999)) }

        // Space back: the next write goes through without any restart.
        try FileManager.default.removeItem(atPath: ballast)
        acknowledged.append(try await client.registerParty(StartRefusalTests.party(10_000)).id)
        await client.close()

        try await daemon.stopWhileReading()
        let log = try await daemon.process.stderr.untilEOF()
        let lines = log.split(separator: "\n")
        #expect(lines.count { $0.contains("appends are refused until this is resolved") } == 1, "logged once when it starts:\n\(log)")
        #expect(lines.count { $0.contains("appends accepted again") } == 1, "logged once when it clears:\n\(log)")

        try await StartRefusalTests.expectParties(acknowledged, arguments: arguments, socket: socket, scratch: scratch)
    }
}
