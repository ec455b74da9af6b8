import CorridorModel
import CorridorRegistry
import CorridorServer
import CorridorStore
import CorridorTestSupport
import CorridorWire
import Foundation
import Logging
import Testing

/// `corridorctl rule` and `corridorctl list` against a real server whose data
/// directory holds parties, sites, an agreement and waiting cases (written
/// to the log before the server starts: agreements have their own commands).
@Suite struct ListCommandTests {
    /// 2026-11-01T00:00Z.
    static let registeredAtMs: UInt64 = 1_793_491_200_000

    static func seededServer() async throws -> InProcessServer {
        let server = try await InProcessServer.startWithRegistry { data in
            let logger = Logger(label: "list-tests") { _ in SwiftLogNoOpLogHandler() }
            let (log, _) = try EventLog.open(directory: data, options: StoreOptions(), logger: logger)
            let actor = Actor(uid: 1000, userName: "medco", pid: 4242)
            var kinds: [EventKind] = [
                .partyRegistered(PartyRegistered(party: Party(id: "gov", shortName: "Government", kind: .government))),
                .partyRegistered(PartyRegistered(party: Party(id: "jaish", shortName: "Jaish", kind: .armedGroup))),
                .siteRegistered(SiteRegistered(site: Site(id: "ghouta", name: "Eastern Ghouta", kind: .enclave))),
                .siteRegistered(SiteRegistered(site: Site(id: "douma", name: "Douma", kind: .city, parentID: "ghouta"))),
                .agreementRecorded(AgreementRecorded(agreement: Agreement(
                    id: "a-29", title: "29 for 29", parties: [.init(partyID: "gov", role: .party), .init(partyID: "jaish", role: .party)], status: .agreed
                ))),
            ]
            let precedences: [Case.Precedence] = [.routine, .urgent, .priority, .routine, .urgent]
            for index in 1...5 {
                kinds.append(.caseRegistered(CaseRegistered(case: Case(
                    id: "c-0\(index)", siteID: "douma", ageMonths: index == 2 ? 6 : 400, sex: index == 4 ? .male : .female,
                    precedence: precedences[index - 1], conditions: [.cancer], consentGiven: true,
                    registeredAtMs: registeredAtMs + UInt64(index), originSiteID: "douma"
                ), personal: nil)))
            }
            for kind in kinds {
                let event = Event(actor: actor, atMs: registeredAtMs, kind)
                _ = try await log.appendDurably([PendingRecord(type: kind.recordType, payload: try testRecordCoding.encode(event), timestampNanoseconds: registeredAtMs * 1_000_000)])
            }
            try log.close()
        }
        return server
    }

