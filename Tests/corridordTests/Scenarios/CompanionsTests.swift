import CorridorClient
import CorridorTestSupport
import Foundation
import Testing

/// Companions travel (issue 10): a list whose companions count, three
/// children each with her mother, through a spawned corridord and
/// `corridorctl --json` as a coordination cell drives it. Arrival evacuates
/// child and mother, an abort sends both back, the mother's death frees her
/// place for a top-up, and a case boards without its companions only with a
/// reason. A restart changes nothing.
@Suite("Companions travel with their case")
struct CompanionsTests {
    static let agreementID = "a-families"
    static let listID = "l-families"

    /// Runs corridorctl against the daemon and parses its `--json` output.
    static func ctl(_ daemon: ScenarioDaemon, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let run = try await Scenario2Tests.corridorctl(arguments + ["--json", "--socket", daemon.socket])
        try #require(run.status == 0, "corridorctl \(arguments.joined(separator: " ")) failed: \(run.stderr)", sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(run.stdout)", sourceLocation: sourceLocation)
    }

    /// (case id, companion of) of each passenger still on the manifest.
    static func aboard(_ movement: [String: Any]) -> [[String]] {
        (movement["passengers"] as? [[String: Any]] ?? []).filter { $0["removed"] as? Bool != true }.map {
            [$0["caseId"] as? String ?? "", $0["companionOf"] as? String ?? ""]
        }
    }

    static func entry(_ summary: [String: Any], of caseID: String) -> [String: Any]? {
        ((summary["list"] as? [String: Any])?["entries"] as? [[String: Any]])?.first { $0["caseId"] as? String == caseID }
    }

    static func number(_ object: [String: Any], _ key: String) -> Int { (object[key] as? NSNumber)?.intValue ?? 0 }

    @Test("child and mother board together, arrive together, go back together; her death frees her place; leaving her needs a reason")
    func companionsTravel() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let daemon = try await ScenarioDaemon.start(socket: scratch.file("d.sock"), data: scratch.file("data"), in: scratch)
        defer { daemon.kill() }
        let client = daemon.client
        let today = ScenarioClock.day()

        // MARK: Given: an enclave's hospital, a crossing, the capital; a deal for 6 places where companions count
        for party in [Party(id: "gov", shortName: "Government", kind: .government), Party(id: "ag", shortName: "Armed group", kind: .armedGroup)] {
            _ = try await client.registerParty(party)
        }
        for site in [
            Site(id: "enclave", name: "The enclave", kind: .enclave, controlledBy: "ag", besiegedBy: ["gov"]),
            Site(id: "hospital", name: "Field hospital", kind: .hospital, parentID: "enclave"),
            Site(id: "crossing", name: "The crossing", kind: .crossing, controlledBy: "gov"),
            Site(id: "capital", name: "The capital", kind: .city),
        ] { _ = try await client.registerSite(site) }
        func register(_ ageMonths: UInt32, _ precedence: Case.Precedence, companions: [String] = []) async throws -> String {
            let record = Case(siteID: "hospital", ageMonths: ageMonths, sex: .female, precedence: precedence, conditions: [.kidneyFailure],
                              consentGiven: true, companionIDs: companions)
            return try #require(try await client.registerCase(record).case?.id)
        }
        var mothers: [String] = []
        var children: [String] = []
        for _ in 0..<3 {
            let mother = try await register(360, .routine)
            mothers.append(mother)
            children.append(try await register(60, .urgent, companions: [mother]))
        }
        let spare = try await register(500, .routine)
        let agreement = Agreement(
            id: Self.agreementID, title: "Families out", parties: [.init(partyID: "gov", role: .party), .init(partyID: "ag", role: .party)],
            terms: [
                .init(id: "cases", description: "6 cases", obligorID: "gov", measure: .evacuations, target: 6, counting: .cases),
                .init(id: "people", description: "6 people", obligorID: "gov", measure: .evacuations, target: 6, counting: .people),
            ]
        )
        _ = try await client.recordAgreement(Corridor_V1_RecordAgreementRequest(agreement: agreement))
        _ = try await client.setAgreementStatus(Corridor_V1_SetAgreementStatusRequest(agreementID: Self.agreementID, status: .agreed, date: today))
        _ = try await Self.ctl(daemon, ["list", "create", Self.listID, "--agreement", Self.agreementID, "--origin", "enclave", "--quota", "6", "--companions-count"])
        _ = try await Self.ctl(daemon, ["list", "select", Self.listID])
        _ = try await Self.ctl(daemon, ["list", "submit", Self.listID])
        _ = try await Self.ctl(daemon, ["list", "approve", Self.listID, "--party", "gov"])
        _ = try await Self.ctl(daemon, ["list", "approve", Self.listID, "--party", "ag"])
        var shown = try await Self.ctl(daemon, ["list", "show", Self.listID])
        for (child, mother) in zip(children, mothers) {
            #expect(Self.entry(shown, of: child)?["companionIds"] as? [String] == [mother], "\(shown)")
        }
        #expect(Self.number(shown, "placesTaken") == 6)
        #expect(Self.number(shown, "companions") == 3)
        // In text, each mother on a row of her own under her child.
        let text = try await Scenario2Tests.corridorctl(["list", "show", Self.listID, "--socket", daemon.socket])
        let rows = text.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        for (child, mother) in zip(children, mothers) {
            let at = try #require(rows.firstIndex { $0.contains(" \(child) ACTIVE ") }, "\(text.stdout)")
            #expect(rows[at + 1] == "└ \(mother) COMPANION travels with \(child)", "\(text.stdout)")
        }

