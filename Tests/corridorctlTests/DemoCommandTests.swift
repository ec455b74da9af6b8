import CorridorTestSupport
import Foundation
import Testing

/// `corridorctl demo` against a real in-process server: scenario 1 loaded,
/// and refused a second time.
@Suite struct DemoCommandTests {
    /// The demo makes some six hundred calls; on a machine busy with other
    /// tests one of them waited past corridorctl's default 10 s. What is tested
    /// here is what the demo loads, not how fast, so each call may wait long
    /// (longer still under a sanitizer: TestDeadline).
    static let patientTimeout = "\(TestDeadline.scaledSeconds(.seconds(600)))"

    /// What the demo loads (Sources/corridorctl/DemoWorld.swift): scenario 1's
    /// numbers and names, kept here only.
    enum Fixture {
        static let parties = 6
        static let sites = 5
        static let cases = 500
        static let quota = 29
        static let firstMovement = 4
        static let detainees = 29
        static let agreementID = "a-29-for-29"
        static let listID = "l-29-for-29"
        static let movementID = "m-day-1"
        static let enclave = "enclave"
        static let aDemoParty = "gov"
    }

    @Test func demoLoadsScenarioOneAndSaysWhatToTryNext() async throws {
        let server = try await InProcessServer.startWithRegistry()
        let run = try await Corridorctl.run(["demo", "--timeout", Self.patientTimeout, "--socket", server.socketPath])
        let status = try await Corridorctl.run(["status", "--json", "--socket", server.socketPath])
        let waiting = try await Corridorctl.run(["case", "list", "--site", Fixture.enclave, "--status", "waiting", "--limit", "1", "--json", "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 0, "stdout:\n\(run.stdout)\nstderr:\n\(run.stderr)")
        for line in [
            "\(Fixture.parties) parties", "\(Fixture.sites) sites", "\(Fixture.cases) waiting cases", "agreement \(Fixture.agreementID)",
            "list \(Fixture.listID)", "APPROVED", "movement \(Fixture.movementID)", "COMPLETED",
            "\(Fixture.firstMovement) of \(Fixture.quota) evacuations", "\(Fixture.detainees) of \(Fixture.detainees) releases",
            "corridorctl list show \(Fixture.listID)", "corridorctl agreement progress \(Fixture.agreementID)",
            "corridorctl figure compare --subject \(Fixture.enclave)", "corridorctl report waiting",
        ] {
            #expect(run.stdout.contains(line), "no \"\(line)\" in:\n\(run.stdout)")
        }
        // Every RPC was a recorded event: more than there are cases.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any], "\(status.stdout)")
        let store = try #require(object["store"] as? [String: Any], "\(object)")
        #expect((Int(store["lastSequence"] as? String ?? "") ?? 0) > Fixture.cases, "a uint64 is a string in proto3 JSON")
        // All registered WAITING, the quota LISTED: the rest still WAITING.
        #expect(waiting.status == 0, "\(waiting.stderr)")
        let page = try #require(try JSONSerialization.jsonObject(with: Data(waiting.stdout.utf8)) as? [String: Any], "\(waiting.stdout)")
        #expect(page["total"] as? Int == Fixture.cases - Fixture.quota, "\(waiting.stdout)")
    }

    @Test func demoJSONNamesWhatItLoaded() async throws {
        let server = try await InProcessServer.startWithRegistry()
        let run = try await Corridorctl.run(["demo", "--json", "--timeout", Self.patientTimeout, "--socket", server.socketPath])
        let again = try await Corridorctl.run(["demo", "--timeout", Self.patientTimeout, "--socket", server.socketPath])
        // Each command the demo suggests works on what it loaded.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        var suggested: [(String, ProcessOutcome)] = []
        for command in object["tryNext"] as? [String] ?? [] {
            let words = command.split(separator: " ").map(String.init)
            guard words.first == "corridorctl" else {
                Issue.record("not a corridorctl command: \(command)")
                continue
            }
            suggested.append((command, try await Corridorctl.run(Array(words.dropFirst()) + ["--socket", server.socketPath])))
        }
        await server.stop()
        #expect(run.status == 0, "\(run.stderr)")
        for (command, result) in suggested {
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(command) printed nothing")
        }
        #expect(object["cases"] as? Int == Fixture.cases)
        #expect((object["listed"] as? [String])?.count == Fixture.quota)
        #expect((object["evacuated"] as? [String])?.count == Fixture.firstMovement)
        #expect(object["listStatus"] as? String == "APPROVED")
        #expect(object["evacuationsDone"] as? Int == Fixture.firstMovement)
        #expect(object["evacuationsTarget"] as? Int == Fixture.quota)
        #expect((object["tryNext"] as? [String])?.isEmpty == false)

        // Loading it twice is refused, clearly, and changes nothing.
        #expect(again.status != 0)
        #expect(again.stderr.contains("already holds the demo's parties"), "\(again.stderr)")
        #expect(again.stderr.contains(Fixture.aDemoParty), "\(again.stderr)")
    }

    @Test func noDaemonIsAClearErrorWithAHint() async throws {
        let path = "/tmp/ctl-nodemo-\(getpid()).sock"
        let run = try await Corridorctl.run(["demo", "--socket", path])
        #expect(run.status == 14, "UNAVAILABLE")
        #expect(run.stderr.contains("UNAVAILABLE"), "\(run.stderr)")
        #expect(run.stderr.contains("systemctl start corridord"), "\(run.stderr)")
        #expect(!run.stderr.contains("make run"), "\(run.stderr)")
    }
}
