import CorridorModel
import CorridorRegistry
import CorridorWire

// The import method of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerImport(_ registry: Registry, on router: inout MethodRouter) {
        let prefix = "/corridor.v1.Registry/"
        router.registerUnary(prefix + "ImportCases") { (request: ImportCasesRequest, context) in
            try await registry.importCases(request.rows, dryRun: request.dryRun, reason: request.reason, actor: context.actor)
        }
    }
}
