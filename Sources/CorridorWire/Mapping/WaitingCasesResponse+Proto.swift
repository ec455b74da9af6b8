// WaitingCasesResponse ⇄ Corridor_V1_WaitingCasesResponse: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_WaitingCasesResponse {
    public init(_ model: CorridorModel.WaitingCasesResponse) {
        self.init(
            cases: model.cases.map(Corridor_V1_WaitingCaseRow.init),
            byPrecedence: model.byPrecedence.map(Corridor_V1_PrecedenceCount.init),
            total: model.total
        )
    }
}

extension CorridorModel.WaitingCasesResponse {
    public init(proto: Corridor_V1_WaitingCasesResponse) throws(MappingError) {
        self.init(
            cases: try proto.cases.map { value throws(MappingError) in try CorridorModel.WaitingCaseRow(proto: value) },
            byPrecedence: try proto.byPrecedence.map { value throws(MappingError) in try CorridorModel.PrecedenceCount(proto: value) },
            total: proto.total
        )
    }
}
