import CorridorModel
import CorridorRegistry
import CorridorWire

// The reports methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerReports(_ registry: Registry, on router: inout MethodRouter) {
        let rpc = Corridor_V1_Registry.self
        router.register(rpc.waitingCases) { request, context in
            let precedence = try Case.Precedence(proto: request.precedence, field: "corridor.v1.WaitingCasesRequest.precedence")
            return Corridor_V1_WaitingCasesResponse(context.withholding.waiting(try await registry.waitingCases(
                siteID: request.siteID, precedence: precedence, limit: request.limit
            )))
        }
        router.register(rpc.deathsWhileWaiting) { request, _ in
            Corridor_V1_DeathsWhileWaitingResponse(try await registry.deathsWhileWaiting(siteID: request.siteID, from: request.from, to: request.to))
        }
    }
}
