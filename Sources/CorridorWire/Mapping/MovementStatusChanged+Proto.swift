// MovementStatusChanged ⇄ Corridor_V1_MovementStatusChanged: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_MovementStatusChanged {
    public init(_ model: CorridorModel.MovementStatusChanged) {
        self.init(
            movement: model.movement.map(Corridor_V1_Movement.init),
            from: Corridor_V1_Movement.Status(model.from),
            to: Corridor_V1_Movement.Status(model.to),
            atMs: model.atMs,
            overrideReason: model.overrideReason
        )
    }
}

extension CorridorModel.MovementStatusChanged {
    public init(proto: Corridor_V1_MovementStatusChanged) throws(MappingError) {
        self.init(
            movement: try proto.movement.map { value throws(MappingError) in try CorridorModel.Movement(proto: value) },
            from: try CorridorModel.Movement.Status(proto: proto.from, field: "corridor.v1.MovementStatusChanged.from"),
            to: try CorridorModel.Movement.Status(proto: proto.to, field: "corridor.v1.MovementStatusChanged.to"),
            atMs: proto.atMs,
            overrideReason: proto.overrideReason
        )
    }
}
