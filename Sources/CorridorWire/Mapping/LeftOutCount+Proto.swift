// LeftOutCount ⇄ Corridor_V1_LeftOutCount: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_LeftOutCount {
    public init(_ model: CorridorModel.LeftOutCount) {
        self.init(
            reason: model.reason,
            count: model.count,
            ruleID: model.ruleID,
            imposedBy: model.imposedBy
        )
    }
}

extension CorridorModel.LeftOutCount {
    public init(proto: Corridor_V1_LeftOutCount) {
        self.init(
            reason: proto.reason,
            count: proto.count,
            ruleID: proto.ruleID,
            imposedBy: proto.imposedBy
        )
    }
}
