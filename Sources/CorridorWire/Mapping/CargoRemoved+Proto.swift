// CargoRemoved ⇄ Corridor_V1_CargoRemoved: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_CargoRemoved {
    public init(_ model: CorridorModel.CargoRemoved) {
        self.init(
            movement: model.movement.map(Corridor_V1_Movement.init),
            removal: model.removal.map(Corridor_V1_Movement.Removal.init)
        )
    }
}

extension CorridorModel.CargoRemoved {
    public init(proto: Corridor_V1_CargoRemoved) throws(MappingError) {
        self.init(
            movement: try proto.movement.map { value throws(MappingError) in try CorridorModel.Movement(proto: value) },
            removal: try proto.removal.map { value throws(MappingError) in try CorridorModel.Movement.Removal(proto: value) }
        )
    }
}
