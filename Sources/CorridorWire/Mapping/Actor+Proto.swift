// Actor ⇄ Corridor_V1_Actor: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_Actor {
    public init(_ model: CorridorModel.Actor) {
        self.init(
            uid: model.uid,
            userName: model.userName,
            pid: model.pid,
            role: model.role,
            requestID: model.requestID
        )
    }
}

extension CorridorModel.Actor {
    public init(proto: Corridor_V1_Actor) {
        self.init(
            uid: proto.uid,
            userName: proto.userName,
            pid: proto.pid,
            role: proto.role,
            requestID: proto.requestID
        )
    }
}
