@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// Scenario 2, a convoy under fire: cargo removed at the checkpoint,
/// deliveries within what is left, incidents, and the queries that find it.
@Suite struct CargoTests {
    func remove(_ registry: Registry, line: String = "3", quantity: UInt64, stage: Movement.RemovalStage = .checkpoint, party: String = "gov", reason: String = "dual use: surgical items", at: String = "") async throws -> Movement {
        try await registry.removeCargo(
            movementID: "convoy-1", lineID: line, quantity: quantity, partyID: party, reason: reason, stage: stage, siteID: "wafideen", at: at, timeZone: at.isEmpty ? "" : Corridor.zone,
            actor: registrar
        )
    }

    func refused(_ registry: Registry, _ body: () async throws -> Movement) async throws -> RegistryError {
        let before = await registry.currentState
        let error = try await #require(throws: RegistryError.self) { try await body() }
        #expect(await registry.currentState == before)
        return error
    }

    func convoy(_ registry: Registry) async throws {
        try await Corridor.seed(registry)
        _ = try await registry.planMovement(Corridor.convoy(plannedDeparture: Corridor.ms("2026-11-21T10:00")), actor: registrar)
    }

    @Test func aConvoyUnderFire() async throws {
        try await withRegistry { registry in
            try await convoy(registry)
            _ = try await Corridor.depart(registry, "convoy-1")
            // 70% of the medical kits removed at the checkpoint.
            let removed = try await remove(registry, quantity: 70, at: "2026-11-21T10:40")
            #expect(removed.cargo[2].removed == 70)
            #expect(removed.removals == [.init(lineID: "3", quantity: 70, partyID: "gov", reason: "dual use: surgical items", stage: .checkpoint, siteID: "wafideen", atMs: Corridor.ms("2026-11-21T10:40"))])
            let event = try #require(try await registry.history(of: "convoy-1").last?.event)
            #expect(event.cargoRemoved?.removal?.quantity == 70)
            #expect(event.reason == "dual use: surgical items")
            // Shelling near the convoy after crossing.
            let shelled = try await registry.reportIncident(
                movementID: "convoy-1", incident: .init(kind: .shelling, place: "2 km past wafideen", description: "shelling near the convoy, no injuries"), at: "2026-11-21T11:05", timeZone: Corridor.zone,
                actor: registrar
            )
            #expect(shelled.incidents == [.init(atMs: Corridor.ms("2026-11-21T11:05"), kind: .shelling, place: "2 km past wafideen", description: "shelling near the convoy, no injuries")])
            _ = try await Corridor.status(registry, "convoy-1", .arrived, at: "2026-11-21T12:30")
            // Unloads what it carries: everything left on every line.
            let delivered = try await registry.recordDelivery(movementID: "convoy-1", restInFull: true, actor: registrar)
            #expect(delivered.cargo.map(\.delivered) == [5000, 40, 30])
            #expect(delivered.cargo.allSatisfy { $0.deliveryRecorded })
            let done = try await Corridor.status(registry, "convoy-1", .completed, at: "2026-11-21T13:30")
            #expect(done.status == .completed)
            // Delivered medical kits are 30% of those planned.
            #expect(done.cargo[2].delivered * 100 / done.cargo[2].quantity == 30)
        }
    }

    @Test func aRemovalIsBoundedByWhatIsLeftOnTheLine() async throws {
        try await withRegistry { registry in
            try await convoy(registry)
            _ = try await remove(registry, quantity: 60, stage: .loading, reason: "expired")
            let error = try await refused(registry) { try await remove(registry, quantity: 41, stage: .loading) }
            #expect(error.code == .invalidArgument)
            #expect(error.fields == ["quantity"])
            #expect(error.fieldViolations.first?.reason == "41 is more than the 40 kits left on line 3 (100 planned, 60 removed)")
            #expect(try await remove(registry, quantity: 40, stage: .loading).cargo[2].removed == 100)
            #expect(try await refused(registry) { try await remove(registry, quantity: 1, stage: .loading) }.fields == ["quantity"])
        }
    }

