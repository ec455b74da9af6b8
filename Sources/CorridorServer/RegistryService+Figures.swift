import CorridorModel
import CorridorRegistry
import CorridorWire

// The figures methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerFigures(_ registry: Registry, on router: inout MethodRouter) {
        let rpc = Corridor_V1_Registry.self
        router.register(rpc.reportFigure) { request, context in
            let figure = try request.figure.map { try Figure(proto: $0) }
            return Corridor_V1_Figure(try await registry.reportFigure(figure, actor: context.actor))
        }
        router.register(rpc.listFigures) { request, _ in
            let subjectKind = try Figure.SubjectKind(proto: request.subjectKind, field: "corridor.v1.ListFiguresRequest.subject_kind")
            let measure = try Figure.Measure(proto: request.measure, field: "corridor.v1.ListFiguresRequest.measure")
            return Corridor_V1_ListFiguresResponse(
                figures: try await registry.listFigures(
                    subjectKind: subjectKind, subjectID: request.subjectID, measure: measure, sourcePartyID: request.sourcePartyID
                )
                    .map(Corridor_V1_Figure.init)
            )
        }
        router.register(rpc.compareFigures) { request, _ in
            let measure = try Figure.Measure(proto: request.measure, field: "corridor.v1.CompareFiguresRequest.measure")
            return Corridor_V1_CompareFiguresResponse(try await registry.compareFigures(subjectID: request.subjectID, measure: measure))
        }
    }
}
