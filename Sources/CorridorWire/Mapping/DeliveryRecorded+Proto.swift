// DeliveryRecorded ⇄ Corridor_V1_DeliveryRecorded: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_DeliveryRecorded {
    public init(_ model: CorridorModel.DeliveryRecorded) {
        self.init(
            movement: model.movement.map(Corridor_V1_Movement.init),
            lineIDs: model.lineIDs
        )
    }
}

extension CorridorModel.DeliveryRecorded {
    public init(proto: Corridor_V1_DeliveryRecorded) throws(MappingError) {
        self.init(
            movement: try proto.movement.map { value throws(MappingError) in try CorridorModel.Movement(proto: value) },
            lineIDs: proto.lineIDs
        )
    }
}
