@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import Foundation
import Testing

/// `corridorctl window` and `corridorctl movement` against a real in-process
/// server: scenario 2 (a convoy under fire) as an operator types it.
@Suite struct WindowAndMovementCommandTests {
    /// Runs corridorctl against the server; fails the test when it exits non-zero unless `failing`.
    func ctl(_ server: InProcessServer, _ arguments: [String], failing: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) async throws -> ProcessOutcome {
        let run = try await Corridorctl.run(arguments + ["--socket", server.socketPath])
        if failing {
            #expect(run.status != 0, "expected a failure:\n\(run.stdout)", sourceLocation: sourceLocation)
        } else {
            #expect(run.status == 0, "\(arguments.joined(separator: " ")):\n\(run.stderr)", sourceLocation: sourceLocation)
        }
        return run
    }

    func seed(_ server: InProcessServer) async throws {
        _ = try await ctl(server, ["party", "add", "gov", "--short-name", "Government", "--kind", "government"])
        _ = try await ctl(server, ["site", "add", "ghouta", "--name", "Eastern Ghouta", "--kind", "enclave"])
        _ = try await ctl(server, ["site", "add", "douma", "--name", "Douma", "--kind", "district", "--parent", "ghouta"])
        _ = try await ctl(server, ["site", "add", "xing-1", "--name", "Al-Wafideen", "--kind", "crossing"])
        _ = try await ctl(server, ["site", "add", "damascus", "--name", "Damascus", "--kind", "city"])
        _ = try await ctl(server, [
            "window", "announce", "pause-1", "--name", "Daily pause", "--kind", "humanitarian-pause", "--site", "xing-1", "--by", "gov",
            "--daily", "09:00-14:00", "--tz", "Asia/Damascus", "--first-date", "2026-11-01", "--last-date", "2026-11-30",
        ])
    }

    /// An option's inner syntax is checked after parsing: the error names the
    /// option and its form, exits 1, sends nothing, and prints no usage of
    /// some other command.
    @Test func aMalformedOptionIsRefusedNamingItAndNothingIsPlanned() async throws {
        try await withServer { server in
            try await seed(server)
            let plan = ["movement", "plan", "m-bad", "--kind", "aid-convoy", "--from", "douma", "--crossing", "xing-1", "--to", "damascus"]
            let vehicle = try await ctl(server, plan + ["--vehicle", "truck:x"], failing: true)
            #expect(vehicle.status == 3, "INVALID_ARGUMENT")
            #expect(vehicle.stderr.contains("--vehicle \"truck:x\": KIND:COUNT"), "\(vehicle.stderr)")
            #expect(!vehicle.stderr.contains("Usage:"), "\(vehicle.stderr)")
            let cargo = try await ctl(server, plan + ["--vehicle", "truck:1", "--cargo", "flour:grain:10:kg"], failing: true)
            #expect(cargo.stderr.contains("--cargo \"flour:grain:10:kg\""), "\(cargo.stderr)")
            let shown = try await ctl(server, ["movement", "show", "m-bad"], failing: true)
            #expect(shown.stderr.contains("NOT_FOUND"), "\(shown.stderr)")
        }
    }

