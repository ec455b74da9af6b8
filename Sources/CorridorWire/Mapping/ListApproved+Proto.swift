// ListApproved ⇄ Corridor_V1_ListApproved: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ListApproved {
    public init(_ model: CorridorModel.ListApproved) {
        self.init(
            list: model.list.map(Corridor_V1_EvacuationList.init),
            partyID: model.partyID
        )
    }
}

extension CorridorModel.ListApproved {
    public init(proto: Corridor_V1_ListApproved) throws(MappingError) {
        self.init(
            list: try proto.list.map { value throws(MappingError) in try CorridorModel.EvacuationList(proto: value) },
            partyID: proto.partyID
        )
    }
}