    @Test func removalFieldsAreNamed() async throws {
        try await withRegistry { registry in
            try await convoy(registry)
            let error = try await refused(registry) {
                try await registry.removeCargo(movementID: "convoy-1", lineID: "1", quantity: 0, partyID: "nobody", reason: "", stage: .unspecified, siteID: "nowhere", actor: registrar)
            }
            #expect(Set(error.fields) == ["quantity", "party_id", "reason", "stage", "site_id"], "\(error)")
            let line = try await refused(registry) { try await remove(registry, line: "9", quantity: 1) }
            #expect(line.code == .notFound)
            #expect(line.message.contains("no cargo line \"9\""))
        }
    }

    @Test func theStageMustFitTheMovementsStatus() async throws {
        try await withRegistry { registry in
            try await convoy(registry)
            // CHECKPOINT needs NOTIFIED or DEPARTED.
            var error = try await refused(registry) { try await remove(registry, quantity: 1, stage: .checkpoint) }
            #expect(error.message.contains("movement convoy-1 is PLANNED; a removal at CHECKPOINT needs one of: NOTIFIED, DEPARTED"), "\(error)")
            _ = try await Corridor.status(registry, "convoy-1", .notified)
            #expect(try await remove(registry, quantity: 1, stage: .checkpoint).removals.count == 1)
            #expect(try await remove(registry, quantity: 1, stage: .loading).removals.count == 2)
            _ = try await Corridor.status(registry, "convoy-1", .departed, at: "2026-11-21T10:15")
            // LOADING needs PLANNED or NOTIFIED.
            error = try await refused(registry) { try await remove(registry, quantity: 1, stage: .loading) }
            #expect(error.code == .failedPrecondition)
            _ = try await Corridor.status(registry, "convoy-1", .arrived, at: "2026-11-21T12:00")
            error = try await refused(registry) { try await remove(registry, quantity: 1, stage: .checkpoint) }
            #expect(error.code == .failedPrecondition)
        }
    }