    @Test func windowsAnnouncedAndAskedAbout() async throws {
        try await withServer { server in
            try await seed(server)
            let during = try await ctl(server, ["window", "active", "--site", "xing-1", "--at", "2026-11-03T11:00", "--tz", "Asia/Damascus"])
            #expect(during.stdout.contains("pause-1"))
            #expect(during.stdout.contains("09:00-14:00 Asia/Damascus"))
            #expect(during.stdout.contains("2026-11-03 09:00 Asia/Damascus"))
            let after = try await ctl(server, ["window", "active", "--site", "xing-1", "--at", "2026-11-03T15:00", "--tz", "Asia/Damascus"])
            #expect(after.stdout.contains("No window in effect at xing-1 at 2026-11-03 15:00 Asia/Damascus"), "\(after.stdout)")
            let json = try await ctl(server, ["window", "active", "--site", "xing-1", "--at", "2026-11-03T08:00Z", "--json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect((object["windows"] as? [Any])?.count == 1)
            let listed = try await ctl(server, ["window", "ls", "--site", "xing-1"])
            #expect(listed.stdout.contains("daily 09:00-14:00 Asia/Damascus 2026-11-01..2026-11-30"))
            _ = try await ctl(server, ["window", "status", "pause-1", "in-effect"])
            let violated = try await ctl(server, ["window", "status", "pause-1", "violated", "--report", "mortar fire at 10:40"])
            #expect(violated.stdout.contains("mortar fire at 10:40"))
            let refused = try await ctl(server, ["window", "status", "pause-1", "cancelled"], failing: true)
            #expect(refused.stderr.contains("FAILED_PRECONDITION") || refused.stderr.contains("failedPrecondition"), "\(refused.stderr)")
            let noZone = try await ctl(server, ["window", "active", "--site", "xing-1", "--at", "2026-11-03T11:00"], failing: true)
            #expect(noZone.stderr.contains("time_zone"), "\(noZone.stderr)")
            // A one-off ceasefire over the enclave covers the district within it.
            let truce = try await ctl(server, [
                "window", "announce", "truce", "--name", "Truce", "--kind", "ceasefire", "--site", "ghouta", "--by", "gov",
                "--from", "2026-11-21T00:00", "--until", "2026-11-24T00:00", "--tz", "Asia/Damascus",
            ])
            #expect(truce.stdout.contains("2026-11-21 00:00 Asia/Damascus..2026-11-24 00:00 Asia/Damascus"), "\(truce.stdout)")
            let inDouma = try await ctl(server, ["window", "active", "--site", "douma", "--at", "2026-11-22T12:00+03:00"])
            #expect(inDouma.stdout.contains("truce"))
            let badTime = try await ctl(server, ["window", "announce", "t2", "--from", "tomorrow", "--tz", "Asia/Damascus"], failing: true)
            #expect(badTime.stderr.contains("window.one_off.starts_at"), "\(badTime.stderr)")
            let show = try await ctl(server, ["window", "show", "pause-1", "--json"])
            #expect(show.stdout.contains("\"status\": \"VIOLATED\""), "\(show.stdout)")
        }
    }

    @Test func aConvoyUnderFire() async throws {
        try await withServer { server in
            try await seed(server)
            let planned = try await ctl(server, [
                "movement", "plan", "convoy-1", "--kind", "aid-convoy", "--from", "damascus", "--crossing", "xing-1", "--to", "douma",
                "--vehicle", "truck:13", "--cargo", "food parcels:food:5000:parcels:8000", "--cargo", "wheat flour:food:40:tonnes:3000",
                "--cargo", "medical kits:medical:100:kits:1000", "--departs", "2026-11-21T10:00", "--tz", "Asia/Damascus",
            ])
            #expect(planned.stdout.contains("13 TRUCK"))
            _ = try await ctl(server, ["movement", "notify", "convoy-1"])
            _ = try await ctl(server, ["movement", "depart", "convoy-1", "--at", "2026-11-21T10:15", "--tz", "Asia/Damascus"])
            _ = try await ctl(server, [
                "movement", "cargo", "remove", "convoy-1", "--line", "3", "--quantity", "70", "--by", "gov", "--reason", "dual use",
                "--stage", "checkpoint", "--site", "xing-1", "--at", "2026-11-21T10:40", "--tz", "Asia/Damascus",
            ])
            let tooMuch = try await ctl(server, [
                "movement", "cargo", "remove", "convoy-1", "--line", "3", "--quantity", "31", "--by", "gov", "--reason", "more", "--stage", "checkpoint",
            ], failing: true)
            #expect(tooMuch.stderr.contains("quantity: 31 is more than the 30 kits left on line 3"), "\(tooMuch.stderr)")
            _ = try await ctl(server, ["movement", "incident", "convoy-1", "--kind", "shelling", "--description", "shelling near the convoy, no injuries"])
            _ = try await ctl(server, ["movement", "arrive", "convoy-1", "--at", "2026-11-21T12:30", "--tz", "Asia/Damascus"])
            _ = try await ctl(server, ["movement", "deliver", "convoy-1", "--rest"])
            _ = try await ctl(server, ["movement", "complete", "convoy-1"])
            let show = try await ctl(server, ["movement", "show", "convoy-1", "--tz", "Asia/Damascus"])
            #expect(show.stdout.contains("COMPLETED"))
            let kits = try #require(show.stdout.split(separator: "\n").first { $0.hasPrefix("3 ") && $0.contains("medical kits") })
            #expect(kits.split(separator: " ", omittingEmptySubsequences: true).contains("30"), "\(kits)")
            #expect(kits.contains("100") && kits.contains("70"), "\(kits)")
            #expect(show.stdout.contains("dual use"))
            #expect(show.stdout.contains("2026-11-21 10:40 Asia/Damascus"))
            #expect(show.stdout.contains("SHELLING"))
            let withRemovals = try await ctl(server, ["movement", "ls", "--with-removals", "--json"])
            #expect(withRemovals.stdout.contains("convoy-1"))

            // Another convoy set to leave at 16:30: refused naming the crossing and the pause's hours.
            _ = try await ctl(server, [
                "movement", "plan", "convoy-2", "--kind", "aid-convoy", "--from", "damascus", "--crossing", "xing-1", "--to", "douma",
                "--vehicle", "truck:5", "--cargo", "blankets:shelter:2000:blankets",
            ])
            _ = try await ctl(server, ["movement", "notify", "convoy-2"])
            let refused = try await ctl(server, ["movement", "depart", "convoy-2", "--at", "2026-11-21T16:30", "--tz", "Asia/Damascus"], failing: true)
            #expect(refused.stderr.contains("crossing xing-1 has no access window in effect at 2026-11-21 16:30 Asia/Damascus"), "\(refused.stderr)")
            #expect(refused.stderr.contains("pause-1 (HUMANITARIAN_PAUSE) daily 09:00-14:00 Asia/Damascus"))
            let overridden = try await ctl(server, [
                "movement", "depart", "convoy-2", "--at", "2026-11-21T16:30", "--tz", "Asia/Damascus", "--override", "agreed by phone with the commander",
            ])
            #expect(overridden.stdout.contains("agreed by phone with the commander"))
            let today = try await ctl(server, ["movement", "ls", "--day", "2026-11-21", "--tz", "Asia/Damascus"])
            #expect(today.stdout.contains("convoy-1") && today.stdout.contains("convoy-2"))
        }
    }

    @Test func planFromAJSONFileAndBadArguments() async throws {
        try await withServer { server in
            try await seed(server)
            let file = server.directory + "/movement.json"
            try Data("""
                {"id": "evac-1", "kind": "EVACUATION", "originSiteId": "douma", "crossing_site_id": "xing-1", "destinationSiteIds": ["damascus"],
                 "vehicles": [{"kind": "BUS", "count": 2}]}
                """.utf8).write(to: URL(fileURLWithPath: file))
            let planned = try await ctl(server, ["movement", "plan", "--file", file, "--json"])
            #expect(planned.stdout.contains("\"status\": \"PLANNED\""), "\(planned.stdout)")
            // The file is proto3 JSON of corridor.v1.Movement: a field it does not have is refused by path.
            try Data(#"{"id": "evac-2", "vehicles": [{"kind": "BUS", "count": 2, "seats": 40}]}"#.utf8).write(to: URL(fileURLWithPath: file))
            let unknown = try await ctl(server, ["movement", "plan", "--file", file], failing: true)
            #expect(unknown.stderr.contains("vehicles[0].seats"), "\(unknown.stderr)")
            let badCargo = try await ctl(server, ["movement", "plan", "c", "--kind", "aid-convoy", "--cargo", "food"], failing: true)
            #expect(badCargo.stderr.contains("ITEM:CATEGORY:QUANTITY:UNIT"))
            let badPlan = try await ctl(server, ["movement", "plan", "c", "--kind", "aid-convoy", "--from", "damascus", "--crossing", "douma"], failing: true)
            #expect(badPlan.stderr.contains("movement.crossing_site_id"), "\(badPlan.stderr)")
            #expect(badPlan.stderr.contains("movement.destination_site_ids"))
            let abort = try await ctl(server, ["movement", "abort", "evac-1"], failing: true)
            #expect(abort.stderr.contains("reason"))
            _ = try await ctl(server, ["movement", "abort", "evac-1", "--reason", "buses seized"])
            // Today's movements (whatever the date): the command runs; --day and --today together are refused.
            _ = try await ctl(server, ["movement", "ls", "--today", "--tz", "Asia/Damascus"])
            _ = try await ctl(server, ["movement", "ls", "--today", "--day", "2026-11-21"], failing: true)
        }
    }

    @Test func anEvacuationWithItsManifest() async throws {
        try await withServer { server in
            try await seed(server)
            // Two cases LISTED on an approved list (the list commands are another area's).
            let operatorActor = CorridorModel.Actor(uid: 0, userName: "test", pid: 1, role: "registrar", requestID: "")
            var ids: [String] = []
            for _ in 0..<2 {
                let view = try await server.registry!.registerCase(
                    Case(siteID: "douma", ageMonths: 96, sex: .female, precedence: .urgent, consentGiven: true), personal: nil, actor: operatorActor
                )
                ids.append(try #require(view.case?.id))
            }
            let list = EvacuationList(
                id: "list-1", originSiteID: "douma", status: .approved,
                entries: ids.enumerated().map { ListEntry(rank: UInt32($0.offset + 1), caseID: $0.element, state: .active) }, version: 1
            )
            try await server.registry!.commit(
                [.listCreated(ListCreated(list: list))] + ids.map { .caseStatusChanged(CaseStatusChanged(caseID: $0, from: .waiting, to: .listed, date: "2026-11-20")) },
                actor: operatorActor
            )
            _ = try await ctl(server, [
                "movement", "plan", "evac-1", "--kind", "evacuation", "--from", "douma", "--crossing", "xing-1", "--to", "damascus", "--to", "douma",
                "--list", "list-1", "--vehicle", "ambulance:2", "--passenger", ids[0],
            ])
            let added = try await ctl(server, ["movement", "manifest", "add", "evac-1", "\(ids[1]):douma"])
            #expect(added.stdout.contains("Manifest:"))
            let again = try await ctl(server, ["movement", "manifest", "add", "evac-1", ids[1]], failing: true)
            #expect(again.stderr.contains("already on this movement's manifest"), "\(again.stderr)")
            let removed = try await ctl(server, ["movement", "manifest", "remove", "evac-1", ids[0], "--reason", "too ill to travel"])
            #expect(removed.stdout.contains("removed: too ill to travel"))
            _ = try await ctl(server, ["movement", "notify", "evac-1"])
            _ = try await ctl(server, ["movement", "depart", "evac-1", "--at", "2026-11-21T09:30", "--tz", "Asia/Damascus"])
            _ = try await ctl(server, ["movement", "arrive", "evac-1", "--at", "2026-11-21T11:00", "--tz", "Asia/Damascus"])
            let state = await server.registry!.currentState
            #expect(state.cases[ids[1]]?.status == .evacuated)
            #expect(state.cases[ids[1]]?.siteID == "douma")
            #expect(state.cases[ids[0]]?.status == .listed)
            #expect(state.lists["list-1"]?.status == .inProgress)
            let json = try await ctl(server, ["movement", "show", "evac-1", "--json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect((object["passengers"] as? [[String: Any]])?.count == 2)
            #expect(object["status"] as? String == "ARRIVED")
        }
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
}
