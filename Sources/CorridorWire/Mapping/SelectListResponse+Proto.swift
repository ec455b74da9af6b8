// SelectListResponse ⇄ Corridor_V1_SelectListResponse: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_SelectListResponse {
    public init(_ model: CorridorModel.SelectListResponse) {
        self.init(
            list: model.list.map(Corridor_V1_EvacuationList.init),
            leftOut: model.leftOut.map(Corridor_V1_LeftOutCase.init),
            considered: model.considered,
            leftOutTotal: model.leftOutTotal,
            leftOutCounts: model.leftOutCounts.map(Corridor_V1_LeftOutCount.init)
        )
    }
}

extension CorridorModel.SelectListResponse {
    public init(proto: Corridor_V1_SelectListResponse) throws(MappingError) {
        self.init(
            list: try proto.list.map { value throws(MappingError) in try CorridorModel.EvacuationList(proto: value) },
            leftOut: proto.leftOut.map { CorridorModel.LeftOutCase(proto: $0) },
            considered: proto.considered,
            leftOutTotal: proto.leftOutTotal,
            leftOutCounts: proto.leftOutCounts.map { CorridorModel.LeftOutCount(proto: $0) }
        )
    }
}
