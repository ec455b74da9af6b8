import CorridorClient
import CorridorModel
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// SIGHUP reads the access policy again: an open connection stays open and
/// its next call is judged by the new policy; a bad file is refused with its
/// line, logged, and the old policy stays. A bad file at start stops the start.
@Suite("corridord access policy reload", .serialized)
struct AccessReloadTests {
    static let me: String = {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "root" }
        return String(cString: name)
    }()

    static func policy(_ role: String) -> String { "[users]\n\"\(me)\" = \"\(role)\"\n" }

    @Test("a new policy applies to open connections; a bad one is refused with its line and the old stays")
    func reloadSwapsThePolicy() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        try scratch.write("access.toml", Self.policy("observer"))
        let socket = scratch.file("d.sock")
        let daemon = try await Harness.startReady(
            ["--access-policy", scratch.file("access.toml"), "--socket", socket, "--data-dir", scratch.file("data")], in: scratch
        )
        defer { daemon.process.kill() }
        let client = try await CorridorClient.connect(to: socket, configuration: .forTests)

        #expect(try await client.status().caller?.role == "observer")
        do {
            _ = try await client.registerParty(Party(id: "gov", shortName: "Government", kind: .government))
            Issue.record("an observer registered a party")
        } catch {
            #expect(error.code == .permissionDenied, "\(error)")
        }

        try scratch.write("access.toml", Self.policy("coordinator"))
        let ready = try await daemon.reload()
        #expect(ready["STATUS"]?.contains("configuration reloaded") == true, "\(ready)")
        // The same connection, judged by the new policy.
        #expect(try await client.status().caller?.role == "coordinator")
        _ = try await client.registerParty(Party(id: "gov", shortName: "Government", kind: .government))

        try scratch.write("access.toml", "[users]\n# a typo\n\"\(Self.me)\" = \"admn\"\n")
        let refused = try await daemon.reload()
        #expect(refused["STATUS"]?.contains("reload failed") == true, "\(refused)")
        let line = try await daemon.process.stderr.line(containing: "reload failed")
        #expect(line.contains("\(scratch.file("access.toml")): line 3"), "\(line)")
        #expect(line.contains("\"admn\" is not a role"), "\(line)")
        // The old policy stays, on the same connection.
        #expect(try await client.status().caller?.role == "coordinator")
        _ = try await client.registerParty(Party(id: "un", shortName: "United Nations", kind: .unAgency))

        await client.close()
        await Harness.stopCleanly(daemon.process)
    }

    @Test("a bad policy file at start stops the start, naming the file and line")
    func badPolicyAtStart() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        try scratch.write("access.toml", "[users\n")
        let process = try await DaemonProcess(
            ["--access-policy", scratch.file("access.toml"), "--socket", scratch.file("d.sock"), "--data-dir", scratch.file("data")]
        )
        let status = await process.waitForExit()
        #expect(status != 0)
        let stderr = try await process.stderrAfterExit()
        #expect(stderr.contains("\(scratch.file("access.toml")): line 1"), "\(stderr)")
    }
}