    @Test func deliveriesAreBoundedAndOnlyOnArrival() async throws {
        try await withRegistry { registry in
            try await convoy(registry)
            _ = try await Corridor.depart(registry, "convoy-1")
            _ = try await remove(registry, quantity: 70)
            var error = try await refused(registry) {
                try await registry.recordDelivery(movementID: "convoy-1", restInFull: true, actor: registrar)
            }
            #expect(error.message.contains("is DEPARTED; recording deliveries needs one of: ARRIVED"))
            _ = try await Corridor.status(registry, "convoy-1", .arrived, at: "2026-11-21T12:00")
            error = try await refused(registry) {
                try await registry.recordDelivery(movementID: "convoy-1", lines: [.init(lineID: "1", delivered: 5000), .init(lineID: "3", delivered: 31), .init(lineID: "7")], actor: registrar)
            }
            #expect(error.fields == ["lines[1].delivered", "lines[2].line_id"], "\(error)")
            #expect(error.fieldViolations.first?.reason == "31 is more than the 30 kits left on line 3 (100 planned, 70 removed)")
            #expect(try await refused(registry) { try await registry.recordDelivery(movementID: "convoy-1", actor: registrar) }.fields == ["lines"])
            // Only some lines: completion is refused naming the others.
            let partial = try await registry.recordDelivery(movementID: "convoy-1", lines: [.init(lineID: "1", delivered: 4800)], actor: registrar)
            #expect(partial.cargo.map(\.deliveryRecorded) == [true, false, false])
            error = try await #require(throws: RegistryError.self) { try await Corridor.status(registry, "convoy-1", .completed) }
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("cargo lines 2, 3"), "\(error)")
            let rest = try await registry.recordDelivery(movementID: "convoy-1", lines: [.init(lineID: "2", delivered: 38)], restInFull: true, actor: registrar)
            #expect(rest.cargo.map(\.delivered) == [4800, 38, 30])
            #expect(try await Corridor.status(registry, "convoy-1", .completed).status == .completed)
        }
    }

    @Test func incidentsAreReportedAfterNotificationUntilTheEnd() async throws {
        try await withRegistry { registry in
            try await convoy(registry)
            func report(_ incident: Movement.Incident) async throws -> Movement {
                try await registry.reportIncident(movementID: "convoy-1", incident: incident, actor: registrar)
            }
            let shelling = Movement.Incident(kind: .shelling, description: "shells landed 200 m away")
            var error = try await refused(registry) { try await report(shelling) }
            #expect(error.message.contains("is PLANNED; reporting an incident needs one of: NOTIFIED, DEPARTED, ARRIVED"))
            _ = try await Corridor.status(registry, "convoy-1", .notified)
            error = try await refused(registry) { try await report(.init()) }
            #expect(Set(error.fields) == ["incident.kind", "incident.description"])
            let reported = try await report(.init(atMs: 1_795_245_300_000, kind: .casualty, description: "driver wounded", injured: 1))
            #expect(reported.incidents.first?.atMs == 1_795_245_300_000)
            #expect(try await report(shelling).incidents.last?.atMs ?? 0 > 0)
            _ = try await Corridor.status(registry, "convoy-1", .aborted, reason: "turned back")
            #expect(try await refused(registry) { try await report(shelling) }.code == .failedPrecondition)
        }
    }

    @Test func movementsOfADayWithRemovalsOfAKindAndStatus() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            try await Corridor.agree(registry)
            _ = try await registry.planMovement(Corridor.convoy(agreement: "agr-1", plannedDeparture: Corridor.ms("2026-11-21T10:00")), actor: registrar)
            _ = try await registry.planMovement(Corridor.convoy(id: "convoy-2", plannedDeparture: Corridor.ms("2026-11-22T01:30")), actor: registrar)
            _ = try await registry.planMovement(Corridor.evacuation(), actor: registrar)
            _ = try await Corridor.depart(registry, "convoy-1")
            _ = try await remove(registry, quantity: 70)
            #expect(try await registry.listMovements().map(\.id) == ["evac-1", "convoy-1", "convoy-2"])
            #expect(try await registry.listMovements(kind: .aidConvoy).map(\.id) == ["convoy-1", "convoy-2"])
            #expect(try await registry.listMovements(status: .departed).map(\.id) == ["convoy-1"])
            #expect(try await registry.listMovements(withRemovals: true).map(\.id) == ["convoy-1"])
            #expect(try await registry.listMovements(agreementID: "agr-1").map(\.id) == ["convoy-1"])
            // convoy-2 leaves at 01:30 on the 22nd in Damascus: the 21st in UTC.
            #expect(try await registry.listMovements(day: "2026-11-21", timeZone: Corridor.zone).map(\.id) == ["convoy-1"])
            #expect(try await registry.listMovements(day: "2026-11-22", timeZone: Corridor.zone).map(\.id) == ["convoy-2"])
            #expect(try await registry.listMovements(day: "2026-11-21").map(\.id) == ["convoy-1", "convoy-2"])
            let error = try await #require(throws: RegistryError.self) { try await registry.listMovements(day: "21/11/2026", timeZone: "Nowhere/City") }
            #expect(Set(error.fields) == ["day", "time_zone"])
        }
    }

    @Test func movementsSurviveAReopen() async throws {
        try await withTemporaryDirectory { directory in
            let before = try await withRegistryReleasedAfterwards(directory) { registry in
                try await Corridor.seed(registry)
                let ids = try await Corridor.listed(registry, count: 2)
                _ = try await registry.planMovement(Corridor.evacuation(list: "list-1", passengers: [.init(caseID: ids[0])]), actor: registrar)
                _ = try await registry.planMovement(Corridor.convoy(), actor: registrar)
                _ = try await Corridor.depart(registry, "convoy-1")
                _ = try await Corridor.depart(registry, "evac-1")
                _ = try await remove(registry, quantity: 70)
                _ = try await registry.reportIncident(movementID: "convoy-1", incident: .init(kind: .shelling, description: "near"), actor: registrar)
                _ = try await Corridor.status(registry, "evac-1", .arrived, at: "2026-11-21T12:00")
                return await registry.currentState
            }
            try await withRegistryReleasedAfterwards(directory) { reopened in
                let after = await reopened.currentState
                #expect(after.movements == before.movements)
                #expect(after.cases == before.cases)
                #expect(after.lists == before.lists)
                #expect(after == before)
            }
        }
    }
}
