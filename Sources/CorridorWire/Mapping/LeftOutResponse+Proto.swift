// LeftOutResponse ⇄ Corridor_V1_LeftOutResponse: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_LeftOutResponse {
    public init(_ model: CorridorModel.LeftOutResponse) {
        self.init(
            leftOut: model.leftOut.map(Corridor_V1_LeftOutCase.init),
            considered: model.considered,
            leftOutTotal: model.leftOutTotal,
            leftOutCounts: model.leftOutCounts.map(Corridor_V1_LeftOutCount.init)
        )
    }
}

extension CorridorModel.LeftOutResponse {
    public init(proto: Corridor_V1_LeftOutResponse) {
        self.init(
            leftOut: proto.leftOut.map { CorridorModel.LeftOutCase(proto: $0) },
            considered: proto.considered,
            leftOutTotal: proto.leftOutTotal,
            leftOutCounts: proto.leftOutCounts.map { CorridorModel.LeftOutCount(proto: $0) }
        )
    }
}
