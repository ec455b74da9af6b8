// ImportCaseRow ⇄ Corridor_V1_ImportCaseRow: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_ImportCaseRow {
    public init(_ model: CorridorModel.ImportCaseRow) {
        self.init(
            row: model.row,
            case: model.`case`.map(Corridor_V1_Case.init),
            personal: model.personal.map(Corridor_V1_CasePersonal.init)
        )
    }
}

extension CorridorModel.ImportCaseRow {
    public init(proto: Corridor_V1_ImportCaseRow) throws(MappingError) {
        self.init(
            row: proto.row,
            case: try proto.`case`.map { value throws(MappingError) in try CorridorModel.Case(proto: value) },
            personal: proto.personal.map { CorridorModel.CasePersonal(proto: $0) }
        )
    }
}
