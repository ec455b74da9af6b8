// CaseStatusChanged ⇄ Corridor_V1_CaseStatusChanged: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_CaseStatusChanged {
    public init(_ model: CorridorModel.CaseStatusChanged) {
        self.init(
            caseID: model.caseID,
            from: Corridor_V1_Case.Status(model.from),
            to: Corridor_V1_Case.Status(model.to),
            date: model.date
        )
    }
}

extension CorridorModel.CaseStatusChanged {
    public init(proto: Corridor_V1_CaseStatusChanged) throws(MappingError) {
        self.init(
            caseID: proto.caseID,
            from: try CorridorModel.Case.Status(proto: proto.from, field: "corridor.v1.CaseStatusChanged.from"),
            to: try CorridorModel.Case.Status(proto: proto.to, field: "corridor.v1.CaseStatusChanged.to"),
            date: proto.date
        )
    }
}
