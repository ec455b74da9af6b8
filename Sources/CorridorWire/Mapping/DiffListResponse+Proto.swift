// DiffListResponse ⇄ Corridor_V1_DiffListResponse: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_DiffListResponse {
    public init(_ model: CorridorModel.DiffListResponse) {
        self.init(
            from: model.from.map(Corridor_V1_ListVersion.init),
            to: model.to.map(Corridor_V1_ListVersion.init),
            changes: model.changes.map(Corridor_V1_ListEntryChange.init)
        )
    }
}

extension CorridorModel.DiffListResponse {
    public init(proto: Corridor_V1_DiffListResponse) throws(MappingError) {
        self.init(
            from: try proto.from.map { value throws(MappingError) in try CorridorModel.ListVersion(proto: value) },
            to: try proto.to.map { value throws(MappingError) in try CorridorModel.ListVersion(proto: value) },
            changes: try proto.changes.map { value throws(MappingError) in try CorridorModel.ListEntryChange(proto: value) }
        )
    }
}
