// Not 1:1 in name: the model says `reason`, frame.proto says `description`; the same text.

// FieldViolation ⇄ Corridor_V1_FieldViolation: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_FieldViolation {
    public init(_ model: CorridorModel.FieldViolation) {
        self.init(
            field: model.field,
            description: model.reason
        )
    }
}

extension CorridorModel.FieldViolation {
    public init(proto: Corridor_V1_FieldViolation) {
        self.init(
            field: proto.field,
            reason: proto.description
        )
    }
}
