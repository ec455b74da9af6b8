import CorridorTestSupport
import Foundation
import Testing

@Suite struct StatusCommandTests {
    @Test func statusPrintsEveryFigure() async throws {
        let server = try await InProcessServer.start()
        let run = try await Corridorctl.run(["status", "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 0, "\(run.stderr)")
        for label in ["version", "protocol", "uptime", "socket", "data directory", "connections", "calls served", "pid"] {
            #expect(run.stdout.contains(label), "no \(label) in:\n\(run.stdout)")
        }
        #expect(run.stdout.contains(server.socketPath))
        #expect(run.stdout.contains("corridord 0.1.0"))
    }

    @Test func statusJSONCarriesTheSameFigures() async throws {
        let server = try await InProcessServer.start()
        let run = try await Corridorctl.run(["status", "--json", "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["socketPath"] as? String == server.socketPath)
        #expect(object["dataDirectory"] as? String == server.directory + "/data")
        #expect(object["protocolVersion"] as? [String: Int] == ["major": 1])
        #expect(object["serverVersion"] as? String == "0.1.0")
        #expect((object["openConnections"] as? Int ?? 0) >= 1)
        // proto3 JSON: a uint64 is a string, and 0 is left out.
        #expect(object["uptimeMs"] == nil || Int(object["uptimeMs"] as? String ?? "") != nil)
    }

    @Test func corridorSocketFromTheEnvironmentIsUsed() async throws {
        let server = try await InProcessServer.start()
        let run = try await Corridorctl.run(["status", "--json"], environment: ["CORRIDOR_SOCKET": server.socketPath])
        await server.stop()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(server.socketPath))
    }

    @Test func noDaemonIsAClearErrorWithAHint() async throws {
        let path = "/tmp/ctl-nothing-\(getpid()).sock"
        let run = try await Corridorctl.run(["status", "--socket", path])
        #expect(run.status == 14, "UNAVAILABLE")
        #expect(run.stderr.contains("UNAVAILABLE"))
        #expect(run.stderr.contains(path))
        // The hint names what an operator can do; `make run` is a developer's command.
        #expect(run.stderr.contains("systemctl start corridord"), "\(run.stderr)")
        #expect(!run.stderr.contains("make run"), "\(run.stderr)")
    }
}
