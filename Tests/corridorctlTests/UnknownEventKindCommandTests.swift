import CorridorTestSupport
import Foundation
import Testing

/// A newer daemon's event of a kind this corridorctl does not know: history
/// and watch show it as such, with its sequence and time, and go on.
@Suite struct UnknownEventKindCommandTests {
    @Test func historyAndWatchShowAnEventOfAnUnknownKind() async throws {
        let server = try await NewerDaemon.start()
        let socket = ["--socket", server.socketPath]
        let text = try await Corridorctl.run(["history", NewerDaemon.partyID] + socket)
        let json = try await Corridorctl.run(["history", NewerDaemon.partyID, "--json"] + socket)
        let watch = try await Corridorctl.run(["watch", "--from", "1"] + socket)
        let watchJSON = try await Corridorctl.run(["watch", "--from", "1", "--json"] + socket)
        await server.stop()

        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("7  2023-11-14T22:13:20.123Z  an event this corridorctl does not know"), "\(text.stdout)")
        #expect(text.stdout.contains("8  2023-11-14T22:13:20.123Z  party_registered"), "\(text.stdout)")
        #expect(watch.status == 0, "\(watch.stderr)")
        #expect(watch.stdout == text.stdout, "watch prints the same lines as history")

        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.map { $0["sequence"] as? String } == ["7", "8"])
        #expect(entries.first?["event"] == nil)
        #expect(entries.first?["recordedAtNs"] as? String == "\(NewerDaemon.recordedAtNs)")
        #expect(entries.last?["event"] != nil)

        #expect(watchJSON.status == 0, "\(watchJSON.stderr)")
        let lines = watchJSON.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(watchJSON.stdout)")
        #expect(lines.first?.contains("\"sequence\":\"7\"") == true, "\(watchJSON.stdout)")
    }
}
