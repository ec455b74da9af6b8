import CorridorTestSupport
import Foundation
import Testing

/// `corridorctl window announce --from --until --tz` sends local times and the
/// zone (the registry does the zone's arithmetic); a state change the record's
/// lifecycle refuses says where it can go; `figure report --value LOW-HIGH`
/// with LOW above HIGH says so.
@Suite struct WindowLocalTimeCommandTests {
    func ctl(_ server: InProcessServer, _ arguments: [String], failing: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) async throws -> ProcessOutcome {
        let run = try await Corridorctl.run(arguments + ["--socket", server.socketPath])
        if failing {
            #expect(run.status != 0, "expected a failure:\n\(run.stdout)", sourceLocation: sourceLocation)
        } else {
            #expect(run.status == 0, "\(arguments.joined(separator: " ")):\n\(run.stderr)", sourceLocation: sourceLocation)
        }
        return run
    }

    func withSeededServer(_ body: (InProcessServer) async throws -> Void) async throws {
        let server = try await InProcessServer.startWithRegistry()
        do {
            _ = try await ctl(server, ["party", "add", "gov", "--short-name", "Government", "--kind", "government"])
            _ = try await ctl(server, ["site", "add", "xing-1", "--name", "Al-Wafideen", "--kind", "crossing"])
            _ = try await ctl(server, ["site", "add", "damascus", "--name", "Damascus", "--kind", "city"])
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    static let announce = ["window", "announce", "truce", "--name", "Truce", "--kind", "ceasefire", "--site", "xing-1", "--by", "gov"]

    @Test func aOneOffWindowGoesOutInLocalTimeAndComesBackInMillisecondsAndItsZone() async throws {
        try await withSeededServer { server in
            let run = try await ctl(server, Self.announce + ["--from", "2026-12-03T06:00", "--until", "2026-12-03T18:00", "--tz", "Asia/Damascus", "--json"])
            let window = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            // proto3 JSON: uint64 as a string.
            #expect(window["startsAtMs"] as? String == "1796266800000", "\(run.stdout)")
            #expect(window["endsAtMs"] as? String == "1796310000000")
            let oneOff = try #require(window["oneOff"] as? [String: Any])
            #expect(oneOff["startsAt"] as? String == "2026-12-03T06:00+03:00")
            #expect(oneOff["endsAt"] as? String == "2026-12-03T18:00+03:00")
            #expect(oneOff["timeZone"] as? String == "Asia/Damascus")
            let shown = try await ctl(server, ["window", "show", "truce"])
            #expect(shown.stdout.contains("2026-12-03 06:00 Asia/Damascus..2026-12-03 18:00 Asia/Damascus"), "\(shown.stdout)")
        }
    }

    @Test func aTimeTheClocksSkipIsRefusedByTheRegistryNamingTheField() async throws {
        try await withSeededServer { server in
            let run = try await ctl(server, Self.announce + ["--from", "2027-03-28T02:30", "--until", "2027-03-28T12:00", "--tz", "Europe/Berlin"], failing: true)
            #expect(run.stderr.contains("window.one_off.starts_at"), "\(run.stderr)")
            #expect(run.stderr.contains("does not exist in Europe/Berlin"), "\(run.stderr)")
            let missingZone = try await ctl(server, Self.announce + ["--from", "2026-12-03T06:00", "--until", "2026-12-03T18:00"], failing: true)
            #expect(missingZone.stderr.contains("window.one_off.time_zone"), "\(missingZone.stderr)")
        }
    }

    @Test func anIllegalMovementTransitionSaysWhereTheMovementCanGo() async throws {
        try await withSeededServer { server in
            _ = try await ctl(server, ["movement", "plan", "m4", "--kind", "aid-convoy", "--from", "damascus", "--crossing", "xing-1", "--to", "damascus",
                                       "--vehicle", "truck:1"])
            let run = try await ctl(server, ["movement", "arrive", "m4"], failing: true)
            #expect(run.stderr.contains("movement m4 is PLANNED; from PLANNED it can go to NOTIFIED or ABORTED"), "\(run.stderr)")
        }
    }

    @Test func aRangeWhoseLowExceedsItsHighIsRefusedSayingSo() async throws {
        try await withSeededServer { server in
            let run = try await ctl(server, [
                "figure", "report", "--subject-kind", "site", "--subject", "xing-1", "--measure", "killed", "--value", "1000-940",
                "--qualifier", "about", "--as-of", "2017-12-29", "--source", "gov",
            ], failing: true)
            #expect(run.stderr.contains("low 1000 must not exceed high 940"), "\(run.stderr)")
            let listed = try await ctl(server, ["figure", "ls", "--json"])
            #expect(!listed.stdout.contains("1000"), "\(listed.stdout)")
        }
    }
}
