import CorridorModel
import CorridorRegistry
import CorridorWire

// The movements methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerMovements(_ registry: Registry, on router: inout MethodRouter) {
        let prefix = "/corridor.v1.Registry/"
        router.registerUnary(prefix + "PlanMovement") { (request: PlanMovementRequest, context) in
            try await registry.planMovement(request, actor: context.actor)
        }
        router.registerUnary(prefix + "SetMovementStatus") { (request: SetMovementStatusRequest, context) in
            try await registry.setMovementStatus(request, actor: context.actor)
        }
        router.registerUnary(prefix + "ChangeManifest") { (request: ChangeManifestRequest, context) in
            try await registry.changeManifest(request, actor: context.actor)
        }
        router.registerUnary(prefix + "RemoveCargo") { (request: RemoveCargoRequest, context) in
            try await registry.removeCargo(request, actor: context.actor)
        }
        router.registerUnary(prefix + "RecordDelivery") { (request: RecordDeliveryRequest, context) in
            try await registry.recordDelivery(request, actor: context.actor)
        }
        router.registerUnary(prefix + "ReportIncident") { (request: ReportIncidentRequest, context) in
            try await registry.reportIncident(request, actor: context.actor)
        }
        router.registerUnary(prefix + "GetMovement") { (request: GetRequest, _) in
            try await registry.getMovement(request)
        }
        router.registerUnary(prefix + "ListMovements") { (request: ListMovementsRequest, _) in
            try await registry.listMovements(request)
        }
    }
}
