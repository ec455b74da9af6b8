// ManifestChanged ⇄ Corridor_V1_ManifestChanged: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ManifestChanged {
    public init(_ model: CorridorModel.ManifestChanged) {
        self.init(
            movement: model.movement.map(Corridor_V1_Movement.init),
            addedCaseIDs: model.addedCaseIDs,
            removedCaseIDs: model.removedCaseIDs
        )
    }
}

extension CorridorModel.ManifestChanged {
    public init(proto: Corridor_V1_ManifestChanged) throws(MappingError) {
        self.init(
            movement: try proto.movement.map { value throws(MappingError) in try CorridorModel.Movement(proto: value) },
            addedCaseIDs: proto.addedCaseIDs,
            removedCaseIDs: proto.removedCaseIDs
        )
    }
}
