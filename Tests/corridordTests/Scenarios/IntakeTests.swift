import CorridorClient
import CorridorTestSupport
import Foundation
import Testing

/// Issue 10, "Intake history and vocabulary", end to end against a spawned
/// corridord, driven as a coordination cell would drive it: `corridorctl
/// --json`. A paper list typed in weeks later keeps its field dates, a
/// selection as of a day between the field's and the registry's counts from
/// the field's, a joint figure keeps both sources, and the new party kinds,
/// site kinds and measures go through the CLI, the daemon and the exports.
@Suite("Intake history and vocabulary")
struct IntakeTests {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    final class Session: Sendable {
        let socket: String
        init(socket: String) { self.socket = socket }

        /// corridorctl with the daemon's socket; its status, stdout and stderr.
        func run(_ arguments: [String]) async throws -> Scenario2Tests.Run {
            try await Scenario2Tests.corridorctl(arguments + ["--socket", socket])
        }

        /// corridorctl … --json, which must succeed; its output parsed.
        func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
            let result = try await run(arguments + ["--json"])
            guard result.status == 0 else {
                throw Failure(description: "corridorctl \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
            }
            guard let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
                throw Failure(description: "corridorctl \(arguments.joined(separator: " ")) printed no JSON object: \(result.stdout)")
            }
            return object
        }
    }

    @Test("a paper list typed in weeks later, selected as of a day between, a joint figure, and the new words")
    func intakeHistoryAndVocabulary() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let daemon = try await ScenarioDaemon.start(socket: scratch.file("d.sock"), data: scratch.file("data"), in: scratch)
        defer { daemon.kill() }
        let ctl = Session(socket: daemon.socket)
        let today = ScenarioClock.day()

        // MARK: Parties and places the reports name
        _ = try await ctl.json(["party", "add", "gov", "--short-name", "Government", "--kind", "government"])
        _ = try await ctl.json(["party", "add", "sarc", "--short-name", "SARC", "--kind", "red-cross-red-crescent"])
        let media = try await ctl.json(["party", "add", "enab", "--short-name", "Enab Baladi", "--kind", "media"])
        #expect(media["kind"] as? String == "MEDIA")
        let council = try await ctl.json(["party", "add", "douma-council", "--short-name", "Douma local council", "--kind", "local-council"])
        #expect(council["kind"] as? String == "LOCAL_COUNCIL")
        let activists = try await ctl.json(["party", "add", "vdc", "--short-name", "VDC", "--kind", "civil-society"])
        #expect(activists["kind"] as? String == "CIVIL_SOCIETY")
        let governorate = try await ctl.json(["site", "add", "rif-dimashq", "--name", "Rif Dimashq", "--kind", "governorate"])
        #expect(governorate["kind"] as? String == "GOVERNORATE")
        _ = try await ctl.json(["site", "add", "ghouta", "--name", "Eastern Ghouta", "--kind", "enclave", "--parent", "rif-dimashq"])
        let town = try await ctl.json(["site", "add", "douma", "--name", "Douma", "--kind", "town", "--parent", "ghouta"])
        #expect(town["kind"] as? String == "TOWN")
        let checkpoint = try await ctl.json(["site", "add", "cp-1", "--name", "Checkpoint on the Damascus road", "--kind", "checkpoint"])
        #expect(checkpoint["kind"] as? String == "CHECKPOINT")
        #expect(checkpoint["crossingStatus"] == nil, "a checkpoint is not a crossing")

        // MARK: A paper list from the field, typed in weeks later
        let fieldFirst = ScenarioClock.day(plusDays: -40)
        let fieldSecond = ScenarioClock.day(plusDays: -25)
        let csv = scratch.file("paper-list.csv")
        try Data("""
            registration_date,site,age_years,sex,precedence,consent,conditions
            \(fieldFirst),douma,40,f,routine,yes,cancer
            \(fieldSecond)T18:30:00.000+03:00,douma,41,m,routine,yes,cancer
            ,douma,42,m,routine,yes,cancer

            """.utf8).write(to: URL(fileURLWithPath: csv))
        let imported = try await ctl.json(["import", "cases", csv, "--reason", "paper list of the Douma council"])
        let ids = (imported["cases"] as? [[String: Any]] ?? []).compactMap { $0["caseId"] as? String }
        #expect(ids.count == 3, "\(imported)")
        guard ids.count == 3 else { return }

        let first = try await ctl.json(["case", "show", ids[0]])
        let firstCase = first["case"] as? [String: Any] ?? [:]
        #expect(firstCase["fieldRegisteredOn"] as? String == fieldFirst)
        let recordedMs = UInt64(firstCase["registeredAtMs"] as? String ?? "") ?? 0
        #expect(recordedMs > 0 && recordedMs <= ScenarioClock.nowMs, "the registry's own time stays")
        #expect(first["daysWaiting"] as? Int == 40, "days waited count from the field's day: \(first)")
        let second = try await ctl.json(["case", "show", ids[1]])
        #expect((second["case"] as? [String: Any])?["fieldRegisteredOn"] as? String == fieldSecond, "a date and time keeps its date")
        #expect(second["daysWaiting"] as? Int == 25)
        let third = try await ctl.json(["case", "show", ids[2]])
        #expect((third["case"] as? [String: Any])?["fieldRegisteredOn"] == nil)
        #expect(third["daysWaiting"] == nil, "0 days, left out of the JSON as proto3 does")

        let page = try await ctl.json(["case", "list", "--site", "douma"])
        let listed = (page["cases"] as? [[String: Any]] ?? []).compactMap { $0["case"] as? [String: Any] }
        #expect(listed.compactMap { $0["fieldRegisteredOn"] as? String } == [fieldFirst, fieldSecond])
        #expect(listed.allSatisfy { $0["registeredAtMs"] is String })
        let text = try await ctl.run(["case", "show", ids[0]])
        #expect(text.stdout.contains(fieldFirst) && text.stdout.contains("registered in the field"), "\(text.stdout)")
        #expect(text.stdout.contains("recorded by the registry"), "\(text.stdout)")

        // A field date in the future is refused, naming the field.
        let future = try await ctl.run([
            "case", "register", "--site", "douma", "--age-years", "30", "--sex", "female", "--precedence", "routine", "--consent", "yes",
            "--field-registered-on", ScenarioClock.day(plusDays: 5),
        ])
        #expect(future.status != 0)
        #expect(future.stderr.contains("case.field_registered_on"), "\(future.stderr)")

        // MARK: Selected as of a day between the field's and the registry's
        var agreement = try await daemon.client.recordAgreement(Corridor_V1_RecordAgreementRequest(agreement: Agreement(
            id: "a-douma", title: "Douma medical evacuations", parties: [.init(partyID: "gov", role: .party), .init(partyID: "sarc", role: .mediator)],
            agreedOn: today, status: .agreed
        )))
        if agreement.status != .agreed {
            agreement = try await daemon.client.setAgreementStatus(Corridor_V1_SetAgreementStatusRequest(agreementID: "a-douma", status: .agreed, date: today))
        }
        _ = try await ctl.json(["list", "create", "l-douma", "--agreement", "a-douma", "--origin", "ghouta", "--quota", "3"])
        let asOf = ScenarioClock.day(plusDays: -10)
        let selected = try await ctl.json(["list", "select", "l-douma", "--as-of", asOf])
        let entries = ((selected["list"] as? [String: Any])?["entries"] as? [[String: Any]] ?? [])
        let explanations = Dictionary(uniqueKeysWithValues: entries.compactMap { entry in
            (entry["caseId"] as? String).map { ($0, entry["explanation"] as? String ?? "") }
        })
        #expect(entries.compactMap { $0["caseId"] as? String } == ids, "longest waiting first, by the field's day")
        #expect(explanations[ids[0]] == "ROUTINE; waiting 30 days")
        #expect(explanations[ids[1]] == "ROUTINE; waiting 15 days")
        let late = explanations[ids[2]] ?? ""
        #expect(late == "ROUTINE; registered \(today), after the as-of date \(asOf): no days waited by then", "\(late)")

        // MARK: A joint figure, and the new measures
        let joint = try await ctl.json([
            "figure", "report", "--subject-kind", "site", "--subject", "ghouta", "--measure", "wounded-evacuated", "--value", "112",
            "--as-of", today, "--by", "sarc", "--by", "enab",
        ])
        #expect(joint["sourcePartyIds"] as? [String] == ["sarc", "enab"])
        #expect(joint["sourcePartyId"] as? String == "sarc", "the first source also alone, for readers of before")
        let almost = try await ctl.json([
            "figure", "report", "--subject-kind", "site", "--subject", "ghouta", "--measure", "killed", "--value", "600",
            "--qualifier", "almost", "--as-of", today, "--source", "vdc",
        ])
        #expect(almost["sourcePartyIds"] as? [String] == ["vdc"], "--source is still understood")
        for (measure, value, by) in [("fighters", "1500-2000", "douma-council"), ("families", "300", "douma-council"), ("bodies-recovered", "40", "sarc")] {
            let figure = try await ctl.json([
                "figure", "report", "--subject-kind", "site", "--subject", "ghouta", "--measure", measure, "--value", value,
                "--as-of", today, "--by", by,
            ])
            #expect(figure["measure"] as? String == measure.uppercased().replacingOccurrences(of: "-", with: "_"))
        }
        let byMedia = try await ctl.json(["figure", "ls", "--by", "enab"])
        #expect((byMedia["figures"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } == [joint["id"] as? String ?? "?"])
        let compared = try await ctl.run(["figure", "compare", "--subject", "ghouta", "--measure", "wounded-evacuated"])
        let rows = compared.stdout.split(separator: "\n").filter { $0.contains("112") }
        #expect(rows.count == 2, "under each of its sources:\n\(compared.stdout)")
        #expect(rows.contains { $0.hasPrefix("sarc") && $0.contains("joint with enab") }, "\(compared.stdout)")
        #expect(rows.contains { $0.hasPrefix("enab") && $0.contains("joint with sarc") }, "\(compared.stdout)")

        // MARK: The exports say it too, and libhxl reads them
        let figuresFile = scratch.file("figures.csv")
        let exported = try await ctl.run(["export", "figures", "--format", "hxl", "--output", figuresFile])
        #expect(exported.status == 0, "\(exported.stderr)")
        let figures = try await Scenario2Tests.libhxl(figuresFile)
        #expect(figures.valid, "\(figures.report)")
        func column(_ tag: String) -> Int? { figures.tags.firstIndex(of: tag) }
        let killedRow = try #require(figures.rows.first { row in column("#indicator+measure").map { row[$0] == "KILLED" } == true })
        #expect(column("#affected+killed").map { killedRow[$0] } == "", "almost 600 is not a count of 600")
        #expect(column("#affected+killed+max").map { killedRow[$0] } == "600")
        #expect(column("#meta+reported_value").map { killedRow[$0] } == "almost 600")
        let jointRow = try #require(figures.rows.first { row in column("#indicator+measure").map { row[$0] == "WOUNDED_EVACUATED" } == true })
        #expect(column("#meta+source").map { jointRow[$0] } == "sarc enab")
        #expect(column("#reached+evacuated+wounded").map { jointRow[$0] } == "112")

        let casesFile = scratch.file("cases.csv")
        #expect(try await ctl.run(["export", "cases", "--format", "hxl", "--output", casesFile]).status == 0)
        let cases = try await Scenario2Tests.libhxl(casesFile)
        #expect(cases.valid, "\(cases.report)")
        let fieldColumn = try #require(cases.tags.firstIndex(of: "#date+registered+field"))
        #expect(Set(cases.rows.map { $0[fieldColumn] }) == [fieldFirst, fieldSecond, ""])
        #expect(cases.tags.contains("#date+registered"))

        // The field's dates and the joint figure outlive a restart.
        try await daemon.restart()
        let shownAgain = try await ctl.json(["case", "show", ids[0]])
        #expect((shownAgain["case"] as? [String: Any])?["fieldRegisteredOn"] as? String == fieldFirst)
        let listedAgain = try await ctl.json(["figure", "ls", "--by", "enab"])
        #expect((listedAgain["figures"] as? [[String: Any]])?.first?["sourcePartyIds"] as? [String] == ["sarc", "enab"])
        await daemon.stop()
    }
}
