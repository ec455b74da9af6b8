// ListStatusChanged ⇄ Corridor_V1_ListStatusChanged: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ListStatusChanged {
    public init(_ model: CorridorModel.ListStatusChanged) {
        self.init(
            list: model.list.map(Corridor_V1_EvacuationList.init),
            from: Corridor_V1_EvacuationList.Status(model.from),
            to: Corridor_V1_EvacuationList.Status(model.to),
            returnedCaseIDs: model.returnedCaseIDs
        )
    }
}

extension CorridorModel.ListStatusChanged {
    public init(proto: Corridor_V1_ListStatusChanged) throws(MappingError) {
        self.init(
            list: try proto.list.map { value throws(MappingError) in try CorridorModel.EvacuationList(proto: value) },
            from: try CorridorModel.EvacuationList.Status(proto: proto.from, field: "corridor.v1.ListStatusChanged.from"),
            to: try CorridorModel.EvacuationList.Status(proto: proto.to, field: "corridor.v1.ListStatusChanged.to"),
            returnedCaseIDs: proto.returnedCaseIDs
        )
    }
}
