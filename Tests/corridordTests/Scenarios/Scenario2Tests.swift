import CorridorClient
import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// Scenario 2, "a convoy under fire", end to end against a spawned corridord,
/// every "Then" checked. The data is in Scenario2Fixture.swift.
@Suite("Scenario 2: a convoy under fire")
struct Scenario2Tests {
    @Test("the Given, steps 1-6 and every Then, with the HXL export validated by libhxl")
    func convoyUnderFire() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let daemon = try await ScenarioDaemon.start(socket: scratch.file("d.sock"), data: scratch.file("data"), in: scratch)
        defer { daemon.kill() }
        let client = daemon.client
        let firstDate = ScenarioClock.day(plusDays: -Scenario2.pauseBeganDaysAgo)
        let lastDate = ScenarioClock.day(plusDays: -Scenario2.pauseBeganDaysAgo + Scenario2.pauseDays - 1)
        let day3 = ScenarioClock.day(plusDays: -Scenario2.pauseBeganDaysAgo + Scenario2.convoyDay - 1)
        let tz = Scenario2.timeZone
        func at(_ time: String) -> String { "\(day3)T\(time)" }

        // MARK: Given
        for party in Scenario2.parties { _ = try await client.registerParty(party) }
        for site in Scenario2.sites { _ = try await client.registerSite(site) }
        let pause = try await client.announceWindow(Corridor_V1_AnnounceWindowRequest(window: Scenario2.pause(firstDate: firstDate, lastDate: lastDate)))
        #expect(pause.daily?.timeZone == tz)

        // MARK: Step 1: 13 trucks to the town, food parcels, flour and medical kits for 12,000 people
        let planned = try await client.planMovement(Corridor_V1_PlanMovementRequest(movement: Movement(
            id: Scenario2.convoyID, kind: .aidConvoy, originSiteID: Scenario2.warehouse.id, crossingSiteID: Scenario2.crossing.id,
            destinationSiteIDs: [Scenario2.town.id], vehicles: [.init(kind: .truck, count: Scenario2.trucks)], cargo: Scenario2.cargo)))
        #expect(planned.status == .planned)
        #expect(planned.cargo.map(\.id) == Scenario2.cargo.map(\.id))
        #expect(planned.cargo.reduce(0) { $0 + $1.peopleServed } == Scenario2.peopleServed)
        #expect(planned.vehicles.reduce(0) { $0 + $1.count } == Scenario2.trucks)

        // MARK: Step 2: notified, and departs at 10:15 local on day 3 of the pause
        _ = try await client.setMovementStatus(Corridor_V1_SetMovementStatusRequest(movementID: Scenario2.convoyID, status: .notified, at: at(Scenario2.notifiedAt), timeZone: tz))
        let departed = try await client.setMovementStatus(Corridor_V1_SetMovementStatusRequest(movementID: Scenario2.convoyID, status: .departed, at: at(Scenario2.departedAt), timeZone: tz))
        #expect(departed.status == .departed)
        #expect(departed.departureOverride.isEmpty)

        // MARK: Step 3: the government removes 70% of the medical kits at the checkpoint
        let kits = try #require(Scenario2.cargo.first { $0.id == Scenario2.kitsLineID })
        _ = try await client.removeCargo(Corridor_V1_RemoveCargoRequest(
            movementID: Scenario2.convoyID, lineID: Scenario2.kitsLineID, quantity: Scenario2.kitsRemoved, partyID: Scenario2.government.id,
            reason: Scenario2.removalReason, stage: Movement.RemovalStage.checkpoint, siteID: Scenario2.crossing.id, at: at(Scenario2.removedAt), timeZone: tz))

        // MARK: Step 4: shelling near the convoy, no injuries
        let shelled = try await client.reportIncident(Corridor_V1_ReportIncidentRequest(
            movementID: Scenario2.convoyID, incident: Scenario2.shelling, at: at(Scenario2.shellingAt), timeZone: tz))
        #expect(shelled.incidents.map(\.kind) == [.shelling])
        #expect(shelled.incidents.first?.injured == 0)

        // MARK: Step 5: arrives, unloads what it carries, COMPLETED
        _ = try await client.setMovementStatus(Corridor_V1_SetMovementStatusRequest(movementID: Scenario2.convoyID, status: .arrived, at: at(Scenario2.arrivedAt), timeZone: tz))
        _ = try await client.recordDelivery(Corridor_V1_RecordDeliveryRequest(movementID: Scenario2.convoyID, restInFull: true))
        let completed = try await client.setMovementStatus(Corridor_V1_SetMovementStatusRequest(movementID: Scenario2.convoyID, status: .completed, at: at(Scenario2.completedAt), timeZone: tz))
        #expect(completed.status == .completed)

