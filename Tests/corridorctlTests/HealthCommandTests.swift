import CorridorTestSupport
import Foundation
import Testing

@Suite struct HealthCommandTests {
    @Test func aServingDaemonExitsZero() async throws {
        let server = try await InProcessServer.start()
        let run = try await Corridorctl.run(["health", "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "SERVING")
    }

    @Test func anUnknownServiceIsNotFound() async throws {
        let server = try await InProcessServer.start()
        let run = try await Corridorctl.run(["health", "--service", "corridor.v1.Nothing", "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 5, "NOT_FOUND")
        #expect(run.stderr.contains("NOT_FOUND"))
        #expect(run.stderr.contains("corridor.v1.Nothing"))
    }

    @Test func aServiceThatIsNotServingExitsOne() async throws {
        let server = try await InProcessServer.start()
        server.server.health.set(.notServing, for: "corridor.v1.System")
        let run = try await Corridorctl.run(["health", "--json", "--service", "corridor.v1.System", "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: String])
        #expect(object == ["service": "corridor.v1.System", "status": "NOT_SERVING"])
    }
}
