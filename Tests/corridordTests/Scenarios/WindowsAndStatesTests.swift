import CorridorClient
import CorridorTestSupport
import Foundation
import Testing

/// Issue 10, "The CLI for scripts", through a spawned corridord and the built
/// corridorctl as a coordination cell's script would run them: a one-off access
/// window announced in local time with its zone (the registry does the zone's
/// arithmetic and keeps it across a restart), a refused movement transition
/// that says where the movement can go, and a figure range the wrong way round.
@Suite("Windows in local time and state-change refusals")
struct WindowsAndStatesTests {
    @Test("window announce in local time, movement arrive from PLANNED, --value 1000-940")
    func windowsAndStates() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let daemon = try await ScenarioDaemon.start(socket: scratch.file("d.sock"), data: scratch.file("data"), in: scratch)
        defer { daemon.kill() }
        func ctl(_ arguments: [String]) async throws -> Scenario2Tests.Run {
            try await Scenario2Tests.corridorctl(arguments + ["--socket", daemon.socket])
        }
        func succeeds(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Scenario2Tests.Run {
            let run = try await ctl(arguments)
            #expect(run.status == 0, "corridorctl \(arguments.joined(separator: " ")): status \(run.status)\n\(run.stderr)", sourceLocation: sourceLocation)
            return run
        }

        _ = try await succeeds(["party", "add", "gov", "--short-name", "Government", "--kind", "government"])
        _ = try await succeeds(["site", "add", "xing-1", "--name", "Al-Wafideen", "--kind", "crossing"])
        _ = try await succeeds(["site", "add", "damascus", "--name", "Damascus", "--kind", "city"])
        _ = try await succeeds(["site", "add", "douma", "--name", "Douma", "--kind", "city"])

        // A ceasefire from 06:00 to 18:00 Damascus time: 03:00-15:00 UTC.
        let announced = try await succeeds([
            "window", "announce", "truce", "--name", "Truce", "--kind", "ceasefire", "--site", "xing-1", "--by", "gov",
            "--from", "2026-12-03T06:00", "--until", "2026-12-03T18:00", "--tz", "Asia/Damascus", "--json",
        ])
        let window = try #require(try JSONSerialization.jsonObject(with: Data(announced.stdout.utf8)) as? [String: Any], "\(announced.stdout)")
        let startsAtMs: UInt64 = 1_796_266_800_000  // 2026-12-03T03:00Z
        let endsAtMs: UInt64 = 1_796_310_000_000    // 2026-12-03T15:00Z
        #expect(window["startsAtMs"] as? String == String(startsAtMs))
        #expect(window["endsAtMs"] as? String == String(endsAtMs))
        #expect((window["oneOff"] as? [String: Any])?["startsAt"] as? String == "2026-12-03T06:00+03:00")
        // What is stored, after a restart.
        try await daemon.restart()
        let stored = try await daemon.client.getWindow(Corridor_V1_GetRequest(id: "truce"))
        #expect(stored.startsAtMs == startsAtMs && stored.endsAtMs == endsAtMs)
        #expect(stored.oneOff?.timeZone == "Asia/Damascus")
        // A local time the clocks skip is refused, naming the field.
        let gap = try await ctl([
            "window", "announce", "gap", "--name", "Gap", "--kind", "ceasefire", "--site", "xing-1", "--by", "gov",
            "--from", "2027-03-28T02:30", "--until", "2027-03-28T12:00", "--tz", "Europe/Berlin",
        ])
        #expect(gap.status != 0)
        #expect(gap.stderr.contains("window.one_off.starts_at") && gap.stderr.contains("does not exist in Europe/Berlin"), "\(gap.stderr)")

        // A movement cannot arrive before it has left: the refusal says where it can go.
        _ = try await succeeds(["movement", "plan", "m4", "--kind", "aid-convoy", "--from", "damascus", "--crossing", "xing-1", "--to", "douma", "--vehicle", "truck:1"])
        let arrive = try await ctl(["movement", "arrive", "m4"])
        #expect(arrive.status != 0)
        #expect(arrive.stderr.contains("movement m4 is PLANNED; from PLANNED it can go to NOTIFIED or ABORTED"), "\(arrive.stderr)")
        #expect(arrive.stderr.contains("FAILED_PRECONDITION") || arrive.stderr.contains("failed precondition") || arrive.stderr.contains("failedPrecondition"), "\(arrive.stderr)")

        // 1000-940: corridorctl says low must not exceed high, and sends nothing.
        let range = try await ctl([
            "figure", "report", "--subject-kind", "site", "--subject", "douma", "--measure", "killed", "--value", "1000-940",
            "--qualifier", "about", "--as-of", "2017-12-29", "--source", "gov",
        ])
        #expect(range.status != 0)
        #expect(range.stderr.contains("low 1000 must not exceed high 940"), "\(range.stderr)")
        // The same range sent over the wire by another client: INVALID_ARGUMENT naming the field.
        var figure = Corridor_V1_Figure()
        figure.low = 1000
        figure.high = 940
        var request = Corridor_V1_ReportFigureRequest()
        request.figure = figure
        do {
            _ = try await daemon.client.reportFigure(request)
            Issue.record("a figure with low 1000 and high 940 was recorded")
        } catch {
            #expect(error.code == .invalidArgument)
            let high = error.fieldViolations.first { $0.field == "figure.high" }
            #expect(high?.reason.contains("low must not exceed high") == true, "\(error.fieldViolations)")
        }
        await daemon.stop()
    }
}
