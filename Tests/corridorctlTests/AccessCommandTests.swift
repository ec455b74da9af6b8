import CorridorTestSupport
import Foundation
import Glibc
import CorridorWire
import Testing

/// `corridorctl access check` validates a policy file offline, with the
/// exit status of docs/CLI.md's table; `access whoami` shows what the
/// daemon sees of the caller.
@Suite struct AccessCommandTests {
    @Test func aGoodFileIsGoodAndListsItsRoles() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("access.toml")
        try "[users]\namal = \"coordinator\"\n\n[groups]\ncorridor = \"observer\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        let run = try await Corridorctl.run(["access", "check", file])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.stdout.contains("user amal: coordinator"))
        #expect(run.stdout.contains("group corridor: observer"))
        let json = try await Corridorctl.run(["access", "check", file, "--json"])
        #expect(json.status == 0, "\(json.transcript)")
        let report = try Corridor_V1_AccessCheckReport(jsonText: json.stdout)
        #expect(report.users == [Corridor_V1_AccessRoleGrant(name: "amal", role: "coordinator")])
        #expect(report.groups == [Corridor_V1_AccessRoleGrant(name: "corridor", role: "observer")])
    }

    @Test func aBadFileIsRefusedWithItsLineAndReason() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("access.toml")
        try "[users]\namal = \"coordinator\"\nsami = \"admn\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        let run = try await Corridorctl.run(["access", "check", file])
        #expect(run.status == 3, "\(run.transcript)")
        #expect(run.stderr.contains("\(file): line 3: `users.sami`: \"admn\" is not a role"), "\(run.transcript)")

        let json = try await Corridorctl.run(["access", "check", file, "--json"])
        #expect(json.status == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: Any], "\(json.transcript)")
        #expect(object["code"] as? String == "INVALID_ARGUMENT")
        #expect((object["message"] as? String)?.contains("line 3") == true)
        let violations = try #require(object["fieldViolations"] as? [[String: Any]])
        #expect(violations.first?["field"] as? String == "users.sami")

        let missing = try await Corridorctl.run(["access", "check", directory.file("none.toml")])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("No such file or directory"))
    }

    @Test func whoamiShowsTheUserAndRoleTheDaemonSees() async throws {
        let server = try await InProcessServer.start()
        let run = try await Corridorctl.run(["access", "whoami", "--socket", server.socketPath])
        let json = try await Corridorctl.run(["access", "whoami", "--json", "--socket", server.socketPath])
        let status = try await Corridorctl.run(["status", "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 0, "\(run.transcript)")
        // The test runs as the server's own user: admin by the built-in default.
        #expect(run.stdout.contains("uid \(getuid())"), "\(run.stdout)")
        #expect(run.stdout.contains("role    admin"), "\(run.stdout)")
        #expect(run.stdout.contains("policy  built-in default"), "\(run.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.transcript)")
        #expect(object["role"] as? String == "admin")
        #expect(status.stdout.contains("role admin"), "\(status.stdout)")
    }
}
