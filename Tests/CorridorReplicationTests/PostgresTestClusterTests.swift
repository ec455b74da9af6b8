import CorridorTestSupport
import Foundation
import Testing

/// The test cluster itself: what a crashed test process leaves behind is
/// cleaned up by the next one.
@Suite struct PostgresTestClusterTests {
    @Test func aClusterWhoseTestProcessDiedIsShutDownAndRemoved() async throws {
        let orphan = try await PostgresTestCluster.start()
        // An owner that has exited: a process that ran and was reaped.
        let gone = try await RunningProcess(executable: "/bin/true", [])
        #expect(await gone.waitForExit() == 0)
        try orphan.directory.write("postgres-test-cluster.owner", "\(gone.pid)\n")

        try await PostgresTestCluster.with { _ in }
        #expect(!FileManager.default.fileExists(atPath: orphan.directory.path))
        let status = await orphan.serverExit()
        #expect(status != nil && status != 137)
        await orphan.destroy()
    }
}
