// ListSummary ⇄ Corridor_V1_ListSummary: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ListSummary {
    public init(_ model: CorridorModel.ListSummary) {
        self.init(
            list: model.list.map(Corridor_V1_EvacuationList.init),
            waiting: model.waiting,
            scheduled: model.scheduled,
            inTransit: model.inTransit,
            evacuated: model.evacuated,
            died: model.died,
            withdrawn: model.withdrawn,
            struck: model.struck,
            placesTaken: model.placesTaken,
            companions: model.companions,
            companionsEvacuated: model.companionsEvacuated,
            companionsLeft: model.companionsLeft
        )
    }
}

extension CorridorModel.ListSummary {
    public init(proto: __shared Corridor_V1_ListSummary) throws(MappingError) {
        self.init(
            list: try proto.list.map { value throws(MappingError) in try CorridorModel.EvacuationList(proto: value) },
            waiting: proto.waiting,
            scheduled: proto.scheduled,
            inTransit: proto.inTransit,
            evacuated: proto.evacuated,
            died: proto.died,
            withdrawn: proto.withdrawn,
            struck: proto.struck,
            placesTaken: proto.placesTaken,
            companions: proto.companions,
            companionsEvacuated: proto.companionsEvacuated,
            companionsLeft: proto.companionsLeft
        )
    }
}
