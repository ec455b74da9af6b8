import CorridorModel
import CorridorRegistry
import CorridorWire

// The import method of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerImport(_ registry: Registry, on router: inout MethodRouter) {
        router.register(Corridor_V1_Registry.importCases) { request, context in
            let rows = try request.rows.map { try ImportCaseRow(proto: $0) }
            return Corridor_V1_ImportCasesResponse(try await registry.importCases(
                rows, dryRun: request.dryRun, reason: request.reason, actor: context.actor
            ))
        }
    }
}
