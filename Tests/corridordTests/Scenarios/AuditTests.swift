import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// The audit trail and the reasons of sensitive writes (issue 11) through a
/// spawned corridord and corridorctl: a death without a reason is refused
/// naming the field; a coordinator's read of a case's personal part appears
/// in `corridorctl audit`, with its filters; the record of a read whose answer
/// was received survives kill -9; a reload is an admin action; `inspect
/// audit` reads the trail with the daemon stopped.
@Suite("Every look at personal data is audited; sensitive writes need a reason")
struct AuditTests {
    static func ctl(_ daemon: ScenarioDaemon, _ arguments: [String]) async throws -> Scenario2Tests.Run {
        try await Scenario2Tests.corridorctl(arguments + ["--json", "--socket", daemon.socket])
    }

    static func json(_ run: Scenario2Tests.Run, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try #require(run.status == 0, "corridorctl failed (\(run.status)): \(run.stderr)", sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(run.stdout)", sourceLocation: sourceLocation)
    }

    /// [kind, method's last part, case] of each record of a ListAuditRecordsResponse.
    static func rows(_ response: [String: Any]) -> [[String]] {
        (response["records"] as? [[String: Any]] ?? []).map { record in
            [record["kind"] as? String ?? "", (record["method"] as? String ?? "").split(separator: "/").last.map(String.init) ?? "", record["caseId"] as? String ?? ""]
        }
    }

    @Test("a death needs a reason; reads are audited, filtered, kept through kill -9 and readable offline")
    func auditTrailThroughTheDaemon() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let daemon = try await ScenarioDaemon.start(socket: scratch.file("d.sock"), data: scratch.file("data"), in: scratch)
        defer { daemon.kill() }
        let client = daemon.client
        let user = try #require(getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) })

        _ = try await client.registerSite(Site(id: "hospital", name: "Field hospital", kind: .hospital))
        let view = try await client.registerCase(
            Case(siteID: "hospital", ageMonths: 6, sex: .female, precedence: .urgent, conditions: [.heartDisease], consentGiven: true),
            personal: CasePersonal(name: "Rana")
        )
        let id = try #require(view.case?.id)

        // MARK: A death without a reason is refused, naming the field; with one it is kept and shown.
        let today = ScenarioClock.day()
        let refused = try await Self.ctl(daemon, ["case", "status", id, "deceased", "--date", today])
        #expect(refused.status == 3, "INVALID_ARGUMENT is exit status 3: \(refused.stderr)")
        #expect(refused.stderr.contains("\"reason\""), "\(refused.stderr)")
        #expect(try await client.caseView(id).case?.status == .waiting)  // a read: on the trail too

        // MARK: A coordinator reads the case: the read is on the trail, with who and how.
        _ = try Self.json(try await Self.ctl(daemon, ["case", "show", id]))
        let reads = try Self.json(try await Self.ctl(daemon, ["audit", "--case", id, "--kind", "personal-read"]))
        #expect(Self.rows(reads) == [["PERSONAL_READ", "RegisterCase", id], ["PERSONAL_READ", "GetCase", id], ["PERSONAL_READ", "GetCase", id]])
        let actor = try #require((reads["records"] as? [[String: Any]])?.last?["actor"] as? [String: Any])
        #expect(actor["userName"] as? String == user)
        #expect(Self.rows(try Self.json(try await Self.ctl(daemon, ["audit", "--user", "no-such-user-\(getpid())"]))).isEmpty)
        #expect(Self.rows(try Self.json(try await Self.ctl(daemon, ["audit", "--since", "1h", "--user", "\(getuid())", "--case", id]))).count == 3)
        #expect(Self.rows(try Self.json(try await Self.ctl(daemon, ["audit", "--until", "2020-01-01"]))).isEmpty)

        // MARK: The death with its reason, in history.
        _ = try Self.json(try await Self.ctl(daemon, ["case", "status", id, "deceased", "--date", today, "--reason", "shelling; reported by the field team"]))
        let history = try await Scenario2Tests.corridorctl(["history", id, "--socket", daemon.socket])
        #expect(history.stdout.contains("reason: shelling; reported by the field team"), "\(history.stdout)")

        // MARK: A read answered, then kill -9: its record is still there.
        _ = try await client.caseView(id)
        daemon.kill()
        _ = await daemon.daemon.process.waitForExit()
        try await daemon.startAgain()
        let afterKill = try Self.json(try await Self.ctl(daemon, ["audit", "--case", id, "--kind", "personal-read"]))
        #expect(Self.rows(afterKill).map { $0[1] } == ["RegisterCase", "GetCase", "GetCase", "SetCaseStatus", "History", "GetCase"])

        // MARK: A reload is an admin action.
        try await daemon.daemon.reload()
        let admin = try Self.json(try await Self.ctl(daemon, ["audit", "--kind", "admin-action"]))
        #expect(Self.rows(admin).contains(["ADMIN_ACTION", "reload", ""]), "\(admin)")

        // MARK: With the daemon stopped, inspect audit reads the same trail.
        await daemon.stop()
        let offline = try await Scenario2Tests.corridorctl(["inspect", "audit", daemon.data, "--case", id, "--kind", "personal-read", "--json"])
        #expect(Self.rows(try Self.json(offline)).map { $0[1] } == ["RegisterCase", "GetCase", "GetCase", "SetCaseStatus", "History", "GetCase"])
        let text = try await Scenario2Tests.corridorctl(["inspect", "audit", daemon.data])
        #expect(text.status == 0 && text.stdout.contains("personal-read") && text.stdout.contains("admin-action"), "\(text.stdout)\(text.stderr)")
    }
}