        // Then: the manifest per line: planned, removed (by whom, why), delivered.
        let convoy = try await client.getMovement(Corridor_V1_GetRequest(id: Scenario2.convoyID))
        for line in Scenario2.cargo {
            let recorded = try #require(convoy.cargo.first { $0.id == line.id }, "no line \(line.id)")
            let removed = line.id == Scenario2.kitsLineID ? Scenario2.kitsRemoved : 0
            #expect(recorded.quantity == line.quantity, "\(line.id)")
            #expect(recorded.removed == removed, "\(line.id)")
            #expect(recorded.delivered == line.quantity - removed, "\(line.id)")
            #expect(recorded.deliveryRecorded, "\(line.id)")
        }
        #expect(convoy.removals.count == 1)
        let removal = try #require(convoy.removals.first)
        #expect(removal.lineID == Scenario2.kitsLineID)
        #expect(removal.quantity == Scenario2.kitsRemoved)
        #expect(removal.partyID == Scenario2.government.id)
        #expect(removal.reason == Scenario2.removalReason)
        #expect(removal.stage == .checkpoint)
        #expect(removal.siteID == Scenario2.crossing.id)
        // The medical kits delivered are 30% of those planned.
        let deliveredKits = try #require(convoy.cargo.first { $0.id == Scenario2.kitsLineID }).delivered
        #expect(deliveredKits == Scenario2.kitsDelivered)
        #expect(deliveredKits * 10 == kits.quantity * 3)

        // MARK: Step 6: another convoy set to depart at 16:30 the same day
        _ = try await client.planMovement(Corridor_V1_PlanMovementRequest(movement: Movement(
            id: Scenario2.secondConvoyID, kind: .aidConvoy, originSiteID: Scenario2.warehouse.id, crossingSiteID: Scenario2.crossing.id,
            destinationSiteIDs: [Scenario2.town.id], vehicles: [.init(kind: .truck, count: 1)], cargo: Scenario2.secondCargo)))
        _ = try await client.setMovementStatus(Corridor_V1_SetMovementStatusRequest(movementID: Scenario2.secondConvoyID, status: .notified, at: at(Scenario2.secondNotifiedAt), timeZone: tz))
        let late = Corridor_V1_SetMovementStatusRequest(movementID: Scenario2.secondConvoyID, status: .departed, at: at(Scenario2.secondDepartureAt), timeZone: tz)
        // Then: refused, naming the crossing and the pause's hours…
        let refused = await refusal("a departure at \(Scenario2.secondDepartureAt), outside the pause") { () async throws(RPCError) -> Movement in
            try await client.setMovementStatus(late)
        }
        #expect(refused?.code == .failedPrecondition, "\(String(describing: refused))")
        let message = refused?.message ?? ""
        #expect(message.contains(Scenario2.crossing.id) || message.contains(Scenario2.crossing.name), "\(message)")
        #expect(message.contains(Scenario2.pauseStart) && message.contains(Scenario2.pauseEnd), "\(message)")
        #expect(try await client.getMovement(Corridor_V1_GetRequest(id: Scenario2.secondConvoyID)).status == .notified)
        // …and succeeds only with an override and a reason, which the event keeps.
        var overridden = late
        overridden.overrideReason = Scenario2.overrideReason
        let lateDeparture = try await client.setMovementStatus(overridden)
        #expect(lateDeparture.status == .departed)
        #expect(lateDeparture.departureOverride == Scenario2.overrideReason)
        let history = try await client.history(of: Scenario2.secondConvoyID)
        let departure = history.compactMap { $0.event?.movementStatusChanged }.first { $0.to == .departed }
        #expect(departure?.overrideReason == Scenario2.overrideReason, "\(history.map(kindName))")
        #expect(departure?.from == .notified)

