// ListCasesResponse ⇄ Corridor_V1_ListCasesResponse: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ListCasesResponse {
    public init(_ model: CorridorModel.ListCasesResponse) {
        self.init(
            cases: model.cases.map(Corridor_V1_CaseView.init),
            nextPageToken: model.nextPageToken,
            total: model.total
        )
    }
}

extension CorridorModel.ListCasesResponse {
    public init(proto: Corridor_V1_ListCasesResponse) throws(MappingError) {
        self.init(
            cases: try proto.cases.map { value throws(MappingError) in try CorridorModel.CaseView(proto: value) },
            nextPageToken: proto.nextPageToken,
            total: proto.total
        )
    }
}
