import Foundation
import Testing

/// `corridorctl demo` against a real in-process server: scenario 1 loaded,
/// and refused a second time.
@Suite struct DemoCommandTests {
    @Test func demoLoadsScenarioOneAndSaysWhatToTryNext() async throws {
        let server = try await DemoRegistryServer.start()
        let run = try await CorridorctlRun.launch(["demo", "--socket", server.socketPath])
        let status = try await CorridorctlRun.launch(["status", "--json", "--socket", server.socketPath])
        let waiting = try await CorridorctlRun.launch(["case", "list", "--site", "enclave", "--status", "waiting", "--limit", "1", "--json", "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 0, "stdout:\n\(run.stdout)\nstderr:\n\(run.stderr)")
        for line in [
            "6 parties", "5 sites", "500 waiting cases", "agreement a-29-for-29", "list l-29-for-29", "APPROVED",
            "movement m-day-1", "COMPLETED", "4 of 29 evacuations", "29 of 29 releases",
            "corridorctl list show l-29-for-29", "corridorctl agreement progress a-29-for-29",
            "corridorctl figure compare --subject enclave", "corridorctl report waiting",
        ] {
            #expect(run.stdout.contains(line), "no \"\(line)\" in:\n\(run.stdout)")
        }
        // Every RPC was a recorded event: far more than the 500 cases.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any], "\(status.stdout)")
        let store = try #require(object["store"] as? [String: Any], "\(object)")
        #expect((store["lastSequence"] as? Int ?? 0) > 500)
        // 500 registered, 29 listed, so 471 still WAITING.
        #expect(waiting.status == 0, "\(waiting.stderr)")
        let page = try #require(try JSONSerialization.jsonObject(with: Data(waiting.stdout.utf8)) as? [String: Any], "\(waiting.stdout)")
        #expect(page["total"] as? Int == 471, "\(waiting.stdout)")
    }

    @Test func demoJSONNamesWhatItLoaded() async throws {
        let server = try await DemoRegistryServer.start()
        let run = try await CorridorctlRun.launch(["demo", "--json", "--socket", server.socketPath])
        let again = try await CorridorctlRun.launch(["demo", "--socket", server.socketPath])
        // Each command the demo suggests works on what it loaded.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        var suggested: [(String, CorridorctlRun)] = []
        for command in object["tryNext"] as? [String] ?? [] {
            let words = command.split(separator: " ").map(String.init)
            guard words.first == "corridorctl" else {
                Issue.record("not a corridorctl command: \(command)")
                continue
            }
            suggested.append((command, try await CorridorctlRun.launch(Array(words.dropFirst()) + ["--socket", server.socketPath])))
        }
        await server.stop()
        #expect(run.status == 0, "\(run.stderr)")
        for (command, result) in suggested {
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(command) printed nothing")
        }
        #expect(object["cases"] as? Int == 500)
        #expect((object["listed"] as? [String])?.count == 29)
        #expect((object["evacuated"] as? [String])?.count == 4)
        #expect(object["listStatus"] as? String == "APPROVED")
        #expect(object["evacuationsDone"] as? Int == 4)
        #expect(object["evacuationsTarget"] as? Int == 29)
        #expect((object["tryNext"] as? [String])?.isEmpty == false)

        // Loading it twice is refused, clearly, and changes nothing.
        #expect(again.status != 0)
        #expect(again.stderr.contains("already holds the demo's parties"), "\(again.stderr)")
        #expect(again.stderr.contains("gov"), "\(again.stderr)")
    }

    @Test func noDaemonIsAClearErrorWithAHint() async throws {
        let path = "/tmp/ctl-nodemo-\(getpid()).sock"
        let run = try await CorridorctlRun.launch(["demo", "--socket", path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("UNAVAILABLE"), "\(run.stderr)")
        #expect(run.stderr.contains("make run"), "\(run.stderr)")
    }
}
