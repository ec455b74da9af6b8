// LeftOutCase ⇄ Corridor_V1_LeftOutCase: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_LeftOutCase {
    public init(_ model: CorridorModel.LeftOutCase) {
        self.init(
            caseID: model.caseID,
            ruleID: model.ruleID,
            imposedBy: model.imposedBy,
            rank: model.rank,
            reason: model.reason
        )
    }
}

extension CorridorModel.LeftOutCase {
    public init(proto: Corridor_V1_LeftOutCase) {
        self.init(
            caseID: proto.caseID,
            ruleID: proto.ruleID,
            imposedBy: proto.imposedBy,
            rank: proto.rank,
            reason: proto.reason
        )
    }
}
