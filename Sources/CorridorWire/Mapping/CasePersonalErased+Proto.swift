// CasePersonalErased ⇄ Corridor_V1_CasePersonalErased: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here.

import CorridorModel

extension Corridor_V1_CasePersonalErased {
    public init(_ model: CorridorModel.CasePersonalErased) {
        self.init(caseID: model.caseID)
    }
}

extension CorridorModel.CasePersonalErased {
    public init(proto: __shared Corridor_V1_CasePersonalErased) {
        self.init(caseID: proto.caseID)
    }
}
