// CompareFiguresResponse ⇄ Corridor_V1_CompareFiguresResponse: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_CompareFiguresResponse {
    public init(_ model: CorridorModel.CompareFiguresResponse) {
        self.init(
            claims: model.claims.map(Corridor_V1_Figure.init),
            registryCounts: model.registryCounts,
            registryCount: model.registryCount,
            registryCountDescription: model.registryCountDescription
        )
    }
}

extension CorridorModel.CompareFiguresResponse {
    public init(proto: Corridor_V1_CompareFiguresResponse) throws(MappingError) {
        self.init(
            claims: try proto.claims.map { value throws(MappingError) in try CorridorModel.Figure(proto: value) },
            registryCounts: proto.registryCounts,
            registryCount: proto.registryCount,
            registryCountDescription: proto.registryCountDescription
        )
    }
}
