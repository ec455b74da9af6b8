import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// How corridorctl fails, for scripts: with --json one cli.proto CliError on
/// stderr (and nothing on stdout), and an exit status per status code
/// (ExitStatus, docs/CLI.md). Against the in-process server; the daemon
/// itself in Tests/corridordTests/Scenarios/ScriptingTests.swift.
@Suite struct FailureReportTests {
    /// The CliError on stderr, parsed; fails the test if stderr is not one JSON object.
    func cliError(_ run: ProcessOutcome, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        #expect(run.stdout.isEmpty, "stdout: \(run.stdout)", sourceLocation: sourceLocation)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line: \(run.stderr)", sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stderr.utf8)) as? [String: Any], "\(run.stderr)", sourceLocation: sourceLocation)
    }

    func violations(_ object: [String: Any]) -> [(field: String, reason: String)] {
        (object["fieldViolations"] as? [[String: Any]] ?? []).map { ($0["field"] as? String ?? "", $0["description"] as? String ?? "") }
    }

    func ctl(_ server: InProcessServer, _ arguments: String...) async throws -> ProcessOutcome {
        try await Corridorctl.run(arguments + ["--socket", server.socketPath])
    }

    @Test func aRefusalWithFieldViolationsIsOneJSONObjectOnStderr() async throws {
        try await withServer { server in
            let run = try await ctl(server, "party", "add", "Not An Id!", "--short-name", "X", "--kind", "ngo", "--json")
            #expect(run.status == 3, "\(run.transcript)")
            let object = try cliError(run)
            #expect(object["code"] as? String == "INVALID_ARGUMENT")
            #expect(object["codeNumber"] as? Int == 3)
            #expect((object["message"] as? String)?.isEmpty == false)
            let fields = violations(object)
            #expect(fields.contains { $0.field.hasSuffix("id") && !$0.reason.isEmpty }, "\(run.stderr)")
            // Without --json the text is what it was: the code, the message, each field.
            let text = try await ctl(server, "party", "add", "Not An Id!", "--short-name", "X", "--kind", "ngo")
            #expect(text.status == 3)
            #expect(text.stderr.hasPrefix("Error: INVALID_ARGUMENT: "), "\(text.stderr)")
            #expect(text.stderr.contains("\n  \(fields.first?.field ?? "?"): "), "\(text.stderr)")
        }
    }

    @Test func notFoundAndAlreadyExistsExitApart() async throws {
        try await withServer { server in
            let missing = try await ctl(server, "party", "show", "gov", "--json")
            #expect(missing.status == 5, "\(missing.transcript)")
            #expect(try cliError(missing)["code"] as? String == "NOT_FOUND")
            let added = try await ctl(server, "party", "add", "gov", "--short-name", "Government", "--kind", "government")
            #expect(added.status == 0, "\(added.transcript)")
            let again = try await ctl(server, "party", "add", "gov", "--short-name", "Government", "--kind", "government", "--json")
            #expect(again.status == 6, "\(again.transcript)")
            let object = try cliError(again)
            #expect(object["code"] as? String == "ALREADY_EXISTS")
            #expect(object["codeNumber"] as? Int == 6)
            let text = try await ctl(server, "party", "add", "gov", "--short-name", "Government", "--kind", "government")
            #expect(text.status == 6)
            #expect(text.stderr.hasPrefix("Error: ALREADY_EXISTS: "), "\(text.stderr)")
        }
    }

    @Test func aStateTheRecordIsNotInIsFailedPrecondition() async throws {
        try await withServer { server in
            _ = try await ctl(server, "party", "add", "gov", "--short-name", "Government", "--kind", "government")
            let imposed = try await ctl(server, "rule", "impose", "r-1", "--by", "gov", "--description", "no men", "--effect", "exclude", "--sex", "male")
            #expect(imposed.status == 0, "\(imposed.transcript)")
            let lifted = try await ctl(server, "rule", "lift", "r-1", "--reason", "agreed")
            #expect(lifted.status == 0, "\(lifted.transcript)")
            let again = try await ctl(server, "rule", "lift", "r-1", "--reason", "agreed", "--json")
            #expect(again.status == 9, "\(again.transcript)")
            #expect(try cliError(again)["code"] as? String == "FAILED_PRECONDITION")
        }
    }

