// ListVersion ⇄ Corridor_V1_ListVersion: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ListVersion {
    public init(_ model: CorridorModel.ListVersion) {
        self.init(
            version: model.version,
            atMs: model.atMs,
            change: model.change,
            entries: model.entries.map(Corridor_V1_ListEntry.init)
        )
    }
}

extension CorridorModel.ListVersion {
    public init(proto: Corridor_V1_ListVersion) throws(MappingError) {
        self.init(
            version: proto.version,
            atMs: proto.atMs,
            change: proto.change,
            entries: try proto.entries.map { value throws(MappingError) in try CorridorModel.ListEntry(proto: value) }
        )
    }
}
