// ListEntryDropped ⇄ Corridor_V1_ListEntryDropped: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ListEntryDropped {
    public init(_ model: CorridorModel.ListEntryDropped) {
        self.init(
            list: model.list.map(Corridor_V1_EvacuationList.init),
            caseID: model.caseID,
            companionOf: model.companionOf
        )
    }
}

extension CorridorModel.ListEntryDropped {
    public init(proto: __shared Corridor_V1_ListEntryDropped) throws(MappingError) {
        self.init(
            list: try proto.list.map { value throws(MappingError) in try CorridorModel.EvacuationList(proto: value) },
            caseID: proto.caseID,
            companionOf: proto.companionOf
        )
    }
}
