import CorridorModel
import CorridorRegistry
import CorridorWire

// The figures methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerFigures(_ registry: Registry, on router: inout MethodRouter) {
        let prefix = "/corridor.v1.Registry/"
        router.registerUnary(prefix + "ReportFigure") { (request: ReportFigureRequest, context) in
            try await registry.reportFigure(request.figure, actor: context.actor)
        }
        router.registerUnary(prefix + "ListFigures") { (request: ListFiguresRequest, _) in
            ListFiguresResponse(
                figures: try await registry.listFigures(subjectKind: request.subjectKind, subjectID: request.subjectID, measure: request.measure)
            )
        }
        router.registerUnary(prefix + "CompareFigures") { (request: CompareFiguresRequest, _) in
            try await registry.compareFigures(subjectID: request.subjectID, measure: request.measure)
        }
    }
}
