@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

/// Planning a movement: what it must name, cargo lines numbered, refusals
/// naming each field.
@Suite struct MovementPlanningTests {
    func plan(_ registry: Registry, _ movement: Movement) async throws -> Movement {
        try await registry.planMovement(movement, actor: registrar)
    }

    func refusal(_ registry: Registry, _ movement: Movement) async throws -> RegistryError {
        let before = await registry.currentState
        let error = try await #require(throws: RegistryError.self) { try await plan(registry, movement) }
        #expect(await registry.currentState == before)
        return error
    }

    @Test func aConvoyIsPlannedWithItsCargoLinesNumbered() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let planned = try await plan(registry, Corridor.convoy(plannedDeparture: Corridor.ms("2026-11-21T10:00")))
            #expect(planned.status == .planned)
            #expect(planned.cargo.map(\.id) == ["1", "2", "3"])
            #expect(planned.cargo.map(\.peopleServed).reduce(0, +) == 12_000)
            #expect(planned.vehicles == [.init(kind: .truck, count: 13)])
            #expect(try await registry.getMovement("convoy-1") == planned)
        }
    }

    @Test func givenLineIdsAreKeptAndTheOthersNumberedAroundThem() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            var convoy = Corridor.convoy()
            convoy.cargo[1].id = "1"
            #expect(try await plan(registry, convoy).cargo.map(\.id) == ["2", "1", "3"])
            convoy.id = "convoy-2"
            convoy.cargo[0].id = "1"
            let error = try await refusal(registry, convoy)
            #expect(error.fields == ["movement.cargo"])
        }
    }

    @Test func everyBadFieldIsNamed() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let bad = Movement(
                id: "Convoy 1", kind: .unspecified, agreementID: "no-agreement", listID: "no-list", originSiteID: "nowhere", crossingSiteID: "douma",
                destinationSiteIDs: ["atlantis"], vehicles: [.init(kind: .unspecified, count: 0)],
                cargo: [.init(item: "", category: .unspecified, quantity: 0, unit: "", removed: 3)]
            )
            let error = try await refusal(registry, bad)
            #expect(error.code == .invalidArgument)
            #expect(Set(error.fields) == [
                "movement.id", "movement.kind", "movement.origin_site_id", "movement.crossing_site_id", "movement.destination_site_ids[0]",
                "movement.agreement_id", "movement.list_id", "movement.vehicles[0].kind", "movement.vehicles[0].count",
                "movement.cargo[0].item", "movement.cargo[0].category", "movement.cargo[0].quantity", "movement.cargo[0].unit",
                "movement.cargo[0].removed",
            ], "\(error)")
            let crossing = error.fieldViolations.first { $0.field == "movement.crossing_site_id" }
            #expect(crossing?.reason.contains("of kind CITY, not CROSSING") == true)
        }
    }

    @Test func requiredPlacesAreNamed() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let error = try await refusal(registry, Movement(id: "m", kind: .aidConvoy))
            #expect(Set(error.fields) == ["movement.origin_site_id", "movement.crossing_site_id", "movement.destination_site_ids"])
        }
    }

    @Test func cargoGoesOnConvoysAndPassengersOnEvacuations() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            var evacuation = Corridor.evacuation()
            evacuation.cargo = Corridor.convoy().cargo
            #expect(try await refusal(registry, evacuation).fields == ["movement.cargo"])
            var convoy = Corridor.convoy()
            convoy.passengers = [.init(caseID: "C-000001")]
            #expect(try await refusal(registry, convoy).fields == ["movement.passengers"])
        }
    }

    @Test func aTakenIdIsRefusedAlreadyExists() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            _ = try await plan(registry, Corridor.convoy())
            let error = try await refusal(registry, Corridor.convoy())
            #expect(error.code == .alreadyExists)
        }
    }

    @Test func theListMustBeApprovedOrInProgressAndOfTheAgreement() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            try await Corridor.agree(registry)
            try await Corridor.agree(registry, id: "agr-2")
            try await Corridor.listed(registry, count: 1, list: "draft", status: .draft)
            try await Corridor.listed(registry, count: 1, list: "of-agr-1", agreement: "agr-1")
            var error = try await refusal(registry, Corridor.evacuation(list: "draft"))
            #expect(error.fields == ["movement.list_id"])
            #expect(error.fieldViolations.first?.reason.contains("DRAFT") == true)
            error = try await refusal(registry, Corridor.evacuation(list: "of-agr-1", agreement: "agr-2"))
            #expect(error.fields == ["movement.list_id"])
            #expect(try await plan(registry, Corridor.evacuation(list: "of-agr-1", agreement: "agr-1")).listID == "of-agr-1")
        }
    }

    @Test func anEvacuationPlannedWithPassengersSchedulesThem() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let ids = try await Corridor.listed(registry, count: 2)
            let planned = try await plan(registry, Corridor.evacuation(list: "list-1", passengers: [.init(caseID: ids[0]), .init(caseID: ids[1], destinationSiteID: "douma-shelter")]))
            #expect(planned.passengers == [.init(caseID: ids[0], destinationSiteID: "damascus"), .init(caseID: ids[1], destinationSiteID: "douma-shelter")])
            #expect(await Corridor.caseStatus(registry, ids[0]) == .scheduled)
            #expect(await Corridor.caseStatus(registry, ids[1]) == .scheduled)
            // The case's history shows the change, made by the planning command.
            let last = try #require(try await registry.history(of: ids[0]).last?.event)
            #expect(last.caseStatusChanged?.to == .scheduled)
        }
    }

    @Test func passengersGivenAtPlanningFollowTheManifestRules() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let waiting = try #require(try await registry.registerCase(World.patient(), personal: nil, actor: registrar).case?.id)
            let error = try await refusal(registry, Corridor.evacuation(passengers: [.init(caseID: waiting)]))
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("is WAITING"))
            let badDestination = try await refusal(registry, Corridor.evacuation(passengers: [.init(caseID: waiting, destinationSiteID: "douma")]))
            #expect(badDestination.fields == ["movement.passengers[0].destination_site_id"])
        }
    }
}
