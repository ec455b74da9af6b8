// WaitingCaseRow ⇄ Corridor_V1_WaitingCaseRow: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_WaitingCaseRow {
    public init(_ model: CorridorModel.WaitingCaseRow) {
        self.init(
            caseID: model.caseID,
            siteID: model.siteID,
            precedence: Corridor_V1_Case.Precedence(model.precedence),
            daysWaited: model.daysWaited,
            status: Corridor_V1_Case.Status(model.status),
            ageMonths: model.ageMonths,
            conditions: model.conditions.map(Corridor_V1_Case.Condition.init)
        )
    }
}

extension CorridorModel.WaitingCaseRow {
    public init(proto: Corridor_V1_WaitingCaseRow) throws(MappingError) {
        self.init(
            caseID: proto.caseID,
            siteID: proto.siteID,
            precedence: try CorridorModel.Case.Precedence(proto: proto.precedence, field: "corridor.v1.WaitingCaseRow.precedence"),
            daysWaited: proto.daysWaited,
            status: try CorridorModel.Case.Status(proto: proto.status, field: "corridor.v1.WaitingCaseRow.status"),
            ageMonths: proto.ageMonths,
            conditions: try proto.conditions.map { value throws(MappingError) in try CorridorModel.Case.Condition(proto: value, field: "corridor.v1.WaitingCaseRow.conditions") }
        )
    }
}
