// ListEntryRecord ⇄ Corridor_V1_ListEntryRecord: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ListEntryRecord {
    public init(_ model: CorridorModel.ListEntryRecord) {
        self.init(
            list: model.list.map(Corridor_V1_EvacuationList.init),
            versions: model.versions.map(Corridor_V1_ListVersion.init),
            history: model.history
        )
    }
}

extension CorridorModel.ListEntryRecord {
    public init(proto: Corridor_V1_ListEntryRecord) throws(MappingError) {
        self.init(
            list: try proto.list.map { value throws(MappingError) in try CorridorModel.EvacuationList(proto: value) },
            versions: try proto.versions.map { value throws(MappingError) in try CorridorModel.ListVersion(proto: value) },
            history: proto.history
        )
    }
}
