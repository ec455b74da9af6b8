import CorridorModel
import CorridorRegistry
import CorridorWire

// The reports methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerReports(_ registry: Registry, on router: inout MethodRouter) {
        let prefix = "/corridor.v1.Registry/"
        router.registerUnary(prefix + "WaitingCases") { (request: WaitingCasesRequest, _) in
            try await registry.waitingCases(siteID: request.siteID, precedence: request.precedence, limit: request.limit)
        }
        router.registerUnary(prefix + "DeathsWhileWaiting") { (request: DeathsWhileWaitingRequest, _) in
            try await registry.deathsWhileWaiting(siteID: request.siteID, from: request.from, to: request.to)
        }
    }
}
