import CorridorModel
import CorridorRegistry
import CorridorWire

// The movements methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerMovements(_ registry: Registry, on router: inout MethodRouter) {
        let prefix = "/corridor.v1.Registry/"
        router.registerUnary(prefix + "PlanMovement") { (request: PlanMovementRequest, context) in
            try await registry.planMovement(request.movement, actor: context.actor)
        }
        router.registerUnary(prefix + "SetMovementStatus") { (request: SetMovementStatusRequest, context) in
            try await registry.setMovementStatus(
                movementID: request.movementID, status: request.status, at: request.at, timeZone: request.timeZone,
                overrideReason: request.overrideReason, reason: request.reason, actor: context.actor
            )
        }
        router.registerUnary(prefix + "ChangeManifest") { (request: ChangeManifestRequest, context) in
            try await registry.changeManifest(
                movementID: request.movementID, add: request.add, removeCaseIDs: request.removeCaseIDs, reason: request.reason, actor: context.actor
            )
        }
        router.registerUnary(prefix + "RemoveCargo") { (request: RemoveCargoRequest, context) in
            try await registry.removeCargo(
                movementID: request.movementID, lineID: request.lineID, quantity: request.quantity, partyID: request.partyID,
                reason: request.reason, stage: request.stage, siteID: request.siteID, at: request.at, timeZone: request.timeZone,
                actor: context.actor
            )
        }
        router.registerUnary(prefix + "RecordDelivery") { (request: RecordDeliveryRequest, context) in
            try await registry.recordDelivery(movementID: request.movementID, lines: request.lines, restInFull: request.restInFull, actor: context.actor)
        }
        router.registerUnary(prefix + "ReportIncident") { (request: ReportIncidentRequest, context) in
            try await registry.reportIncident(
                movementID: request.movementID, incident: request.incident, at: request.at, timeZone: request.timeZone, actor: context.actor
            )
        }
        router.registerUnary(prefix + "GetMovement") { (request: GetRequest, _) in
            try await registry.getMovement(request.id)
        }
        router.registerUnary(prefix + "ListMovements") { (request: ListMovementsRequest, _) in
            ListMovementsResponse(movements: try await registry.listMovements(
                kind: request.kind, status: request.status, day: request.day, timeZone: request.timeZone,
                withRemovals: request.withRemovals, agreementID: request.agreementID
            ))
        }
    }
}