    @Test func aListIsCreatedSelectedShownAndDiffed() async throws {
        let server = try await Self.seededServer()
        func ctl(_ arguments: String...) async throws -> ProcessOutcome {
            try await Corridorctl.run(arguments + ["--socket", server.socketPath])
        }
        let rule = try await ctl("rule", "impose", "no-men", "--imposed-by", "gov", "--effect", "exclude", "--sex", "male",
                                 "--min-age-years", "15", "--max-age-years", "55", "--description", "males aged 15 to 55 are excluded")
        #expect(rule.status == 0, "\(rule.stderr)")
        let rules = try await ctl("rule", "list", "--imposed-by", "gov")
        #expect(rules.stdout.contains("no-men") && rules.stdout.contains("sex MALE; age 180-671 months"), "\(rules.stdout)")
        let create = try await ctl("list", "create", "l1", "--agreement", "a-29", "--origin", "ghouta", "--quota", "2", "--rule", "no-men")
        #expect(create.status == 0, "\(create.stderr)")
        let select = try await ctl("list", "select", "l1", "--as-of", "2026-11-21")
        #expect(select.status == 0, "\(select.stderr)")
        #expect(select.stdout.contains("URGENT; infant 6 months; waiting 20 days"), "\(select.stdout)")
        #expect(select.stdout.contains("5 waiting cases considered; 3 left out"), "\(select.stdout)")
        #expect(select.stdout.contains("1  rule no-men (imposed by gov)"), "\(select.stdout)")
        #expect(select.stdout.contains("rank 3; quota of 2 filled"), "\(select.stdout)")
        let show = try await ctl("list", "show", "l1", "--json")
        #expect(show.status == 0, "\(show.stderr)")
        let summary = try Corridor_V1_ListSummary(jsonText: show.stdout)
        #expect(summary.list?.entries.map(\.caseID) == ["c-02", "c-05"])
        #expect(summary.waiting == 2)
        for step in [["submit", "l1"], ["approve", "l1", "--party", "gov"], ["approve", "l1", "--party", "jaish"],
                     ["strike", "l1", "c-05", "--party", "jaish", "--reason", "objection", "--top-up"]] {
            let run = try await Corridorctl.run(["list"] + step + ["--socket", server.socketPath])
            #expect(run.status == 0, "\(step): \(run.stderr)")
        }
        let diff = try await ctl("list", "diff", "l1", "1", "3")
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("CHANGED  c-05"), "\(diff.stdout)")
        #expect(diff.stdout.contains("ACTIVE → STRUCK"), "\(diff.stdout)")
        #expect(diff.stdout.contains("ADDED    c-03"), "\(diff.stdout)")
        let leftOut = try await ctl("list", "left-out", "l1", "--json")
        let report = try Corridor_V1_LeftOutResponse(jsonText: leftOut.stdout)
        #expect(report.leftOut.map(\.caseID) == ["c-04", "c-01"])
        let text = try await ctl("list", "show", "l1")
        #expect(text.stdout.contains("progress  2 listed, 1 struck"), "\(text.stdout)")
        let ls = try await ctl("list", "ls", "--status", "approved")
        #expect(ls.stdout.contains("l1") && ls.stdout.contains("2/2"), "\(ls.stdout)")
        await server.stop()
    }

    @Test func refusalsPrintTheStatusAndTheFields() async throws {
        let server = try await Self.seededServer()
        let bad = try await Corridorctl.run(["list", "create", "l1", "--agreement", "nope", "--origin", "ghouta", "--quota", "0", "--socket", server.socketPath])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("INVALID_ARGUMENT"), "\(bad.stderr)")
        #expect(bad.stderr.contains("list.agreement_id") && bad.stderr.contains("list.quota"), "\(bad.stderr)")
        let submit = try await Corridorctl.run(["list", "submit", "nope", "--socket", server.socketPath])
        #expect(submit.status != 0)
        #expect(submit.stderr.contains("NOT_FOUND"), "\(submit.stderr)")
        let lift = try await Corridorctl.run(["rule", "lift", "nope", "--reason", "x", "--socket", server.socketPath])
        #expect(lift.stderr.contains("NOT_FOUND"), "\(lift.stderr)")
        await server.stop()
    }

    @Test func aDisclosureIsWrittenToItsFileAndAudited() async throws {
        let server = try await Self.seededServer()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        func ctl(_ arguments: String...) async throws -> ProcessOutcome {
            try await Corridorctl.run(arguments + ["--socket", server.socketPath])
        }
        #expect(try await ctl("list", "create", "l1", "--agreement", "a-29", "--origin", "ghouta", "--quota", "2").status == 0)
        #expect(try await ctl("list", "select", "l1").status == 0)
        let file = directory.file("for-gov.json")
        let disclose = try await ctl("list", "disclose", "l1", "--to", "gov", "--profile", "counts", "--output", file)
        #expect(disclose.status == 0, "\(disclose.stderr)")
        #expect(disclose.stdout.contains("list l1 version 1 for gov, profile counts (case ids only): 2 rows written to \(file)"), "\(disclose.stdout)")
        let written = try Corridor_V1_ListDisclosure(jsonText: String(contentsOfFile: file, encoding: .utf8))
        #expect(written.listID == "l1" && written.partyID == "gov" && written.profile == "counts" && written.fields.isEmpty)
        #expect(written.rows.map(\.caseID) == ["c-02", "c-05"])
        var status = stat()
        #expect(stat(file, &status) == 0 && status.st_mode & 0o777 == 0o600)
        // --json prints what the file holds.
        let json = try await ctl("list", "disclose", "l1", "--to", "jaish", "--profile", "vetting", "--output", file, "--json")
        #expect(json.status == 0, "\(json.stderr)")
        let printed = try Corridor_V1_ListDisclosure(jsonText: json.stdout)
        #expect(printed == (try Corridor_V1_ListDisclosure(jsonText: String(contentsOfFile: file, encoding: .utf8))))
        #expect(printed.partyID == "jaish" && printed.rows.first?.ageMonths == 6 && printed.rows.first?.sex == .female)
        // Each disclosure is on the audit trail, by kind.
        let audit = try await ctl("audit", "--kind", "disclosure")
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains("to party gov, profile counts") && audit.stdout.contains("to party jaish, profile vetting"), "\(audit.stdout)")
        // An unknown profile: the field named, no file written.
        let other = directory.file("other.json")
        let refused = try await ctl("list", "disclose", "l1", "--to", "gov", "--profile", "medical", "--output", other)
        #expect(refused.status != 0 && refused.stderr.contains("INVALID_ARGUMENT") && refused.stderr.contains("profile"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: other))
        await server.stop()
    }
}
