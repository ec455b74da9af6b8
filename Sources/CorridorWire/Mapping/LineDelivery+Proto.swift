// LineDelivery ⇄ Corridor_V1_LineDelivery: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_LineDelivery {
    public init(_ model: CorridorModel.LineDelivery) {
        self.init(
            lineID: model.lineID,
            delivered: model.delivered
        )
    }
}

extension CorridorModel.LineDelivery {
    public init(proto: Corridor_V1_LineDelivery) {
        self.init(
            lineID: proto.lineID,
            delivered: proto.delivered
        )
    }
}
