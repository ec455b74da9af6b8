// IncidentReported ⇄ Corridor_V1_IncidentReported: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_IncidentReported {
    public init(_ model: CorridorModel.IncidentReported) {
        self.init(
            movement: model.movement.map(Corridor_V1_Movement.init),
            incident: model.incident.map(Corridor_V1_Movement.Incident.init)
        )
    }
}

extension CorridorModel.IncidentReported {
    public init(proto: Corridor_V1_IncidentReported) throws(MappingError) {
        self.init(
            movement: try proto.movement.map { value throws(MappingError) in try CorridorModel.Movement(proto: value) },
            incident: try proto.incident.map { value throws(MappingError) in try CorridorModel.Movement.Incident(proto: value) }
        )
    }
}
