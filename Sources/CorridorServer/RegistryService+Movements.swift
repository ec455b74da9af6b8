import CorridorModel
import CorridorRegistry
import CorridorWire

// The movements methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerMovements(_ registry: Registry, on router: inout MethodRouter) {
        let rpc = Corridor_V1_Registry.self
        router.register(rpc.planMovement) { request, context in
            let movement = try request.movement.map { try Movement(proto: $0) }
            return Corridor_V1_Movement(try await registry.planMovement(movement, actor: context.actor))
        }
        router.register(rpc.setMovementStatus) { request, context in
            let status = try Movement.Status(proto: request.status, field: "corridor.v1.SetMovementStatusRequest.status")
            return Corridor_V1_Movement(try await registry.setMovementStatus(
                movementID: request.movementID, status: status, at: request.at, timeZone: request.timeZone,
                overrideReason: request.overrideReason, reason: request.reason, actor: context.actor
            ))
        }
        router.register(rpc.changeManifest) { request, context in
            let add = request.add.map { Movement.Passenger(proto: $0) }
            return Corridor_V1_Movement(try await registry.changeManifest(
                movementID: request.movementID, add: add, removeCaseIDs: request.removeCaseIDs, reason: request.reason, actor: context.actor
            ))
        }
        router.register(rpc.removeCargo) { request, context in
            let stage = try Movement.RemovalStage(proto: request.stage, field: "corridor.v1.RemoveCargoRequest.stage")
            return Corridor_V1_Movement(try await registry.removeCargo(
                movementID: request.movementID, lineID: request.lineID, quantity: request.quantity, partyID: request.partyID,
                reason: request.reason, stage: stage, siteID: request.siteID, at: request.at, timeZone: request.timeZone,
                actor: context.actor
            ))
        }
        router.register(rpc.recordDelivery) { request, context in
            let lines = request.lines.map { LineDelivery(proto: $0) }
            return Corridor_V1_Movement(try await registry.recordDelivery(
                movementID: request.movementID, lines: lines, restInFull: request.restInFull, actor: context.actor
            ))
        }
        router.register(rpc.reportIncident) { request, context in
            let incident = try request.incident.map { try Movement.Incident(proto: $0) }
            return Corridor_V1_Movement(try await registry.reportIncident(
                movementID: request.movementID, incident: incident, at: request.at, timeZone: request.timeZone, actor: context.actor
            ))
        }
        router.register(rpc.getMovement) { request, _ in
            Corridor_V1_Movement(try await registry.getMovement(request.id))
        }
        router.register(rpc.listMovements) { request, _ in
            let kind = try Movement.Kind(proto: request.kind, field: "corridor.v1.ListMovementsRequest.kind")
            let status = try Movement.Status(proto: request.status, field: "corridor.v1.ListMovementsRequest.status")
            return Corridor_V1_ListMovementsResponse(movements: try await registry.listMovements(
                kind: kind, status: status, day: request.day, timeZone: request.timeZone,
                withRemovals: request.withRemovals, agreementID: request.agreementID
            ).map(Corridor_V1_Movement.init))
        }
    }
}
