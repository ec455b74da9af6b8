@testable import CorridorRegistry
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

/// The lifecycle of a movement: every transition allowed and refused, the
/// departure inside an access window (or overridden), what departure,
/// arrival and abort do to cases, lists and agreements.
@Suite struct MovementLifecycleTests {
    func plan(_ registry: Registry, _ movement: Movement) async throws {
        _ = try await registry.planMovement(movement, actor: registrar)
    }

    func refusal(_ registry: Registry, _ id: String, _ status: Movement.Status, at: String = "", override: String = "", reason: String = "") async throws -> RegistryError {
        let before = await registry.currentState
        let error = try await #require(throws: RegistryError.self) {
            try await Corridor.status(registry, id, status, at: at, override: override, reason: reason)
        }
        #expect(await registry.currentState == before)
        return error
    }

    static let allowed: [Movement.Status: [Movement.Status]] = [
        .planned: [.notified, .aborted], .notified: [.departed, .aborted], .departed: [.arrived, .aborted], .arrived: [.completed],
        .completed: [], .aborted: [],
    ]

    @Test(arguments: [Movement.Status.planned, .notified, .departed, .arrived, .completed, .aborted])
    func everyTransitionFromAStatusIsAllowedOrRefused(from: Movement.Status) async throws {
        let path: [Movement.Status] = switch from {
        case .planned: []
        case .notified: [.notified]
        case .departed: [.notified, .departed]
        case .arrived: [.notified, .departed, .arrived]
        case .completed: [.notified, .departed, .arrived, .completed]
        default: [.aborted]
        }
        for next in Movement.Status.allCases where next != .unspecified {
            try await withRegistry { registry in
                try await Corridor.seed(registry)
                try await plan(registry, Corridor.evacuation())
                for step in path {
                    _ = try await Corridor.status(registry, "evac-1", step, at: "2026-11-21T10:15", reason: step == .aborted ? "called off" : "")
                }
                if Self.allowed[from]!.contains(next) {
                    let moved = try await Corridor.status(registry, "evac-1", next, at: "2026-11-21T11:15", reason: next == .aborted ? "called off" : "")
                    #expect(moved.status == next)
                } else {
                    let error = try await refusal(registry, "evac-1", next, at: "2026-11-21T11:15", reason: "called off")
                    #expect(error.code == .failedPrecondition)
                    #expect(error.message.contains("movement evac-1 is \(from.rawValue)"), "\(error)")
                }
            }
        }
    }

    @Test func theTimesOfEachStepAreRecorded() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            try await plan(registry, Corridor.evacuation())
            _ = try await Corridor.depart(registry, "evac-1")
            _ = try await Corridor.status(registry, "evac-1", .arrived, at: "2026-11-21T13:05")
            let done = try await Corridor.status(registry, "evac-1", .completed, at: "2026-11-21T07:00:00-05:00")
            #expect(done.departedAtMs == Corridor.ms("2026-11-21T10:15"))
            #expect(done.arrivedAtMs == Corridor.ms("2026-11-21T13:05"))
            #expect(done.completedAtMs == Corridor.ms("2026-11-21T15:00"))
            let event = try #require(try await registry.history(of: "evac-1").last?.event?.movementStatusChanged)
            #expect(event.from == .arrived && event.to == .completed && event.atMs == done.completedAtMs)
        }
    }

    @Test func aDepartureOutsideEveryWindowIsRefusedNamingTheCrossingAndTheHours() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            try await plan(registry, Corridor.convoy(id: "convoy-2"))
            _ = try await Corridor.status(registry, "convoy-2", .notified)
            let error = try await refusal(registry, "convoy-2", .departed, at: "2026-11-21T16:30")
            #expect(error.code == .failedPrecondition)
            #expect(error.message == "crossing wafideen has no access window in effect at 2026-11-21 16:30 Asia/Damascus; windows there: pause-1 (HUMANITARIAN_PAUSE) daily 09:00-14:00 Asia/Damascus 2026-11-01..2026-11-30; give override_reason to depart anyway", "\(error)")
            // With an override and its reason, it goes, and the event keeps the reason.
            let departed = try await Corridor.status(registry, "convoy-2", .departed, at: "2026-11-21T16:30", override: "wounded need evacuating tonight; ICRC informed")
            #expect(departed.status == .departed)
            #expect(departed.departureOverride == "wounded need evacuating tonight; ICRC informed")
            let event = try #require(try await registry.history(of: "convoy-2").last?.event?.movementStatusChanged)
            #expect(event.overrideReason == "wounded need evacuating tonight; ICRC informed")
        }
    }

    @Test func aDepartureInsideTheWindowNeedsNoOverride() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            try await plan(registry, Corridor.convoy())
            let departed = try await Corridor.depart(registry, "convoy-1")
            #expect(departed.departureOverride.isEmpty)
        }
    }

    @Test func withNoWindowAtTheCrossingTheRefusalSaysSoInUTC() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry, pause: false)
            try await plan(registry, Corridor.convoy())
            _ = try await Corridor.status(registry, "convoy-1", .notified)
            let error = try await #require(throws: RegistryError.self) {
                try await registry.setMovementStatus(movementID: "convoy-1", status: .departed, at: "2026-11-21T07:15Z", actor: registrar)
            }
            #expect(error.message.contains("at 2026-11-21 07:15 UTC; windows there: none"), "\(error)")
        }
    }

    @Test func aClosedCrossingRefusesADepartureUnlessOverridden() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            _ = try await registry.setCrossingStatus(siteID: "wafideen", status: .closed, reason: "shelling", actor: registrar)
            try await plan(registry, Corridor.convoy())
            _ = try await Corridor.status(registry, "convoy-1", .notified)
            let error = try await refusal(registry, "convoy-1", .departed, at: "2026-11-21T10:15")
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("crossing wafideen is CLOSED"), "\(error)")
            let departed = try await Corridor.status(registry, "convoy-1", .departed, at: "2026-11-21T10:15", override: "opened by the checkpoint commander")
            #expect(departed.departureOverride == "opened by the checkpoint commander")
        }
    }

    @Test func departureAndArrivalCarryTheCasesListAndAgreement() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            try await Corridor.agree(registry)
            let ids = try await Corridor.listed(registry, count: 3, agreement: "agr-1")
            try await plan(registry, Corridor.evacuation(list: "list-1", agreement: "agr-1", passengers: [.init(caseID: ids[0]), .init(caseID: ids[1], destinationSiteID: "douma-shelter"), .init(caseID: ids[2])]))
            _ = try await registry.changeManifest(movementID: "evac-1", removeCaseIDs: [ids[2]], reason: "too ill", actor: registrar)
            let version = await registry.currentState.lists["list-1"]?.version
            _ = try await Corridor.depart(registry, "evac-1")
            let state = await registry.currentState
            #expect(state.cases[ids[0]]?.status == .inTransit)
            #expect(state.cases[ids[1]]?.status == .inTransit)
            #expect(state.cases[ids[2]]?.status == .listed)
            #expect(state.lists["list-1"]?.status == .inProgress)
            #expect(state.lists["list-1"]?.version == version)
            #expect(state.agreements["agr-1"]?.status == .implementing)
            #expect(state.agreements["agr-1"]?.implementationStartedOn == "2026-11-21")
            _ = try await Corridor.status(registry, "evac-1", .arrived, at: "2026-11-21T13:00")
            let arrived = await registry.currentState
            #expect(arrived.cases[ids[0]]?.status == .evacuated)
            #expect(arrived.cases[ids[0]]?.siteID == "damascus")
            #expect(arrived.cases[ids[0]]?.originSiteID == "douma-hospital")
            #expect(arrived.cases[ids[1]]?.siteID == "douma-shelter")
            #expect(arrived.cases[ids[2]]?.siteID == "douma-hospital")
            #expect(arrived.casesBySite["damascus"] == [ids[0]])
            let history = try await registry.history(of: ids[0]).compactMap(\.event)
            #expect(history.compactMap(\.caseStatusChanged).map(\.to) == [.listed, .scheduled, .inTransit, .evacuated])
            #expect(history.contains { $0.caseUpdated?.changedFields == ["site_id", "origin_site_id"] })
        }
    }

    @Test func anAbortNeedsAReasonAndReturnsTheCases() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            let ids = try await Corridor.listed(registry, count: 2)
            try await plan(registry, Corridor.evacuation(list: "list-1", passengers: [.init(caseID: ids[0]), .init(caseID: ids[1])]))
            _ = try await Corridor.depart(registry, "evac-1")
            let missing = try await refusal(registry, "evac-1", .aborted)
            #expect(missing.fields == ["reason"])
            // One of them was struck from the list meanwhile: it goes back to WAITING.
            var list = try #require(await registry.currentState.lists["list-1"])
            list.entries[1].state = .struck
            list.version += 1
            try await registry.commit([.listEntryStruck(ListEntryStruck(list: list, caseID: ids[1], partyID: "gov"))], actor: registrar)
            let aborted = try await Corridor.status(registry, "evac-1", .aborted, reason: "convoy turned back under fire")
            #expect(aborted.abortReason == "convoy turned back under fire")
            #expect(await Corridor.caseStatus(registry, ids[0]) == .listed)
            #expect(await Corridor.caseStatus(registry, ids[1]) == .waiting)
        }
    }

    @Test func timesAreRefusedNamingTheField() async throws {
        try await withRegistry { registry in
            try await Corridor.seed(registry)
            try await plan(registry, Corridor.convoy())
            var error = try await #require(throws: RegistryError.self) {
                try await registry.setMovementStatus(movementID: "convoy-1", status: .notified, at: "2026-11-21T10:15", actor: registrar)
            }
            #expect(error.fields == ["time_zone"])
            error = try await #require(throws: RegistryError.self) {
                try await registry.setMovementStatus(movementID: "convoy-1", status: .notified, at: "soon", timeZone: Corridor.zone, actor: registrar)
            }
            #expect(error.fields == ["at"])
            error = try await #require(throws: RegistryError.self) {
                try await registry.setMovementStatus(movementID: "convoy-1", status: .unspecified, actor: registrar)
            }
            #expect(error.fields == ["status"])
            error = try await #require(throws: RegistryError.self) {
                try await registry.setMovementStatus(movementID: "nope", status: .notified, actor: registrar)
            }
            #expect(error.code == .notFound)
        }
    }
}