        // MARK: Then: windows in effect at the crossing at 11:00 and at 15:00 on day 3
        let at11 = try await client.activeWindows(Corridor_V1_ActiveWindowsRequest(siteID: Scenario2.crossing.id, at: at(Scenario2.inPauseQuestion), timeZone: tz))
        #expect(at11.windows.compactMap { $0.window?.id } == [pause.id])
        #expect(at11.windows.first.map { $0.hours.contains(Scenario2.pauseStart) && $0.hours.contains(Scenario2.pauseEnd) } == true,
                "\(at11.windows.map(\.hours))")
        #expect(at11.windows.first.map { $0.fromMs <= at11.atMs && at11.atMs < $0.untilMs } == true)
        let at15 = try await client.activeWindows(Corridor_V1_ActiveWindowsRequest(siteID: Scenario2.crossing.id, at: at(Scenario2.afterPauseQuestion), timeZone: tz))
        #expect(at15.windows.isEmpty, "\(at15.windows)")

        // MARK: Then: the HXL export of movements (corridorctl export movements --format hxl; the exports branch)
        // One row per cargo line, with #item+name, the planned / removed /
        // delivered quantities, #org of the remover and #date; libhxl validates it.
        let exported = try await Self.corridorctl(["export", "movements", "--format", "hxl", "--socket", daemon.socket])
        #expect(exported.status == 0, "corridorctl export movements --format hxl: status \(exported.status)\n\(exported.stderr)")
        let csv = scratch.file("movements.hxl.csv")
        try exported.stdout.write(toFile: csv, atomically: true, encoding: .utf8)
        let hxl = try await Self.libhxl(csv)
        #expect(hxl.valid, "libhxl found the export invalid: \(hxl.report)")
        for tag in ["#item+name", "#org", "#date"] {
            #expect(hxl.tags.contains { $0 == tag || $0.hasPrefix(tag + "+") }, "no \(tag) column in \(hxl.tags)")
        }
        let convoyRows = hxl.rows.filter { $0.contains(Scenario2.convoyID) }
        #expect(convoyRows.count == Scenario2.cargo.count, "rows of \(Scenario2.convoyID): \(convoyRows)")
        let kitsRow = convoyRows.first { $0.contains(kits.item) || $0.contains(kits.id) } ?? []
        for quantity in [kits.quantity, Scenario2.kitsRemoved, Scenario2.kitsDelivered] {
            #expect(kitsRow.contains(String(quantity)), "\(quantity) missing from the kits row \(kitsRow) (tags \(hxl.tags))")
        }
        // The remover's #org and a #date on day 3 (whichever #org / #date columns the export has).
        let orgCells = hxl.tags.indices.filter { (hxl.tags[$0] == "#org" || hxl.tags[$0].hasPrefix("#org+")) && $0 < kitsRow.count }.map { kitsRow[$0] }
        #expect(orgCells.contains { [Scenario2.government.id, Scenario2.government.shortName, Scenario2.government.fullName].contains($0) },
                "the kits row's #org cells are \(orgCells) (tags \(hxl.tags))")
        let dateCells = hxl.tags.indices.filter { (hxl.tags[$0] == "#date" || hxl.tags[$0].hasPrefix("#date+")) && $0 < kitsRow.count }.map { kitsRow[$0] }
        #expect(dateCells.contains { $0.hasPrefix(day3) }, "the kits row's #date cells are \(dateCells) (tags \(hxl.tags))")

        await daemon.stop()
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs a program to its end (corridorctl beside corridord, or python3 from PATH).
    static func run(_ executable: URL, _ arguments: [String]) async throws -> Run {
        let process = try await DaemonProcess(executable: executable, arguments)
        defer { process.kill() }
        let stdout = try await process.stdout.untilEOF()
        let stderr = try await process.stderrAfterExit()
        let status = await process.waitForExit()
        return Run(status: status, stdout: stdout, stderr: stderr)
    }

    static func corridorctl(_ arguments: [String]) async throws -> Run {
        let binary = try CorridordBinary.url().deletingLastPathComponent().appendingPathComponent("corridorctl")
        return try await run(binary, arguments)
    }

    struct HXL {
        let valid: Bool
        let report: String
        let tags: [String]
        let rows: [[String]]
    }

    /// Parses and validates an HXL file with libhxl (pip install libhxl).
    static func libhxl(_ path: String) async throws -> HXL {
        let python = try CorridordBinary.tool("python3", hint: "libhxl's checks need Python 3 with libhxl (pip install libhxl).")
        let script = """
            import json, sys
            import hxl
            options = hxl.InputOptions(allow_local=True)
            dataset = hxl.data(sys.argv[1], options)
            tags = [column.display_tag for column in dataset.columns]
            rows = [[value if value is not None else "" for value in row.values] for row in dataset]
            report = hxl.validate(hxl.data(sys.argv[1], options))
            print(json.dumps({"valid": bool(report.get("is_valid")), "report": report, "tags": tags, "rows": rows}))
            """
        let result = try await run(python, ["-c", script, path])
        guard result.status == 0, let data = result.stdout.data(using: .utf8),
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DaemonTestError("libhxl could not read \(path) (status \(result.status)); is libhxl installed (pip install libhxl)?\n\(result.stderr)")
        }
        let report = (try? JSONSerialization.data(withJSONObject: object["report"] ?? [:])).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return HXL(
            valid: object["valid"] as? Bool ?? false,
            report: report,
            tags: object["tags"] as? [String] ?? [],
            rows: (object["rows"] as? [[Any]] ?? []).map { $0.map { "\($0)" } }
        )
    }
}
