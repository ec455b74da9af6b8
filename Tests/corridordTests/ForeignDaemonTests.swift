import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// Issue 8, finding 3: a socket of another local user, in the place where
/// corridord's should be, got a new case's personal data from corridorctl.
/// Here the "other user" is a real corridord run as nobody (uid 65534);
/// the client must refuse it before any call. Needs root to start it so.
@Suite("clients refuse a daemon of another user")
struct ForeignDaemonTests {
    @Test("CorridorClient refuses a server running as uid 65534, naming the socket and the uid", .enabled(if: geteuid() == 0, "needs root to run corridord as another user"))
    func foreignDaemonRefused() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let home = scratch.file("nobody")
        // chmod, not mkdir's mode alone: mkdir's goes through whatever umask the test runner has.
        try #require(chmod(scratch.path, 0o755) == 0)
        try #require(mkdir(home, 0o700) == 0 && chmod(home, 0o700) == 0 && chown(home, 65534, 65534) == 0)
        let socket = home + "/run/d.sock"
        let setpriv = try CorridordBinary.tool("setpriv", hint: "It is in util-linux: apt-get install -y util-linux.")
        let daemon = try await DaemonProcess(
            executable: setpriv,
            // The daemon inherits the runner's umask; 077 keeps what it creates its own.
            ["--reuid=65534", "--regid=65534", "--clear-groups", "/bin/sh", "-c", #"umask 077 && exec "$0" "$@""#,
             try CorridordBinary.url().path, "--socket", socket, "--data-dir", home + "/data"]
        )
        defer { daemon.kill() }
        let stderr = try #require(daemon.stderrLines)
        _ = try await stderr.line(containing: "listening")

        do {
            let client = try await CorridorClient.connect(to: socket, configuration: .forTests)
            await client.close()
            Issue.record("the client talked to a daemon run by uid 65534")
        } catch {
            #expect(error.code == .permissionDenied, "\(error)")
            #expect(error.message.contains(socket), "\(error)")
            #expect(error.message.contains("uid 65534"), "\(error)")
        }
        await Harness.stopCleanly(daemon)
    }
}
