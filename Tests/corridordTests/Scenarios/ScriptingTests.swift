import CorridorTestSupport
import Foundation
import Testing

/// corridorctl as a coordination cell's script drives it, against a spawned
/// corridord: the exit status tells NOT_FOUND from ALREADY_EXISTS, and the
/// JSON error on stderr says which field (docs/CLI.md).
@Suite("Scripting corridorctl")
struct ScriptingTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
        /// The CliError a failed --json command printed on stderr.
        func cliError() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(stderr.utf8)) as? [String: Any], "stderr: \(stderr)")
        }
    }

    static func corridorctl(_ arguments: [String]) async throws -> Run {
        let binary = try CorridordBinary.url().deletingLastPathComponent().appendingPathComponent("corridorctl")
        let process = try await DaemonProcess(executable: binary, arguments)
        defer { process.kill() }
        let stdout = try await process.stdout.untilEOF()
        let stderr = try await process.stderrAfterExit()
        return Run(status: await process.waitForExit(), stdout: stdout, stderr: stderr)
    }

    @Test("add a party if it is missing, tell taken from missing, read the refused field")
    func aScriptTellsFailuresApartByExitStatus() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let daemon = try await ScenarioDaemon.start(socket: scratch.file("d.sock"), data: scratch.file("data"), in: scratch)
        defer { daemon.kill() }
        let socket = ["--socket", daemon.socket]

        // `party show gov || party add gov`, deciding on the status alone.
        let missing = try await Self.corridorctl(["party", "show", "gov", "--json"] + socket)
        #expect(missing.status == 5, "NOT_FOUND is 5: \(missing.stderr)")
        #expect(missing.stdout.isEmpty)
        #expect(try missing.cliError()["code"] as? String == "NOT_FOUND")
        let added = try await Self.corridorctl(["party", "add", "gov", "--short-name", "Government", "--kind", "government", "--json"] + socket)
        #expect(added.status == 0, "\(added.stderr)")
        let shown = try await Self.corridorctl(["party", "show", "gov", "--json"] + socket)
        #expect(shown.status == 0, "\(shown.stderr)")

        // Run again, the script meets the party it added: ALREADY_EXISTS, 6, not 5.
        let again = try await Self.corridorctl(["party", "add", "gov", "--short-name", "Government", "--kind", "government", "--json"] + socket)
        #expect(again.status == 6, "ALREADY_EXISTS is 6: \(again.stderr)")
        let taken = try again.cliError()
        #expect(taken["code"] as? String == "ALREADY_EXISTS")
        #expect(taken["codeNumber"] as? Int == 6)

        // A refused field comes back by name.
        let refused = try await Self.corridorctl(["site", "add", "s-1", "--name", "Town", "--kind", "city", "--parent", "nowhere", "--json"] + socket)
        #expect(refused.status != 0 && refused.status != 64, "\(refused.stderr)")
        let fault = try refused.cliError()
        #expect(Int(refused.status) == fault["codeNumber"] as? Int, "the exit status is the code's number: \(refused.status), \(refused.stderr)")
        let fields = (fault["fieldViolations"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        #expect(fields.contains { $0.contains("parent") }, "\(refused.stderr)")

        // Once the daemon is gone: UNAVAILABLE, 14.
        await daemon.stop()
        let gone = try await Self.corridorctl(["party", "show", "gov", "--json"] + socket)
        #expect(gone.status == 14, "\(gone.stderr)")
        #expect(try gone.cliError()["code"] as? String == "UNAVAILABLE")
    }
}