        // MARK: Family 1: the child boards and her mother with her; they depart and arrive
        _ = try await Self.ctl(daemon, ["movement", "plan", "evac-1", "--kind", "evacuation", "--from", "hospital", "--crossing", "crossing",
                                        "--to", "capital", "--list", Self.listID, "--agreement", Self.agreementID])
        let refused = try await Scenario2Tests.corridorctl(["movement", "manifest", "add", "evac-1", children[0], "--without-companions", "", "--json", "--socket", daemon.socket])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("companions_left_reason"), "\(refused.stderr)")
        let manifest = try await Self.ctl(daemon, ["movement", "manifest", "add", "evac-1", children[0]])
        #expect(Self.aboard(manifest) == [[children[0], ""], [mothers[0], children[0]]])
        let shownMovement = try await Scenario2Tests.corridorctl(["movement", "show", "evac-1", "--socket", daemon.socket])
        #expect(shownMovement.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            .contains("└ \(mothers[0]) companion of \(children[0]) capital"), "\(shownMovement.stdout)")
        _ = try await Self.ctl(daemon, ["movement", "notify", "evac-1"])
        _ = try await Self.ctl(daemon, ["movement", "depart", "evac-1", "--override", "no window announced; the parties agreed by phone"])
        _ = try await Self.ctl(daemon, ["movement", "arrive", "evac-1"])
        for id in [children[0], mothers[0]] {
            let view = try await client.caseView(id)
            #expect(view.case?.status == .evacuated, "\(id)")
            #expect(view.case?.siteID == "capital")
        }
        let progress = try await Self.ctl(daemon, ["agreement", "progress", Self.agreementID])
        let done = (progress["terms"] as? [[String: Any]] ?? []).map { Self.number($0, "done") }
        #expect(done == [1, 2], "\(progress)")

        // MARK: Family 2: they board, depart, and the movement is aborted: both are LISTED again
        _ = try await Self.ctl(daemon, ["movement", "plan", "evac-2", "--kind", "evacuation", "--from", "hospital", "--crossing", "crossing",
                                        "--to", "capital", "--list", Self.listID, "--passenger", children[1]])
        _ = try await Self.ctl(daemon, ["movement", "notify", "evac-2"])
        _ = try await Self.ctl(daemon, ["movement", "depart", "evac-2", "--override", "no window announced; the parties agreed by phone"])
        #expect(try await client.caseView(mothers[1]).case?.status == .inTransit)
        _ = try await Self.ctl(daemon, ["movement", "abort", "evac-2", "--reason", "shelling on the road"])
        for id in [children[1], mothers[1]] {
            #expect(try await client.caseView(id).case?.status == .listed, "\(id)")
        }

        // MARK: Family 3: the mother dies; the entry says so and her place goes to the next waiting case
        _ = try await Self.ctl(daemon, ["case", "status", mothers[2], "deceased", "--date", today, "--reason", "shelling"])
        shown = try await Self.ctl(daemon, ["list", "show", Self.listID])
        let entry = try #require(Self.entry(shown, of: children[2]))
        #expect(entry["state"] as? String == "ACTIVE")
        #expect(entry["companionIds"] == nil)
        let left = entry["companionsLeft"] as? [[String: Any]] ?? []
        #expect(left.map { $0["caseId"] as? String } == [mothers[2]])
        #expect((left.first?["reason"] as? String)?.hasPrefix("DECEASED on \(today)") == true)
        #expect(Self.number(shown, "placesTaken") == 5)
        #expect(Self.number(shown, "companionsLeft") == 1)
        let toppedUp = try await Self.ctl(daemon, ["list", "top-up", Self.listID])
        let active = (toppedUp["entries"] as? [[String: Any]] ?? []).filter { $0["state"] as? String == "ACTIVE" }.compactMap { $0["caseId"] as? String }
        #expect(active.contains(spare), "\(toppedUp)")
        #expect(try await client.caseView(spare).case?.status == .listed)

        // MARK: Family 2 again, with one seat: the child goes, her mother stays behind with a reason given
        _ = try await Self.ctl(daemon, ["movement", "plan", "evac-3", "--kind", "evacuation", "--from", "hospital", "--crossing", "crossing",
                                        "--to", "capital", "--list", Self.listID])
        let oneSeat = try await Self.ctl(daemon, ["movement", "manifest", "add", "evac-3", children[1], children[2], "--without-companions", "one seat left in the ambulance"])
        #expect(Self.aboard(oneSeat) == [[children[1], ""], [children[2], ""]])
        let first = (oneSeat["passengers"] as? [[String: Any]])?.first
        #expect(first?["companionsLeft"] as? [String] == [mothers[1]])
        #expect(first?["companionsLeftReason"] as? String == "one seat left in the ambulance")
        let oneSeatText = try await Scenario2Tests.corridorctl(["movement", "show", "evac-3", "--socket", daemon.socket])
        #expect(oneSeatText.stdout.contains("companion \(mothers[1]) stays behind: one seat left in the ambulance"), "\(oneSeatText.stdout)")
        #expect(try await client.caseView(mothers[1]).case?.status == .listed)

        // MARK: A restart replays the log to the same lists and movements
        let before = (try await client.getList(Corridor_V1_GetRequest(id: Self.listID)),
                      try await client.listMovements(Corridor_V1_ListMovementsRequest()))
        try await daemon.restart()
        let after = (try await daemon.client.getList(Corridor_V1_GetRequest(id: Self.listID)),
                     try await daemon.client.listMovements(Corridor_V1_ListMovementsRequest()))
        #expect(before.0 == after.0)
        #expect(before.1 == after.1)
        await daemon.stop()
    }
}
