// PersonalErasure ⇄ Corridor_V1_PersonalErasure: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here.

import CorridorModel

extension Corridor_V1_PersonalErasure {
    public init(_ model: CorridorModel.PersonalErasure) {
        self.init(atMs: model.atMs, reason: model.reason)
    }
}

extension CorridorModel.PersonalErasure {
    public init(proto: __shared Corridor_V1_PersonalErasure) {
        self.init(atMs: proto.atMs, reason: proto.reason)
    }
}
