// ListEntryChange ⇄ Corridor_V1_ListEntryChange: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ListEntryChange {
    public init(_ model: CorridorModel.ListEntryChange) {
        self.init(
            caseID: model.caseID,
            change: model.change,
            fromRank: model.fromRank,
            toRank: model.toRank,
            fromState: Corridor_V1_ListEntry.State(model.fromState),
            toState: Corridor_V1_ListEntry.State(model.toState),
            reason: model.reason
        )
    }
}

extension CorridorModel.ListEntryChange {
    public init(proto: Corridor_V1_ListEntryChange) throws(MappingError) {
        self.init(
            caseID: proto.caseID,
            change: proto.change,
            fromRank: proto.fromRank,
            toRank: proto.toRank,
            fromState: try CorridorModel.ListEntry.State(proto: proto.fromState, field: "corridor.v1.ListEntryChange.from_state"),
            toState: try CorridorModel.ListEntry.State(proto: proto.toState, field: "corridor.v1.ListEntryChange.to_state"),
            reason: proto.reason
        )
    }
}
