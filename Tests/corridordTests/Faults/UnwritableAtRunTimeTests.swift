import CorridorClient
import CorridorTestSupport
import CorridorWire
import Foundation
import Glibc
import Testing

/// Issue 12: the data directory stops being writable while corridord runs
/// (as after a read-only remount, which the kernel refuses while the daemon
/// holds files open for writing; made here immutable, or mode 0500 for a
/// user other than root). Writes get UNAVAILABLE naming the path and the
/// reason, reads go on, writes resume once it is writable again, and every
/// acknowledged write is there after a restart.
@Suite("corridord when its data directory stops being writable", .serialized)
struct UnwritableAtRunTimeTests {
    @Test func writesAreUnavailableReadsGoOnAndWritesResume() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("data")
        let socket = scratch.file("s.sock")
        let arguments = ["--socket", socket, "--data-dir", data, "--config", try StartRefusalTests.smallSegments(scratch)]
        var acknowledged: [String] = []

        let daemon = try await Harness.startReady(arguments, in: scratch)
        defer { daemon.process.kill() }
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
        for index in 0..<5 { acknowledged.append(try await client.registerParty(StartRefusalTests.party(index)).id) }

        let segments = data + "/segments"
        try await Self.takeWriteAccess(segments)
        var refusal: RPCError?
        do {
            for index in 5..<2000 {
                do {
                    acknowledged.append(try await client.registerParty(StartRefusalTests.party(index)).id)
                } catch {
                    refusal = error
                    break
                }
            }
            #expect(Set(try await client.parties().map(\.id)) == Set(acknowledged), "reads go on")
        } catch {
            await Self.giveWriteAccess(segments)
            throw error
        }
        await Self.giveWriteAccess(segments)
        let error = try #require(refusal, "filling a 64 KiB segment needs a new one, which cannot be created")
        #expect(error.code == .unavailable, "\(error)")
        #expect(error.message.contains(segments), "names the path: \(error.message)")
        #expect(error.message.contains(geteuid() == 0 ? "Operation not permitted" : "Permission denied"), "says why: \(error.message)")

        // Writable again: the next write goes through without a restart.
        acknowledged.append(try await client.registerParty(StartRefusalTests.party(10_000)).id)
        await client.close()
        try await daemon.stopWhileReading()
        let log = try await daemon.process.stderr.untilEOF()
        let lines = log.split(separator: "\n")
        #expect(lines.count { $0.contains("appends are refused until this is resolved") } == 1, "logged once when it starts:\n\(log)")
        #expect(lines.count { $0.contains("appends accepted again") } == 1, "logged once when it clears:\n\(log)")

        try await StartRefusalTests.expectParties(acknowledged, arguments: arguments, socket: socket, scratch: scratch)
    }

    /// Root ignores mode bits: as root the directory is made immutable
    /// (creating a file in it then fails with EPERM).
    static func takeWriteAccess(_ path: String) async throws {
        if geteuid() == 0 {
            let result = try await TestProcess.run("/usr/bin/chattr", ["+i", path], combiningOutput: true)
            try #require(result.status == 0, "chattr +i failed: \(result.output)")
        } else {
            try #require(chmod(path, 0o500) == 0)
        }
    }

    static func giveWriteAccess(_ path: String) async {
        if geteuid() == 0 {
            _ = try? await TestProcess.run("/usr/bin/chattr", ["-i", path])
        } else {
            _ = chmod(path, 0o700)
        }
    }
}
