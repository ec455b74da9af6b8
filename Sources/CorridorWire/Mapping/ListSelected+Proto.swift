// ListSelected ⇄ Corridor_V1_ListSelected: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ListSelected {
    public init(_ model: CorridorModel.ListSelected) {
        self.init(
            list: model.list.map(Corridor_V1_EvacuationList.init),
            considered: model.considered,
            leftOut: model.leftOut
        )
    }
}

extension CorridorModel.ListSelected {
    public init(proto: Corridor_V1_ListSelected) throws(MappingError) {
        self.init(
            list: try proto.list.map { value throws(MappingError) in try CorridorModel.EvacuationList(proto: value) },
            considered: proto.considered,
            leftOut: proto.leftOut
        )
    }
}