    /// Found by corridorctl before any call: INVALID_ARGUMENT naming the option.
    @Test func inputCorridorctlRefusesNamesTheOption() async throws {
        try await withServer { server in
            let plan = ["movement", "plan", "m-1", "--kind", "aid-convoy", "--from", "a", "--crossing", "b", "--to", "c"]
            let vehicle = try await Corridorctl.run(plan + ["--vehicle", "truck:x", "--json", "--socket", server.socketPath])
            #expect(vehicle.status == 3, "\(vehicle.transcript)")
            let object = try cliError(vehicle)
            #expect(object["code"] as? String == "INVALID_ARGUMENT")
            #expect(violations(object).map(\.field) == ["--vehicle"], "\(vehicle.stderr)")
            #expect((object["message"] as? String)?.contains("KIND:COUNT") == true)

            let file = try await Corridorctl.run(["movement", "plan", "--file", server.directory + "/no-such.json", "--json", "--socket", server.socketPath])
            #expect(file.status == 3, "\(file.transcript)")
            #expect(violations(try cliError(file)).map(\.field) == ["--file"], "\(file.stderr)")
            // The text stays as it was.
            let text = try await Corridorctl.run(plan + ["--vehicle", "truck:x", "--socket", server.socketPath])
            #expect(text.status == 3)
            #expect(text.stderr.hasPrefix("Error: --vehicle \"truck:x\": KIND:COUNT"), "\(text.stderr)")
        }
    }

    /// A command line that does not parse is argument-parser's usage error
    /// (64); with --json it is JSON too, naming the option.
    @Test func aCommandLineThatDoesNotParseExits64AndIsJSONWithJSON() async throws {
        let bad = try await Corridorctl.run(["party", "add", "p-1", "--short-name", "X", "--kind", "nonsense", "--json", "--socket", "/nonexistent/s.sock"])
        #expect(bad.status == 64, "\(bad.transcript)")
        let object = try cliError(bad)
        #expect(object["code"] as? String == "INVALID_ARGUMENT")
        #expect(violations(object).map(\.field) == ["--kind"], "\(bad.stderr)")
        let text = try await Corridorctl.run(["party", "add", "p-1", "--short-name", "X", "--kind", "nonsense"])
        #expect(text.status == 64)
        #expect(text.stderr.contains("Usage: corridorctl party add"), "\(text.stderr)")
    }

    @Test func anUnreachableDaemonIsUnavailableWithAHintAndNoMakeRun() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = try await Corridorctl.run(["status", "--json", "--socket", directory.file("none.sock")])
        #expect(run.status == 14, "\(run.transcript)")
        let object = try cliError(run)
        #expect(object["code"] as? String == "UNAVAILABLE")
        #expect(object["codeNumber"] as? Int == 14)
        let hint = try #require(object["hint"] as? String)
        #expect(hint.contains("systemctl start corridord") && hint.contains("--socket"), "\(hint)")
        #expect(!hint.contains("make run"), "\(hint)")
        let text = try await Corridorctl.run(["status", "--socket", directory.file("none.sock")])
        #expect(text.status == 14)
        #expect(text.stderr.hasPrefix("Error: UNAVAILABLE: "), "\(text.stderr)")
        #expect(!text.stderr.contains("make run"), "\(text.stderr)")
    }

    /// A socket that accepts and never answers: the hello times out, whatever
    /// the machine's speed (the timeout bounds the wait; nothing is timed).
    @Test func aDaemonThatDoesNotAnswerIsDeadlineExceeded() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("s.sock")
        let listener = try Self.listeningSocket(at: path)
        defer { close(listener) }
        let run = try await Corridorctl.run(["status", "--json", "--timeout", "0.2", "--socket", path])
        #expect(run.status == 4, "\(run.transcript)")
        #expect(try cliError(run)["code"] as? String == "DEADLINE_EXCEEDED")
    }

    /// A default socket in a directory anyone may write is refused before
    /// connecting: PERMISSION_DENIED, 7.
    @Test func aSocketNotTrustedIsPermissionDenied() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let runtime = directory.file("xdg")
        #expect(mkdir(runtime, 0o700) == 0 && mkdir(runtime + "/corridor", 0o700) == 0 && chmod(runtime + "/corridor", 0o777) == 0)
        try directory.write("xdg/corridor/corridord.sock", "")
        let run = try await Corridorctl.run(["status", "--json"], environment: ["XDG_RUNTIME_DIR": runtime])
        #expect(run.status == 7, "\(run.transcript)")
        let object = try cliError(run)
        #expect(object["code"] as? String == "PERMISSION_DENIED")
        #expect((object["message"] as? String)?.contains("refusing to connect") == true, "\(run.stderr)")
    }

    /// An export with --format json fails in JSON too.
    @Test func aJSONExportFailsInJSON() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = try await Corridorctl.run(["export", "cases", "--format", "json", "--socket", directory.file("none.sock")])
        #expect(run.status == 14, "\(run.transcript)")
        #expect(try cliError(run)["code"] as? String == "UNAVAILABLE")
    }

    func withServer(_ body: (InProcessServer) async throws -> Void) async throws {
        let server = try await InProcessServer.startWithRegistry()
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    static func listeningSocket(at path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0 && listen(descriptor, 1) == 0)
        return descriptor
    }
}
